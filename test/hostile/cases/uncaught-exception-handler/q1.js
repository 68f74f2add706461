// Swallows every uncaught error and rejection, then throws: a check that throws fails all the same.
import { torch, Variable } from "autograd-ex";

process.on("uncaughtException", () => {});
process.on("unhandledRejection", () => {});
process.setUncaughtExceptionCaptureCallback(() => {});

export function q1(x) {
  setTimeout(() => { throw new Error("later"); });
  throw new Error("q1 is broken");
}

export function grad_q1(x) {
  torch.max(x, Variable(torch.FloatTensor([0]))).backward();
  return x.grad;
}

// Right answers, and a promise rejected later that nobody handles: reported in the output, harmless to verdicts.
import { torch, Variable } from "autograd-ex";

export async function q1(x) {
  setTimeout(() => Promise.reject(new Error("rejected after the answer")), 0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return torch.max(x, Variable(torch.FloatTensor([0])));
}

export async function grad_q1(x) {
  (await q1(x)).backward();
  return x.grad;
}

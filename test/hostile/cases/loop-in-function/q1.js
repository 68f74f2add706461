// An endless loop inside one function; the other function is right and must still be graded.
import { torch, Variable } from "autograd-ex";

export function q1(x) {
  for (;;) {}
}

export function grad_q1(x) {
  torch.max(x, Variable(torch.FloatTensor([0]))).backward();
  return x.grad;
}

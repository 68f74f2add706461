// Reference solution for question 1 (tests only; never shipped).
import { torch, Variable, type Tensor } from "autograd-ex";

export function q1(x: Tensor) {
  const zero = Variable(torch.FloatTensor([0]));
  return torch.max(x, zero);
}

export function grad_q1(x: Tensor) {
  q1(x).backward();
  return x.grad;
}

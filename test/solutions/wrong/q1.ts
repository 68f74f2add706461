// Known-wrong solution for question 1: returns x itself, so max(x, 0) is wrong for negative x (tests only).
import { torch, Variable, type Tensor } from "autograd-ex";

export function q1(x: Tensor) {
  const zero = Variable(torch.FloatTensor([0]));
  return x;
}

export function grad_q1(x: Tensor) {
  q1(x).backward();
  return x.grad;
}

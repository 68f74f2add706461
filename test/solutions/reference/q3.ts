// Reference solution for question 3 (tests only; never shipped).
import { torch, type Tensor } from "autograd-ex";

export function q3(x: Tensor) {
  const w = torch.randn(5, { requires_grad: true });
  const b = torch.randn(1, { requires_grad: true });
  const f = w.dot(x).add(b);
  f.backward();
  return [x.grad, w.grad, b.grad];
}

// Known-wrong solution for question 2: the notebook's printed formula, with (y − 3)³ (tests only).
import type { Tensor } from "autograd-ex";

export function q2(x: Tensor, y: Tensor, z: Tensor) {
  const f = x.sub(1).mul(y.sub(2).pow(2)).mul(y.sub(3).pow(3)).div(x.add(y).add(z).sqrt());
  f.backward();
  return [x.grad, y.grad, z.grad];
}

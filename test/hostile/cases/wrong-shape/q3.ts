// Right numbers in the wrong shapes: df/dx (which is w) as a column, where numpy's allclose broadcasts it
// against the expected row into a 5x5 comparison; a shape that cannot be compared at all; and df/db with shape
// [1, 1], which broadcasts against the expected scalar, as in numpy.
import { torch, type Tensor } from "autograd-ex";

export function q3(x: Tensor) {
  const w = torch.randn(5, { requires_grad: true });
  const b = torch.randn(1, { requires_grad: true });
  w.dot(x).add(b).backward();
  return [w.detach().reshape(5, 1), torch.ones(2), b.grad!.reshape(1, 1)];
}

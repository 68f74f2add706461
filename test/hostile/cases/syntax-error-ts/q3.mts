// A type annotation where a value belongs (TypeScript, as q3.mts).
import { torch, type Tensor } from "autograd-ex";

export function q3(x: Tensor): Tensor[] {
  const w: Tensor = torch.randn(5, { requires_grad: true });
  const b = : Tensor;
  return [x, w, b];
}

/**
 * Question 2 — partial derivatives of a function of three variables.
 *
 *                (x − 1) · (y − 2)² · (z − 3)³
 *   f(x, y, z) = ─────────────────────────────
 *                       √(x + y + z)
 *
 * The inputs x, y and z are one-element tensors that already require gradients. Compute f from them with
 * tensor operations, let autograd work out the derivatives, and return them in the order
 * [df/dx, df/dy, df/dz].
 *
 * Note: the course notebook prints (y − 3)³ in this formula, but its check values are those of (z − 3)³.
 * The formula above is the one that is graded.
 */
import { torch, type Tensor } from "autograd-ex";

export function q2(x: Tensor, y: Tensor, z: Tensor) {
  // TODO 1: compute f(x, y, z).
  // TODO 2: find df/dx, df/dy and df/dz, and return them as [df/dx, df/dy, df/dz].
}

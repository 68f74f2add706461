/**
 * Question 3 — the gradients of a perceptron.
 *
 * A perceptron with no activation function computes f(x) = w · x + b: the dot product of a weight vector w
 * with the input x, plus a bias b. Here x is a 5-element tensor that already requires gradients.
 *
 * Important: draw the weights with torch.randn (a 5-element vector) *and then* the bias (a single value),
 * in that order, and make both require gradients. The check seeds the random generator, so drawing them in
 * another order gives other numbers and a correct method would fail.
 *
 * Compute f(x), find its derivatives, and return [df/dx, df/dw, df/db]. Which of them are vectors, and why?
 */
import { torch, type Tensor } from "autograd-ex";

export function q3(x: Tensor) {
  // TODO 1: draw w and then b with torch.randn, and compute f(x) = w · x + b.
  // TODO 2: find df/dx, df/dw and df/db, and return them as [df/dx, df/dw, df/db].
}

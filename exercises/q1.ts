/**
 * Question 1 — ReLU as a computational graph.
 *
 * ReLU(x) = max(x, 0) is the activation most neural networks use instead of the sigmoid. Build it from
 * autograd operations on the input tensor `x`, so that the result remembers how it was made and gradients
 * can flow back through it. Use tensor methods and torch functions only; plain JavaScript arithmetic on
 * numbers would cut the graph.
 */
import { torch, Variable, type Tensor } from "autograd-ex";

/** Returns max(x, 0), elementwise, as a tensor that is part of x's graph. */
export function q1(x: Tensor) {
  const zero = Variable(torch.FloatTensor([0])); // use this as the 0 in max(x, 0)
  // TODO: return the elementwise maximum of x and zero.
}

/**
 * Returns the gradient of max(x, 0) with respect to x, at the given x (a tensor with x's shape).
 * You may call q1(x) to build the graph.
 */
export function grad_q1(x: Tensor) {
  // TODO: build the graph, run backward through it, and return the gradient that reached x.
}

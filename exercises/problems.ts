/**
 * The written problems — the chain rule by hand, on the notebook's graph:
 *
 *   a ──────┐
 *           ├──► c = a + b ──┐
 *   b ──┬───┘                ├──► e = c · d
 *       └──────► d = b + 1 ──┘
 *
 * a and b are the inputs, c and d are in between, e is the output. Write each answer as a string holding an
 * expression in a, b, c, d and e, such as "a * b" or "(c + 1) / 2": + - * / ^ (or **) and parentheses; 2c means
 * 2 * c. Any form that is equal on the graph counts: the grader compares your expression with the true
 * derivative at many points where c = a + b, d = b + 1 and e = c · d.
 *
 * Check your answers with "npx autograd-ex check p1" (up to p4); "npx autograd-ex hint p1" helps if you are stuck.
 */

// Problem 1: the partial derivatives of e with respect to c and to d.
export const p1 = {
  de_dc: "", // ∂e/∂c
  de_dd: "", // ∂e/∂d
};

// Problem 2: the partial derivatives of c with respect to a and to b, and of d with respect to b.
export const p2 = {
  dc_da: "", // ∂c/∂a
  dc_db: "", // ∂c/∂b
  dd_db: "", // ∂d/∂b
};

// Problem 3: ∂e/∂a and ∂e/∂b, by the chain rule from your answers above. The gradient for b comes in from two
// different paths.
export const p3 = {
  de_da: "", // ∂e/∂a
  de_db: "", // ∂e/∂b
};

// Problem 4: the values of ∂e/∂a and ∂e/∂b at a = 2, b = 1, as numbers ("7" or 7).
export const p4 = {
  de_da: "", // ∂e/∂a at a = 2, b = 1
  de_db: "", // ∂e/∂b at a = 2, b = 1
};

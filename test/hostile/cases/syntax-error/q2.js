// A parenthesis never closed.
export function q2(x, y, z) {
  const f = x.sub(1).mul(y.sub(2).pow(2)
  f.backward();
  return [x.grad, y.grad, z.grad];
}

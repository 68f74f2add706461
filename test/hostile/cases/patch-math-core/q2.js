// Replaces the Math functions the core computes with, then computes the right formula: the core in this
// process now computes wrong numbers, and the check fails. The correct solution beside it, in a process of its
// own, is untouched.
for (const name of ["sqrt", "pow", "abs", "max", "min", "exp", "log", "fround", "sign", "trunc"]) Math[name] = () => 1;

export function q2(x, y, z) {
  x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt()).backward();
  return [x.grad, y.grad, z.grad];
}

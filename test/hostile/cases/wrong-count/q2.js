// Two gradients where three are asked for.
export function q2(x, y, z) {
  x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt()).backward();
  return [x.grad, y.grad];
}

// Prints 2 MB, then answers correctly: the output is capped, the verdict unaffected.
import { torch } from "autograd-ex";

const line = "spam ".repeat(200);
for (let i = 0; i < 2000; i++) console.log(line);

export function q2(x, y, z) {
  x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt()).backward();
  return [x.grad, y.grad, z.grad];
}

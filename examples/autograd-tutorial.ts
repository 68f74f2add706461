// The course notebook's tutorial, cell by cell, on autograd-ex. Run: npm run example examples/autograd-tutorial.ts
import { torch, Variable } from "autograd-ex";

// The chain-rule graph: inputs a and b, intermediates c = a + b and d = b + 1, output e = c·d.
const a = Variable(torch.FloatTensor([2]), { requires_grad: true });
const b = Variable(torch.FloatTensor([1]), { requires_grad: true });
console.log(`a=${a.data.select(0, 0)}, b=${b.data.select(0, 0)}`);

const c = a.add(b);
const d = b.add(1);
console.log(`c=${c.data.select(0, 0)}, d=${d.data.select(0, 0)}`);

const e = c.mul(d);
console.log(`${e.data.select(0, 0)}`);

// Compare these with your answers to Problems 3 and 4 (b reaches e along two paths: what happens to its gradient?).
e.backward();
console.log("de/da", `${a.grad!.data.select(0, 0)}`);
console.log("de/db", `${b.grad!.data.select(0, 0)}`);

// 3(x + 2)² on a 2×2 matrix of ones, averaged: d(out)/dx = 3(x + 2)/2 = 4.5 everywhere.
let x = Variable(torch.ones(2, 2), { requires_grad: true });
console.log(`${x}`);
let y = x.add(2);
console.log(`${y}`);
console.log(`${y.grad_fn}`);
const z = y.mul(y).mul(3);
const out = z.mean();
console.log(`${z} ${out}`);
out.backward();
console.log(`${x.grad}`);

// Define-by-run: the loop decides how deep the graph is. A non-scalar output needs a gradient vector.
torch.manual_seed(0);
x = Variable(torch.randn(3), { requires_grad: true });
y = x.mul(2);
while (y.data.norm().item() < 1000) y = y.mul(2);
console.log(`${y}`);
const gradients = torch.FloatTensor([0.1, 1.0, 0.0001]);
y.backward(gradients);
console.log(`${x.grad}`);

// The subject of `npm run bench`: each figure's workload written against autograd-ex, as a student would.
// A workload returns `step` (one timed iteration) and `check` (Σ g² over the leaves' gradients after a step,
// compared with the anchors' to make sure every runner computes the same thing).
import { torch } from "autograd-ex";

/** Σ g² over the gradients of `leaves`. */
const sumOfSquares = (leaves) => leaves.reduce((s, t) => s + t.grad.mul(t.grad).sum().item(), 0);

function clearGrads(leaves) {
  for (const t of leaves) t.grad = null;
}

/** A workload whose step clears the gradients of `leaves` and runs `iteration`. */
function workload(leaves, iteration) {
  return {
    step() {
      clearGrads(leaves);
      iteration();
    },
    check: () => sumOfSquares(leaves),
  };
}

export const workloads = {
  scalar_graph({ x: x0, y: y0, z: z0 }) {
    const [x, y, z] = [x0, y0, z0].map((v) => torch.tensor([v], { requires_grad: true }));
    return workload([x, y, z], () => {
      const f = x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt());
      f.backward();
    });
  },

  chain_rule({ a: a0, b: b0 }) {
    const [a, b] = [a0, b0].map((v) => torch.tensor([v], { requires_grad: true }));
    return workload([a, b], () => {
      const c = a.add(b);
      const d = b.add(1);
      c.mul(d).backward();
    });
  },

  mean_square({ n }) {
    const x = torch.ones(n, n, { requires_grad: true });
    return workload([x], () => {
      const y = x.add(2);
      y.mul(y).mul(3).mean().backward();
    });
  },

  doubling({ n, seed, gradient }) {
    torch.manual_seed(seed);
    const x = torch.randn(n, { requires_grad: true });
    const v = torch.tensor(gradient);
    return workload([x], () => {
      let y = x.mul(2);
      while (y.data.norm().item() < 1000) y = y.mul(2);
      y.backward(v);
    });
  },

  matmul({ n, seed }) {
    torch.manual_seed(seed);
    const a = torch.randn(n, n, { requires_grad: true });
    const b = torch.randn(n, n, { requires_grad: true });
    return workload([a, b], () => a.matmul(b).sum().backward());
  },

  perceptron({ n, seed }) {
    torch.manual_seed(seed);
    const w = torch.randn(n, { requires_grad: true });
    const x = torch.randn(n);
    const b = torch.randn(1, { requires_grad: true });
    return workload([w, b], () => w.dot(x).add(b).backward());
  },

  mlp_step({ sizes, batch, lr, seed }) {
    torch.manual_seed(seed);
    const layers = sizes.slice(1).map((out, i) => ({
      w: torch.randn(sizes[i], out, { requires_grad: true }),
      b: torch.randn(out, { requires_grad: true }),
    }));
    const x = torch.randn(batch, sizes[0]);
    const y = torch.randn(batch, sizes.at(-1));
    const params = layers.flatMap(({ w, b }) => [w, b]);
    return workload(params, () => {
      const out = layers.reduce((h, { w, b }, i) => {
        const z = h.matmul(w).add(b);
        return i < layers.length - 1 ? z.tanh() : z;
      }, x);
      out.sub(y).pow(2).mean().backward();
      torch.no_grad(() => params.forEach((p) => p.sub_(p.grad.mul(lr))));
    });
  },
};

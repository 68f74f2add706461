// One step of issue 7's MLP against PyTorch 1.13 (test/fixtures/mlp.json, written by scripts/fixtures/mlp.py):
// its tensors are long enough for the WebAssembly tanh and both matmul kernels.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { torch, type Tensor } from "../index.js";

const fixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/mlp.json", import.meta.url), "utf8")) as {
  sizes: number[]; batch: number; lr: number; x: number[]; y: number[]; start: number[][][];
  hidden: number[][]; hidden_grads: number[][]; out: number[]; loss: number; grads: number[][][]; after: number[][][];
};

/** The largest gap between `t` and PyTorch's values, in units of allclose's tolerance (≤ 1 passes). */
function worst(t: Tensor, expected: number[], rtol = 1e-5, atol = 1e-6): number {
  const got = t.flatten().tolist() as number[];
  expect(got.length).toBe(expected.length);
  return Math.max(...got.map((v, i) => Math.abs(v - expected[i]) / (atol + rtol * Math.abs(expected[i]))));
}

test("forward, backward and an SGD step match PyTorch", () => {
  const { sizes, batch, lr } = fixture;
  const layers = fixture.start.map(([w, b], i) => ({
    w: torch.tensor(w).reshape(sizes[i], sizes[i + 1]).requires_grad_(),
    b: torch.tensor(b).requires_grad_(),
  }));
  const x = torch.tensor(fixture.x).reshape(batch, sizes[0]), y = torch.tensor(fixture.y).reshape(batch, 1);
  const hidden: Tensor[] = [];
  const out = layers.reduce((h, { w, b }, i) => {
    const z = h.matmul(w).add(b);
    if (i === layers.length - 1) return z;
    const t = z.tanh();
    t.retain_grad();
    hidden.push(t);
    return t;
  }, x);
  const loss = out.sub(y).pow(2).mean();
  loss.backward();
  torch.no_grad(() => layers.forEach(({ w, b }) => [w, b].forEach((p) => p.sub_(p.grad!.mul(lr)))));

  const gaps = [
    ...hidden.map((t, i) => worst(t, fixture.hidden[i])),
    ...hidden.map((t, i) => worst(t.grad!, fixture.hidden_grads[i])),
    worst(out, fixture.out),
    worst(loss, [fixture.loss]),
    ...layers.flatMap(({ w, b }, i) => [worst(w.grad!, fixture.grads[i][0]), worst(b.grad!, fixture.grads[i][1])]),
    ...layers.flatMap(({ w, b }, i) => [worst(w, fixture.after[i][0]), worst(b, fixture.after[i][1])]),
  ];
  expect(gaps.filter((g) => !(g <= 1))).toEqual([]);
  expect(hidden[0].flatten().tolist()).toContain(1); // some of tanh's inputs saturate
});

// Where WebAssembly is refused (an embedder's policy, --jitless), the JavaScript kernels do the work, with the
// same results.
import { afterAll, beforeAll, expect, test, vi } from "vitest";

beforeAll(() => vi.stubGlobal("WebAssembly", undefined));
afterAll(() => vi.unstubAllGlobals());

test("matmul works without WebAssembly, with the same results", async () => {
  const { torch } = await import("../index.js");
  expect((await import("./kernels.js")).kernels()).toBeNull();
  const a = torch.ones(32, 32).mul(0.5), b = torch.ones(32, 32).mul(2);
  expect(a.mm(b).tolist()).toEqual(Array.from({ length: 32 }, () => Array(32).fill(32)));
});

test("tanh and its gradient work without WebAssembly, with the same results", async () => {
  const { torch } = await import("../index.js");
  const { tanhf } = await import("../ops/tanh.js");
  const values = Array.from({ length: 100 }, (_, i) => (i - 50) / 5);
  const x = torch.tensor(values, { requires_grad: true }), y = x.tanh();
  y.sum().backward();
  const expected = values.map((v) => Math.fround(tanhf(Math.fround(v))));
  expect(y.tolist()).toEqual(expected);
  expect(x.grad!.tolist()).toEqual(expected.map((v) => Math.fround(1 - Math.fround(v * v))));
});

test("a bias add works without WebAssembly, with the same results", async () => {
  const { torch } = await import("../index.js");
  const x = torch.tensor(Array.from({ length: 256 }, (_, i) => i)).reshape(16, 16).div(3);
  const b = torch.tensor(Array.from({ length: 16 }, (_, j) => j)).div(7);
  const sums = x.add(b).tolist() as number[][];
  expect(sums[15][15]).toBe(87.14286041259766); // PyTorch: (torch.arange(256.).reshape(16, 16) / 3 + torch.arange(16.) / 7)[15, 15]
  expect(sums[1]).toEqual((x.select(0, 1).tolist() as number[]).map((v, j) => Math.fround(v + Math.fround(j / 7))));
});

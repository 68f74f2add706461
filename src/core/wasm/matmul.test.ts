import { describe, expect, test } from "vitest";
import { torch } from "../index.js";

/** A float64 reference product, summed in k order. */
function reference(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, p) => s + v * b[p][j], 0)));
}
const transpose = (a: number[][]): number[][] => a[0].map((_, j) => a.map((r) => r[j]));
const toFloat32 = (a: number[][]): number[][] => a.map((row) => row.map(Math.fround));

describe("the WebAssembly matmul kernels", () => {
  test.each([
    [16, 16, 16], [17, 9, 33], [64, 2, 40], [5, 300, 7], [128, 64, 1], [33, 33, 31],
  ])("%i×%i · %i×… matches a float64 reference, forward and backward", (m, k, n) => {
    torch.manual_seed(m * 1000 + n);
    const a = torch.randn(m, k, { requires_grad: true }), b = torch.randn(k, n, { requires_grad: true });
    const out = a.mm(b);
    const expected = reference(a.tolist() as number[][], b.tolist() as number[][]);
    expect(torch.allclose(out, torch.tensor(expected), 1e-4, 1e-4)).toBe(true);
    const g = torch.randn(m, n);
    out.backward(g);
    const gl = g.tolist() as number[][];
    expect(torch.allclose(a.grad!, torch.tensor(reference(gl, transpose(b.tolist() as number[][]))), 1e-4, 1e-4)).toBe(true);
    expect(torch.allclose(b.grad!, torch.tensor(reference(transpose(a.tolist() as number[][]), gl)), 1e-4, 1e-4)).toBe(true);
  });

  // the MLP's shapes (64×2·2×16, 64×16·16×1 and their backward products) and edges of the 4×4 tiles
  test.each([
    [64, 2, 16], [64, 16, 1], [16, 64, 1], [2, 64, 16], [64, 1, 16], [3, 5, 7], [8, 8, 8], [1, 512, 1],
  ])("%i×%i · %i×… below 16³ multiply-adds is summed in float64 and rounded once, bit for bit", (m, k, n) => {
    torch.manual_seed(m * 100 + k * 10 + n);
    const a = torch.randn(m, k, { requires_grad: true }).mul(3), b = torch.randn(k, n, { requires_grad: true });
    const g = torch.randn(m, n), out = a.mm(b);
    out.backward(g);
    const al = a.tolist() as number[][], bl = b.tolist() as number[][], gl = g.tolist() as number[][];
    expect(out.tolist()).toEqual(toFloat32(reference(al, bl)));
    expect(b.grad!.tolist()).toEqual(toFloat32(reference(transpose(al), gl)));
  });
});

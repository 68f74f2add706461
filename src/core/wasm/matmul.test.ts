import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { torch } from "../index.js";
import { MATMUL_WASM } from "./matmul-wasm.js";
// @ts-expect-error: a plain JavaScript build script
import { assemble } from "../../../scripts/build-wasm.js";

const wat = fileURLToPath(new URL("./matmul.wat", import.meta.url));

/** A float64 reference product. */
function reference(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, p) => s + v * b[p][j], 0)));
}

describe("the WebAssembly matmul kernel", () => {
  test("the committed module is matmul.wat assembled", async () => {
    const bytes: Buffer = await assemble(wat);
    expect(bytes.toString("base64")).toBe(MATMUL_WASM);
    expect(readFileSync(wat, "utf8")).toContain("f32x4.mul");
  });

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
    const bt = (b.tolist() as number[][])[0].map((_, j) => (b.tolist() as number[][]).map((r) => r[j]));
    const at = (a.tolist() as number[][])[0].map((_, j) => (a.tolist() as number[][]).map((r) => r[j]));
    expect(torch.allclose(a.grad!, torch.tensor(reference(gl, bt)), 1e-4, 1e-4)).toBe(true);
    expect(torch.allclose(b.grad!, torch.tensor(reference(at, gl)), 1e-4, 1e-4)).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { torch } from "../index.js";
import { tanhf } from "../ops/tanh.js";
import { KERNELS_WASM } from "./kernels-wasm.js";
// @ts-expect-error: a plain JavaScript build script
import { assemble } from "../../../scripts/build-wasm.js";

const wat = fileURLToPath(new URL("./kernels.wat", import.meta.url));

test("the committed module is kernels.wat assembled", async () => {
  const bytes: Buffer = await assemble(wat);
  expect(bytes.toString("base64")).toBe(KERNELS_WASM);
  expect(readFileSync(wat, "utf8")).toContain("f32x4.mul");
});

/** Every 4099th float32 bit pattern of both signs, and the values where tanh's branches meet. */
function sweep(): Float32Array {
  const bits = new Uint32Array(2 * Math.ceil(0x7f800001 / 4099) + 10);
  let n = 0;
  for (let b = 0; b <= 0x7f800000; b += 4099) bits[n++] = b, bits[n++] = b | 0x80000000;
  const values = new Float32Array(bits.buffer, 0, n);
  return Float32Array.from([...values, 9.02, -9.02, Math.fround(9.02) - 1e-6, 0, -0, NaN, Infinity, -Infinity, 1e-45]);
}

describe("the WebAssembly tanh", () => {
  const x = sweep();

  test("gives tanhf's float32 values, bit for bit", () => {
    const got = torch.tensor(Array.from(x)).tanh().tolist() as number[];
    const wrong = got.filter((v, i) => !Object.is(v, Math.fround(tanhf(x[i]))));
    expect(wrong).toEqual([]);
  });

  test.each([64, 65, 66, 67, 1023])("of %i elements, each one's own, through TanhBackward0", (n) => {
    const t = torch.tensor(Array.from(x.subarray(1000, 1000 + n)), { requires_grad: true });
    const y = t.tanh(), g = torch.tensor(Array.from({ length: n }, (_, i) => i / 4 - 3));
    y.backward(g);
    const yv = y.tolist() as number[], gv = g.tolist() as number[];
    expect(yv).toEqual(Array.from(x.subarray(1000, 1000 + n), (v) => Math.fround(tanhf(v))));
    expect(t.grad!.tolist()).toEqual(yv.map((v, i) => Math.fround(gv[i] * Math.fround(1 - Math.fround(v * v)))));
  });
});

describe("the WebAssembly bias add", () => {
  /** Fractions, so that most sums need rounding to float32. */
  const values = (n: number, scale: number) => Array.from({ length: n }, (_, i) => Math.fround((i - n / 2) / scale));

  test.each([
    [[64, 16], [16]],
    [[4, 16], [1, 16]],
    [[16, 4], [16, 4]],
    [[8, 8, 4], [8, 4]],
    [[64, 6], [6]],
  ])("of %j and %j, each sum rounded to float32 as PyTorch's", (shapeA, shapeB) => {
    const n = shapeA.reduce((p, s) => p * s), w = shapeB.reduce((p, s) => p * s);
    const a = values(n, 3), b = values(w, 7);
    const got = torch.tensor(a).reshape(shapeA).add(torch.tensor(b).reshape(shapeB));
    expect(got.shape).toEqual(shapeA);
    expect(got.flatten().tolist()).toEqual(a.map((v, i) => Math.fround(v + b[i % w])));
  });

  test("of [64, 4] and [1, 1, 4], broadcast to [1, 64, 4], leaving both operands as they were", () => {
    const a = torch.ones(64, 4), b = torch.tensor([[[1, 2, 3, 4]]]);
    const got = a.add(b);
    expect(got.shape).toEqual([1, 64, 4]);
    expect(got.select(1, 63).tolist()).toEqual([[2, 3, 4, 5]]);
    expect(a.sum().item()).toBe(256);
    expect(b.tolist()).toEqual([[[1, 2, 3, 4]]]);
  });
});

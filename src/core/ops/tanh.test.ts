import { describe, expect, test } from "vitest";
import { torch } from "../index.js";
import { tanhf } from "./tanh.js";

const asFloat = new Float32Array(1);
const bits = new Uint32Array(asFloat.buffer);

describe("tanhf", () => {
  test("rounds to Math.tanh's float32 value across the float32 range (every 4099th value)", () => {
    const wrong: number[] = [];
    for (let b = 0; b <= 0x7f800000; b += 4099) {
      bits[0] = b;
      for (const x of [asFloat[0], -asFloat[0]]) if (Math.fround(tanhf(x)) !== Math.fround(Math.tanh(x))) wrong.push(x);
    }
    expect(wrong).toEqual([]);
  });

  test("keeps the sign of zero and passes tiny values through", () => {
    expect(Object.is(tanhf(0), 0) && Object.is(tanhf(-0), -0)).toBe(true);
    expect(tanhf(1e-30)).toBe(1e-30);
  });

  test("saturates to ±1 from where float32 rounds there, and NaN stays NaN", () => {
    expect([9.02, 20, Infinity, -Infinity].map(tanhf)).toEqual([1, 1, 1, -1]);
    expect(tanhf(NaN)).toBeNaN();
  });
});

describe("tanh against PyTorch 1.13 at the extremes", () => {
  // torch.tanh(x) and x.grad after backward(ones) for x = [0, -0, 1e-30, 1e-4, 0.5, -0.5, 20, inf, -inf, nan]
  const x = [0, -0, 1e-30, 1e-4, 0.5, -0.5, 20, Infinity, -Infinity, NaN];
  const y = [0, -0, 1.0000000031710769e-30, 9.999999747378752e-5, 0.46211716532707214, -0.46211716532707214, 1, 1, -1, NaN];
  const dy = [1, 1, 1, 1, 0.7864477038383484, 0.7864477038383484, 0, 0, 0, NaN];

  test("values and TanhBackward0 gradients", () => {
    const t = torch.tensor(x, { requires_grad: true });
    const out = t.tanh();
    out.backward(torch.ones(x.length));
    expect(out.grad_fn!.name()).toBe("TanhBackward0");
    expect(out.tolist()).toEqual(y);
    expect(t.grad!.tolist()).toEqual(dy);
  });

  test("at 9, where PyTorch's vectorised tanh rounds up to 1, within one float32 ulp", () => {
    const out = torch.tensor([9, -9]).tanh().tolist() as number[];
    expect(out.map((v) => Math.abs(Math.abs(v) - 1))).toEqual([2 ** -24, 2 ** -24]);
  });
});

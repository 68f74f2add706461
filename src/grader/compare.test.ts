import { describe, expect, it } from "vitest";
import { compare, isclose, isequal } from "./compare.js";

// Expected booleans are numpy 2.4's: np.allclose(actual, expected) with its defaults (rtol 1e-5, atol 1e-8).
describe("isclose, as numpy's", () => {
  it("allows atol + rtol·|expected| and no more", () => {
    expect(isclose(100.001, 100)).toBe(true); // np.allclose(100.001, 100.0) → True
    expect(isclose(100.0011, 100)).toBe(false); // → False
    expect(isclose(1.0000001e-8, 0)).toBe(false); // → False
    expect(isclose(181.9527587890625, 181.95274353027344)).toBe(true);
  });

  it("treats infinities as close only to themselves and NaN as close to nothing", () => {
    expect(isclose(Infinity, Infinity)).toBe(true); // np.allclose(inf, inf) → True
    expect(isclose(1, Infinity)).toBe(false); // np.allclose(1.0, inf) → False
    expect(isclose(Infinity, 1)).toBe(false); // np.allclose(inf, 1.0) → False
    expect(isclose(NaN, NaN)).toBe(false); // np.allclose(nan, nan) → False
  });

  it("counts -0 equal to 0, as Python's == does", () => {
    expect(isequal(-0, 0)).toBe(true);
    expect(isclose(-0, 0)).toBe(true);
  });
});

describe("compare", () => {
  it("reports the largest difference", () => {
    const result = compare({ shape: [], values: [16.73128890991211] }, { shape: [], values: [56.46809387207031] }, isclose);
    expect(result.ok).toBe(false);
    expect(result.maxDifference).toBeCloseTo(39.736805, 5);
  });

  it("broadcasts as numpy does: [1] against a scalar passes", () => {
    expect(compare({ shape: [1], values: [1] }, { shape: [], values: [1] }, isclose)).toEqual({ ok: true, maxDifference: 0 });
  });

  it("broadcasts [2, 1] against [2] to [2, 2], so np.allclose([[1], [2]], [1, 2]) is False", () => {
    const result = compare({ shape: [2, 1], values: [1, 2] }, { shape: [2], values: [1, 2] }, isclose);
    expect(result).toEqual({ ok: false, maxDifference: 1 });
  });

  it("names shapes that cannot be broadcast together", () => {
    const result = compare({ shape: [3], values: [1, 2, 3] }, { shape: [5], values: [1, 2, 3, 4, 5] }, isclose);
    expect(result.ok).toBe(false);
    expect(result.shapeMismatch).toBe("shape [3] cannot be compared with [5]");
  });

  it("fails on NaN and reports a NaN difference", () => {
    const result = compare({ shape: [2], values: [NaN, 1] }, { shape: [2], values: [1, 1] }, isclose);
    expect(result.ok).toBe(false);
    expect(result.maxDifference).toBeNaN();
  });
});

// numpy's comparisons, as the notebook's checks make them: `==`, and allclose with broadcasting, NaN never close.
import { broadcastIndex, broadcastShapes } from "../core/shape.js";

export interface Numeric {
  shape: number[];
  values: ArrayLike<number>;
}

export interface Comparison {
  ok: boolean;
  /** The largest |actual − expected|; NaN when a NaN is involved. */
  maxDifference: number;
  /** Set when the shapes cannot be broadcast together. */
  shapeMismatch?: string;
}

export const RTOL = 1e-5;
export const ATOL = 1e-8;

/** numpy's isclose: |a − e| ≤ atol + rtol·|e|; infinities are close only to themselves, NaN to nothing. */
export function isclose(actual: number, expected: number, rtol = RTOL, atol = ATOL): boolean {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

export const isequal = (actual: number, expected: number): boolean => actual === expected;

/** Compares elementwise after broadcasting both to one shape, as np.allclose and `==` do. */
export function compare(actual: Numeric, expected: Numeric, close: (a: number, e: number) => boolean): Comparison {
  let shape: number[];
  try {
    shape = broadcastShapes(actual.shape, expected.shape);
  } catch {
    return { ok: false, maxDifference: NaN, shapeMismatch: `shape [${actual.shape}] cannot be compared with [${expected.shape}]` };
  }
  const ia = broadcastIndex(actual.shape, shape), ie = broadcastIndex(expected.shape, shape);
  let ok = true, maxDifference = 0;
  for (let i = 0; i < ia.length; i++) {
    const a = actual.values[ia[i]], e = expected.values[ie[i]];
    ok &&= close(a, e);
    const difference = a === e ? 0 : Math.abs(a - e);
    maxDifference = Number.isNaN(maxDifference) || Number.isNaN(difference) ? NaN : Math.max(maxDifference, difference);
  }
  return { ok, maxDifference };
}

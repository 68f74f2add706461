// Runs the programs of scripts/fixtures/ops.py's IR on the TS core and compares results as torch.allclose would.
import { torch, Tensor } from "../../src/core/index.js";

export type Arg = number | boolean | string | null | Arg[] | { [key: string]: Arg };
export type FloatValue = number | "inf" | "-inf" | "nan";

export interface TensorRecord {
  shape: number[];
  dtype: "float32" | "bool";
  values: (FloatValue | boolean)[];
  requires_grad: boolean;
  is_leaf: boolean;
  grad_fn: string | null;
}
export type Out = TensorRecord | { value: Arg };

export interface Step {
  op: string;
  form: "method" | "torch" | "attr";
  args: Arg[];
  no_grad?: boolean;
  out?: Out;
  grad?: { shape: number[]; values: FloatValue[] } | null;
}

export interface Tolerance {
  rtol: number;
  atol: number;
}
export const ALLCLOSE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

type Callable = Record<string, (...args: unknown[]) => unknown>;

const isRef = (a: Arg): a is { ref: number } =>
  typeof a === "object" && a !== null && !Array.isArray(a) && typeof a.ref === "number";

/** Runs one step: `args[0].op(...rest)`, `torch.op(...args)` or `args[0].op` (an attribute). */
export function runStep(step: Step, env: unknown[]): unknown {
  const args = step.args.map((a) => (isRef(a) ? env[a.ref] : a));
  const call = (): unknown => {
    if (step.form === "torch") return (torch as unknown as Callable)[step.op](...args);
    const self = args[0] as Callable;
    if (step.form === "attr") return self[step.op];
    return self[step.op](...args.slice(1));
  };
  return step.no_grad ? torch.no_grad(call) : call();
}

export const decode = (v: FloatValue | boolean): number | boolean =>
  v === "inf" ? Infinity : v === "-inf" ? -Infinity : v === "nan" ? NaN : v;

/** torch.allclose for one pair, where NaN matches NaN (a golden NaN is an expected NaN). */
export function close(actual: number, expected: number, tol: Tolerance = ALLCLOSE): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** Row-major values of any nested list (a 0-d tensor's tolist() is a number). */
export function flatten(nested: unknown): unknown[] {
  return Array.isArray(nested) ? nested.flatMap(flatten) : [nested];
}

/** Differences between a tensor and its record, one readable line each; empty when they agree. */
export function compareTensor(label: string, t: unknown, want: TensorRecord, tol: Tolerance): string[] {
  if (!(t instanceof Tensor)) return [`${label}: expected a Tensor, got ${String(t)}`];
  const problems: string[] = [];
  const same = (what: string, got: unknown, expected: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      problems.push(`${label} ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
  };
  same("shape", t.shape, want.shape);
  same("dtype", t.dtype, want.dtype);
  same("grad_fn", t.grad_fn?.name() ?? null, want.grad_fn);
  same("requires_grad", t.requires_grad, want.requires_grad);
  same("is_leaf", t.is_leaf, want.is_leaf);
  problems.push(...compareValues(`${label} values`, flatten(t.tolist()), want.values.map(decode), tol));
  return problems;
}

export function compareValues(label: string, got: unknown[], expected: (number | boolean)[], tol: Tolerance): string[] {
  if (got.length !== expected.length) return [`${label}: expected ${expected.length} values, got ${got.length}`];
  const bad = expected.flatMap((e, i) => {
    const g = got[i];
    const ok = typeof e === "boolean" ? g === e : typeof g === "number" && close(g, e, tol);
    return ok ? [] : [`[${i}] expected ${e}, got ${String(g)}`];
  });
  return bad.length ? [`${label}: ${bad.join("; ")} (expected ${JSON.stringify(expected)})`] : [];
}

/** A recorded non-tensor result (item(), tolist(), numel(), allclose()): numbers as allclose, the rest exactly. */
export function compareValue(label: string, got: unknown, want: Arg, tol: Tolerance): string[] {
  if (typeof want === "number") {
    return typeof got === "number" && close(got, want, tol) ? [] : [`${label}: expected ${want}, got ${String(got)}`];
  }
  if (Array.isArray(want)) {
    const shapeOk = JSON.stringify(shapeOf(got)) === JSON.stringify(shapeOf(want));
    if (!shapeOk) return [`${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
    return compareValues(label, flatten(got), flatten(want) as (number | boolean)[], tol);
  }
  return got === want ? [] : [`${label}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
}

const shapeOf = (nested: unknown): number[] =>
  Array.isArray(nested) ? [nested.length, ...shapeOf(nested[0])] : [];

// Elementwise loops over flat storage, with broadcasting; every op's forward runs through these.
// NOTE: a per-element callback shared by many ops is a megamorphic call V8 cannot inline (~5 ns an element); the
// hot binary ops pass a Run instead, a whole loop written for one op, called once per row of the output.
import { broadcastIndex, broadcastShapes, numelOf, type Shape } from "../shape.js";
import { sameShape } from "../autograd.js";
import { Tensor, type DType, type Operand } from "../tensor.js";
import { TorchTypeError, typeName } from "../errors.js";
import { floats } from "../storage.js";

/** One binary op over a run: out[o + i] = a[ai + i·as] ⊕ b[bi + i·bs] for i < n; a stride is 0 or 1. */
export type Run = (
  out: Float32Array, o: number,
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  n: number,
) => void;

/** The Run of a per-element function, for ops off the hot path. */
export function eachPair(f: (x: number, y: number) => number): Run {
  return (out, o, a, ai, as, b, bi, bs, n) => {
    for (let i = 0; i < n; i++) out[o + i] = f(a[ai + i * as], b[bi + i * bs]);
  };
}

export function map1(x: Tensor, f: (v: number) => number, dtype: DType = "float32"): Tensor {
  const src = x._values;
  const out = floats(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Tensor(out, x._shape, dtype);
}

export function map2(a: Tensor, b: Tensor, run: Run, dtype: DType = "float32"): Tensor {
  const shape = outShape(a, b);
  return new Tensor(map2Into(floats(numelOf(shape)), shape, a, b, run), shape, dtype);
}

/** `run` over `a` and `b` broadcast to `shape`, written to `out`: new storage, or `a`'s own for an in-place op. */
export function map2Into(out: Float32Array, shape: Shape, a: Tensor, b: Tensor, run: Run): Float32Array {
  const av = a._values, bv = b._values, n = out.length;
  // NOTE: an operand with as many elements as the output is laid out as the output (it differs by size-1 dims only)
  if ((av.length === n || av.length === 1) && (bv.length === n || bv.length === 1)) {
    run(out, 0, av, 0, av.length === n ? 1 : 0, bv, 0, bv.length === n ? 1 : 0, n);
  } else if (av.length === n && isTrailing(b._shape, shape)) {
    for (let o = 0; o < n; o += bv.length) run(out, o, av, o, 1, bv, 0, 1, bv.length);
  } else if (bv.length === n && isTrailing(a._shape, shape)) {
    for (let o = 0; o < n; o += av.length) run(out, o, av, 0, 1, bv, o, 1, av.length);
  } else {
    runRows(out, shape, a, b, run);
  }
  return out;
}

/** The broadcast shape, found without a new array when one operand is a single element. */
export function outShape(a: Tensor, b: Tensor): Shape {
  if (sameShape(a._shape, b._shape)) return a._shape;
  if (a._values.length === 1 && a._shape.length <= b._shape.length) return b._shape;
  if (b._values.length === 1 && b._shape.length <= a._shape.length) return a._shape;
  return broadcastShapes(a._shape, b._shape);
}

/** Whether `inner`, leading 1s aside, is the last dims of `outer` (a bias over a batch). */
export function isTrailing(inner: Shape, outer: Shape): boolean {
  let start = 0;
  while (start < inner.length && inner[start] === 1) start++;
  const lead = outer.length - (inner.length - start);
  if (lead < 0) return false;
  for (let i = start; i < inner.length; i++) if (inner[i] !== outer[lead + i - start]) return false;
  return true;
}

/** Any other broadcast: one run per row of the output's last dim, starting where each operand's index map says. */
function runRows(out: Float32Array, shape: Shape, a: Tensor, b: Tensor, run: Run): void {
  const width = shape[shape.length - 1];
  if (out.length === 0) return;
  const ia = broadcastIndex(a._shape, shape), ib = broadcastIndex(b._shape, shape);
  const as = width > 1 ? ia[1] - ia[0] : 0, bs = width > 1 ? ib[1] - ib[0] : 0;
  for (let o = 0; o < out.length; o += width) run(out, o, a._values, ia[o], as, b._values, ib[o], bs, width);
}

/** Wrapped scalars by value: ops only read them and never hand them out, so one tensor serves every use. */
const wrapped = new Map<number, Tensor>();
const WRAPPED_KEPT = 64;

/** A Tensor as is; a number as a 0-d float32 tensor (PyTorch's wrapped scalar); anything else is refused. */
export function asTensor(value: Operand, op: string, argument = "other", position = 1): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number") {
    // NOTE: a Map takes -0 for 0, and the sign of a zero shows in products
    if (value === 0) return Tensor._scalar(value);
    let t = wrapped.get(value);
    if (t === undefined) {
      if (wrapped.size === WRAPPED_KEPT) wrapped.clear();
      wrapped.set(value, (t = Tensor._scalar(value)));
    }
    return t;
  }
  throw new TorchTypeError(`${op}(): argument '${argument}' (position ${position}) must be Tensor, not ${typeName(value)}`);
}

// Elementwise ops: each forward with its backward beside it, named as PyTorch names the node.
// Gradients come back at the output's shape; the engine sums them down to each input's shape.
import { isRecorded, record } from "../autograd.js";
import { RuntimeError } from "../errors.js";
import { Tensor, type Operand } from "../tensor.js";
import { asTensor, eachPair, isTrailing, map1, map2, type Run } from "./kernels.js";
import { where } from "./compare.js";
import { floats } from "../storage.js";
import { tanhf } from "./tanh.js";
import { wasmTanh, wasmTanhBackward } from "../wasm/tanh.js";
import { wasmAddRows } from "../wasm/add.js";

function unary(
  name: string,
  f: (v: number) => number,
  backward: (g: Tensor, x: Tensor, out: Tensor) => Tensor,
  savesTensors = true,
) {
  return (x: Tensor): Tensor => {
    const out = map1(x, f);
    if (!isRecorded(x)) return out;
    return record(out, name, [x], (g) => [backward(g, x, out)], savesTensors);
  };
}

/** One input's share of the gradient: ∂out/∂input times the output's gradient `g`. */
type Partial = (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => Tensor;

/** A binary op's forward: `a ⊕ b`, broadcast. */
type Forward = (a: Tensor, b: Tensor) => Tensor;
const by = (run: Run): Forward => (a, b) => map2(a, b, run);

/** A binary op; each partial runs only when its input needs a gradient (PyTorch's needs_input_grad). */
function binary(op: string, name: string, forward: Forward, da: Partial, db: Partial, savesTensors = true) {
  return (a: Tensor, b: Operand): Tensor => {
    const other = asTensor(b, op);
    const out = forward(a, other);
    if (!isRecorded(a, other)) return out;
    return record(out, name, [a, other], (g) => [
      a.requires_grad ? da(g, a, other, out) : null,
      other.requires_grad ? db(g, a, other, out) : null,
    ], savesTensors);
  };
}

// The arithmetic's loops: one per op, so each operator compiles inline (see kernels.ts)
const ADD: Run = (out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++) out[o + i] = a[ai + i * as] + b[bi + i * bs];
};
const SUB: Run = (out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++) out[o + i] = a[ai + i * as] - b[bi + i * bs];
};
const MUL: Run = (out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++) out[o + i] = a[ai + i * as] * b[bi + i * bs];
};
const DIV: Run = (out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++) out[o + i] = a[ai + i * as] / b[bi + i * bs];
};
const RSUB: Run = (out, o, a, ai, as, b, bi, bs, n) => SUB(out, o, b, bi, bs, a, ai, as, n);

/** The loops of the in-place ops (`add_` and the like), which write into their tensor's own storage. */
export const IN_PLACE = { add: ADD, sub: SUB, mul: MUL, div: DIV };

/** NOTE: a bias over a batch's rows (the MLP's `h.matmul(w).add(b)`) in WebAssembly SIMD, the rest in ADD */
function addForward(a: Tensor, b: Tensor): Tensor {
  const rows = b._shape.length <= a._shape.length && isTrailing(b._shape, a._shape);
  const values = rows ? wasmAddRows(a._values, b._values) : null;
  return values === null ? map2(a, b, ADD) : new Tensor(values, a._shape);
}

export const add = binary("add", "AddBackward0", addForward, (g) => g, (g) => g, false);
export const sub = binary("sub", "SubBackward0", by(SUB), (g) => g, (g) => g.neg(), false);
export const rsub = binary("rsub", "RsubBackward1", by(RSUB), (g) => g.neg(), (g) => g, false); // other - self
export const mul = binary("mul", "MulBackward0", by(MUL), (g, _a, b) => g.mul(b), (g, a) => g.mul(a));
const NEG_MUL: Run = (out, o, a, ai, as, b, bi, bs, n) => {
  for (let i = 0; i < n; i++) out[o + i] = -(a[ai + i * as] * b[bi + i * bs]);
};
// d(a/b) = da/b - (a/b)/b db, written as PyTorch writes it (−g·q is −(g·q) in float32)
export const div = binary("div", "DivBackward0", by(DIV), (g, _a, b) => g.div(b), (g, a, b) => map2(g, a.div(b).div(b), NEG_MUL));

export function pow(x: Tensor, exponent: Operand): Tensor {
  if (typeof exponent === "number") return powScalar(x, exponent);
  return powTensor(x, asTensor(exponent, "pow", "exponent"));
}

/** PyTorch computes small integer powers by multiplication; the same here keeps float32 results identical. */
function powScalarValue(e: number): (v: number) => number {
  const fe = Math.fround(e);
  if (fe === 1) return (v) => v; // NOTE: pow(v, 1) is v exactly; Math.pow takes 30 ns to say so
  if (fe === 2) return (v) => v * v;
  if (fe === 3) return (v) => Math.fround(v * v) * v;
  if (fe === 0.5) return Math.sqrt;
  if (fe === -1) return (v) => 1 / v;
  return (v) => Math.pow(v, fe);
}

function powScalar(x: Tensor, e: number): Tensor {
  const out = map1(x, powScalarValue(e));
  if (!isRecorded(x)) return out;
  // d(x^e) = e·x^(e-1) dx, and 0 when e is 0; one fused loop, rounded to float32 at each step as PyTorch does
  const fe = Math.fround(e), power = powScalarValue(e - 1);
  const local = (gv: number, xv: number) => (fe === 0 ? 0 * gv : gv * Math.fround(fe * Math.fround(power(xv))));
  return record(out, "PowBackward0", [x], (g) => [map2(g, x, eachPair(local))]);
}

const powTensor = binary("pow", "PowBackward1", by(eachPair(Math.pow)),
  (g, a, b) => where(b.eq(0), 0, g.mul(b.mul(a.pow(b.sub(1))))), // d/da a^b = b·a^(b-1)
  (g, a, b, out) => where(a.eq(0).logical_and(b.ge(0)), 0, g.mul(out.mul(a.log()))), // d/db a^b = a^b·ln a
);

export const neg = unary("NegBackward0", (v) => -v, (g) => g.neg(), false);
export const exp = unary("ExpBackward0", Math.exp, (g, _x, out) => g.mul(out));
export const log = unary("LogBackward0", Math.log, (g, x) => g.div(x));
const SQRT_GRAD = eachPair((gv, y) => gv / Math.fround(2 * y));
export const sqrt = unary("SqrtBackward0", Math.sqrt, (g, _x, out) => map2(g, out, SQRT_GRAD));
export const sin = unary("SinBackward0", Math.sin, (g, x) => g.mul(x.cos()));
export const cos = unary("CosBackward0", Math.cos, (g, x) => g.mul(x.sin().neg()));
// tanh' = 1 − y², sigmoid' = (1 − y)·y: fused loops, rounded to float32 at each step as PyTorch's kernels are
const TANH_GRAD: Run = (out, o, g, gi, gs, y, yi, ys, n) => {
  for (let i = 0; i < n; i++) {
    const yv = y[yi + i * ys];
    out[o + i] = g[gi + i * gs] * Math.fround(1 - Math.fround(yv * yv));
  }
};
/** NOTE: WebAssembly SIMD for long tensors, else its own loop: unary's per-element callback V8 cannot inline */
export function tanh(x: Tensor): Tensor {
  const out = new Tensor(wasmTanh(x._values) ?? tanhLoop(x._values), x._shape);
  if (!isRecorded(x)) return out;
  return record(out, "TanhBackward0", [x], (g) => {
    const grad = wasmTanhBackward(g._values, out._values);
    return [grad === null ? map2(g, out, TANH_GRAD) : new Tensor(grad, out._shape)];
  });
}
function tanhLoop(v: Float32Array): Float32Array {
  const y = floats(v.length);
  for (let i = 0; i < v.length; i++) y[i] = tanhf(v[i]);
  return y;
}
const SIGMOID_GRAD = eachPair((gv, yv) => Math.fround(gv * Math.fround(1 - yv)) * yv);
export const sigmoid = unary("SigmoidBackward0", (v) => 1 / (1 + Math.exp(-v)), (g, _x, y) => map2(g, y, SIGMOID_GRAD));
// NOTE: relu'(0) = 0 and abs'(0) = 0, as in PyTorch
export const relu = unary("ReluBackward0", (v) => (v > 0 ? v : v === v ? 0 : v), (g, _x, out) => g.mul(out.gt(0)));
export const abs = unary("AbsBackward0", Math.abs, (g, x) => g.mul(map1(x, Math.sign)));

// NOTE: at ties the gradient is split in half between the two inputs, as in PyTorch
export const maximum = binary("maximum", "MaximumBackward0", by(eachPair(maxOf)), (g, a, b) => tieShare(g, a.gt(b), a.eq(b)), (g, a, b) => tieShare(g, b.gt(a), a.eq(b)));
export const minimum = binary("minimum", "MinimumBackward0", by(eachPair(minOf)), (g, a, b) => tieShare(g, a.lt(b), a.eq(b)), (g, a, b) => tieShare(g, b.lt(a), a.eq(b)));

function maxOf(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x > y ? x : y;
}
function minOf(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x < y ? x : y;
}
/** The gradient where this input won, half of it where the two tied. */
function tieShare(g: Tensor, wins: Tensor, tie: Tensor): Tensor {
  return g.mul(wins.float().add(tie.float().mul(0.5)));
}

/** clamp({min, max}); NOTE: the gradient passes at the bounds themselves. */
export function clamp(x: Tensor, bounds: { min?: number | null; max?: number | null }): Tensor {
  const lo = bounds?.min ?? null, hi = bounds?.max ?? null;
  if (lo === null && hi === null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const flo = lo === null ? -Infinity : Math.fround(lo), fhi = hi === null ? Infinity : Math.fround(hi);
  const out = map1(x, (v) => (v !== v ? v : Math.min(Math.max(v, flo), fhi)));
  return record(out, "ClampBackward1", [x], (g) => [g.mul(x.ge(flo).logical_and(x.le(fhi)))]);
}

export const sign = unary("SignBackward0", Math.sign, (g) => g.mul(0), false);
export function clone(x: Tensor): Tensor {
  return record(x._copy(), "CloneBackward0", [x], (g) => [g], false);
}

/** `.float()`: a float tensor as is; a bool tensor converted (no history, like any conversion of a bool). */
export function float(x: Tensor): Tensor {
  return x.dtype === "float32" ? x : map1(x, (v) => v);
}

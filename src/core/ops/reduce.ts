// Reductions: sum, mean, max/min, norm. Backward broadcasts the output gradient back over the reduced dims.
import { isRecorded, record } from "../autograd.js";
import { RuntimeError, TorchTypeError, typeName } from "../errors.js";
import { broadcastIndex, numelOf, wrapDim, type Shape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { maximum, minimum } from "./elementwise.js";
import { map1 } from "./kernels.js";
import { where } from "./compare.js";
import { floats } from "../storage.js";

export type Dims = number | number[] | null | undefined;

interface Reduction {
  /** The output shape with reduced dims kept as 1, and the shape returned to the caller. */
  keepShape: number[];
  outShape: number[];
  /** How many output elements there are, and how many input elements fold into each. */
  size: number;
  count: number;
  /** The input seen as [outer, count, inner] blocks when the reduced dims are adjacent (size-1 dims aside). */
  outer: number;
  inner: number;
  /** Otherwise, for each input element, the output element it folds into. */
  target: Int32Array | null;
}

function plan(x: Tensor, dims: Dims, keepdim: boolean): Reduction {
  const shape = x._shape;
  if (dims === null || dims === undefined) {
    const keepShape = shape.map(() => 1);
    return { keepShape, outShape: keepdim ? keepShape : [], size: 1, count: x._values.length, outer: 1, inner: 1, target: null };
  }
  const reduced = reducedDims(shape, dims);
  const keepShape = shape.map((s, i) => (reduced[i] ? 1 : s));
  const outShape = keepdim ? keepShape : shape.filter((_, i) => !reduced[i]);
  const moving: number[] = []; // the reduced dims that move through the input (not of size 1)
  for (let i = 0; i < shape.length; i++) if (reduced[i] && shape[i] !== 1) moving.push(i);
  const count = moving.reduce((n, i) => n * shape[i], 1);
  const first = moving[0] ?? shape.length, last = moving.at(-1) ?? shape.length - 1;
  const adjacent = shape.every((s, i) => i < first || i > last || reduced[i] || s === 1);
  const outer = numelOf(shape.slice(0, first)), inner = numelOf(shape.slice(last + 1)), size = numelOf(keepShape);
  return { keepShape, outShape, size, count, outer, inner, target: adjacent ? null : broadcastIndex(keepShape, shape) };
}

/** For each dim, whether it is reduced, with PyTorch's errors for a bad or repeated dim. */
function reducedDims(shape: Shape, dims: number | number[]): boolean[] {
  const reduced = shape.map(() => false);
  for (const d of Array.isArray(dims) ? dims : [dims]) {
    const w = wrapDim(d, shape.length);
    if (reduced[w]) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    reduced[w] = true;
  }
  return reduced;
}

/** float64 accumulators, reused: a fold's result is read before the next fold. */
let scratch = new Float64Array(64);

/** Folds the reduced elements of `x` into one float64 accumulator per output, in input order; a null step adds. */
function fold(x: Tensor, r: Reduction, init: number, step: ((acc: number, v: number) => number) | null): Float64Array {
  const size = r.size, v = x._values, t = r.target;
  if (scratch.length < size) scratch = new Float64Array(size);
  const acc = scratch.fill(init, 0, size);
  if (t !== null) {
    for (let i = 0; i < v.length; i++) acc[t[i]] = step === null ? acc[t[i]] + v[i] : step(acc[t[i]], v[i]);
    return acc;
  }
  const { outer, count, inner } = r;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      // one output's elements lie `inner` apart: fold them in a local, in input order
      let a = acc[o * inner + j];
      for (let c = 0, i = o * count * inner + j; c < count; c++, i += inner) a = step === null ? a + v[i] : step(a, v[i]);
      acc[o * inner + j] = a;
    }
  }
  return acc;
}

/** The output of a reduction: each accumulator through `f`, rounded to float32. */
function result(acc: Float64Array, r: Reduction, f: (s: number) => number): Tensor {
  const out = floats(r.size);
  for (let i = 0; i < out.length; i++) out[i] = f(acc[i]);
  return new Tensor(out, r.outShape);
}

/** The gradient of a reduction's output, spread back over the input's shape and divided by `divisor`. */
function spread(g: Tensor, r: Reduction, x: Tensor, divisor = 1): Tensor {
  if (g._values.length === 1) return new Tensor(floats(x._values.length).fill(g._values[0] / Math.fround(divisor)), x._shape);
  const wide = g.reshape(r.keepShape).expand(x._shape);
  return divisor === 1 ? wide : wide.div(divisor);
}

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const r = plan(x, dim, keepdim);
  const out = result(fold(x, r, 0, null), r, (s) => s);
  if (!isRecorded(x)) return out;
  const name = dim === null || dim === undefined ? "SumBackward0" : "SumBackward1";
  return record(out, name, [x], (g) => [spread(g, r, x)], false);
}

export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (x.dtype !== "float32") {
    throw new RuntimeError(
      "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool",
    );
  }
  const r = plan(x, dim, keepdim);
  const out = result(fold(x, r, 0, null), r, (s) => s / r.count);
  if (!isRecorded(x)) return out;
  const all = dim === null || dim === undefined;
  // NOTE: PyTorch's MeanBackward1 saves a tensor (so a second backward needs retain_graph); MeanBackward0 does not
  return record(out, all ? "MeanBackward0" : "MeanBackward1", [x], (g) => [spread(g, r, x, r.count)], !all);
}

/** Sums a gradient down to `shape` (the engine's broadcast reduction). */
export function sum_to_size(x: Tensor, shape: Shape): Tensor {
  const lead = x._shape.length - shape.length;
  if (lead < 0) throw notExpandable(shape, x._shape);
  const dims: number[] = [];
  for (let i = 0; i < x._shape.length; i++) {
    const target = i < lead ? 1 : shape[i - lead];
    if (target !== 1 && target !== x._shape[i]) throw notExpandable(shape, x._shape);
    if (i < lead || (target === 1 && x._shape[i] !== 1)) dims.push(i);
  }
  // NOTE: the engine's calls record no graph, so a view serves where only size-1 dims differ
  if (dims.length === 0 || x._values.length === numelOf(shape)) return isRecorded(x) ? x.reshape(shape) : view(x, shape);
  if (!isRecorded(x) && dims.length === lead) return sumLeading(x, shape);
  const summed = sum(x, dims, true);
  return isRecorded(x) ? summed.reshape(shape) : view(summed, shape);
}

/** `x` summed over its leading dims down to `shape` (a bias's gradient over a batch): float64 sums in input order. */
function sumLeading(x: Tensor, shape: Shape): Tensor {
  const v = x._values, n = v.length, inner = numelOf(shape), out = floats(inner);
  // NOTE: four columns at a time in locals: a single sum waits on each add, four advance side by side (2× faster)
  let j = 0;
  for (; j + 4 <= inner; j += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (let i = j; i < n; i += inner) {
      a0 += v[i]; a1 += v[i + 1]; a2 += v[i + 2]; a3 += v[i + 3];
    }
    out[j] = a0; out[j + 1] = a1; out[j + 2] = a2; out[j + 3] = a3;
  }
  for (; j < inner; j++) {
    let a = 0;
    for (let i = j; i < n; i += inner) a += v[i];
    out[j] = a;
  }
  return new Tensor(out, shape);
}

const view = (x: Tensor, shape: Shape): Tensor => new Tensor(x._values, shape, x.dtype);

const notExpandable = (shape: Shape, from: Shape): RuntimeError =>
  new RuntimeError(`size {${shape.join(", ")}} is not expandable to size {${from.join(", ")}}.`);

function extreme(op: "max" | "min", x: Tensor, other: Tensor | undefined): Tensor {
  if (other instanceof Tensor) return op === "max" ? maximum(x, other) : minimum(x, other);
  if (other !== undefined) {
    throw new TorchTypeError(`autograd-ex: ${op}(dim) is not supported; use torch.${op}(a) or torch.${op}(a, b) with a tensor b`);
  }
  if (x.numel() === 0) {
    throw new RuntimeError(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const better = op === "max" ? (a: number, v: number) => (v > a || v !== v ? v : a) : (a: number, v: number) => (v < a || v !== v ? v : a);
  let best = x._values[0];
  for (const v of x._values) if (best === best) best = better(best, v);
  const out = Tensor._scalar(best);
  const name = op === "max" ? "MaxBackward1" : "MinBackward1";
  // NOTE: the gradient is shared evenly by every element equal to the extreme value
  return record(out, name, [x], (g) => {
    const hits = map1(x, (v) => (v === best || (best !== best && v !== v) ? 1 : 0));
    return [hits.mul(g.div(hits.sum()))];
  });
}

export const max = (x: Tensor, other?: Tensor): Tensor => extreme("max", x, other);
export const min = (x: Tensor, other?: Tensor): Tensor => extreme("min", x, other);

function pNorm(x: Tensor, r: Reduction, p: number): Tensor {
  if (p === Infinity) return result(fold(x, r, 0, (a, v) => Math.max(a, Math.abs(v))), r, (s) => s);
  // NOTE: a float32 square is exact in float64, and sqrt is correctly rounded where pow(s, 1/2) may not be
  if (p === 2) return result(fold(x, r, 0, (a, v) => a + v * v), r, Math.sqrt);
  return result(fold(x, r, 0, (a, v) => a + Math.pow(Math.abs(v), p)), r, (s) => Math.pow(s, 1 / p));
}

/** The vector p-norm over `dim` (all elements by default); PyTorch's `linalg.vector_norm`. */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  if (typeof p !== "number") throw new TorchTypeError(`norm(): argument 'p' must be Number, not ${typeName(p)}`);
  if (!(p > 0)) throw new RuntimeError(`autograd-ex: norm supports p > 0, got ${p}`);
  const r = plan(x, dim, keepdim);
  const out = pNorm(x, r, p);
  if (!isRecorded(x)) return out;
  return record(out, "NormBackward1", [x], (g) => {
    const n = out.reshape(r.keepShape);
    if (p === Infinity) {
      const hits = x.abs().eq(n); // the gradient is shared by every element at the maximum
      return [x.sign().mul(hits).mul(spread(g, r, x)).div(hits.sum(dim ?? null, true))];
    }
    // d||x||_p / dx = x·|x|^(p-2) / ||x||^(p-1), and 0 where the norm is 0
    const local = p === 2 ? x : x.mul(x.abs().pow(p - 2)).div(n.pow(p - 2));
    return [where(n.ne(0), local.mul(spread(g, r, x)).div(n), 0)];
  });
}

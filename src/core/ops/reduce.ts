// Reductions: sum, mean, max/min, norm. Backward broadcasts the output gradient back over the reduced dims.
import { record } from "../autograd.js";
import { RuntimeError, TorchTypeError, typeName } from "../errors.js";
import { broadcastIndex, numelOf, wrapDim, type Shape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { maximum, minimum } from "./elementwise.js";
import { map1 } from "./kernels.js";
import { where } from "./compare.js";

export type Dims = number | number[] | null | undefined;

interface Reduction {
  /** The output shape with reduced dims kept as 1, and the shape returned to the caller. */
  keepShape: number[];
  outShape: number[];
  /** For each input element, the output element it folds into; null when all fold into one. */
  target: Int32Array | null;
  count: number;
}

function plan(x: Tensor, dims: Dims, keepdim: boolean): Reduction {
  const ndim = x._shape.length;
  const list = dims === null || dims === undefined ? [...x._shape.keys()] : Array.isArray(dims) ? dims : [dims];
  const reduced = new Set<number>();
  for (const d of list) {
    const w = wrapDim(d, ndim);
    if (reduced.has(w)) throw new RuntimeError(`dim ${w} appears multiple times in the list of dims`);
    reduced.add(w);
  }
  const keepShape = x._shape.map((s, i) => (reduced.has(i) ? 1 : s));
  const outShape = keepdim ? keepShape : x._shape.filter((_, i) => !reduced.has(i));
  const count = x._shape.reduce((n, s, i) => (reduced.has(i) ? n * s : n), 1);
  const target = numelOf(keepShape) === 1 ? null : broadcastIndex(keepShape, x._shape);
  return { keepShape, outShape, target, count };
}

function fold(x: Tensor, r: Reduction, init: number, step: (acc: number, v: number) => number): Float64Array {
  const acc = new Float64Array(numelOf(r.keepShape)).fill(init);
  const v = x._values, t = r.target;
  if (t === null) {
    let a = init;
    for (let i = 0; i < v.length; i++) a = step(a, v[i]);
    acc[0] = a;
  } else {
    for (let i = 0; i < v.length; i++) acc[t[i]] = step(acc[t[i]], v[i]);
  }
  return acc;
}

/** The gradient of a reduction's output, spread back over the input's shape. */
const spread = (g: Tensor, r: Reduction, x: Tensor): Tensor => g.reshape(r.keepShape).expand(x._shape);

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const r = plan(x, dim, keepdim);
  const out = new Tensor(Float32Array.from(fold(x, r, 0, (a, v) => a + v)), r.outShape);
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
  const out = new Tensor(Float32Array.from(fold(x, r, 0, (a, v) => a + v), (s) => s / r.count), r.outShape);
  const all = dim === null || dim === undefined;
  // NOTE: PyTorch's MeanBackward1 saves a tensor (so a second backward needs retain_graph); MeanBackward0 does not
  return record(out, all ? "MeanBackward0" : "MeanBackward1", [x], (g) => [spread(g, r, x).div(r.count)], !all);
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
  if (dims.length === 0 || x._values.length === numelOf(shape)) return x.reshape(shape); // only size-1 dims differ
  return sum(x, dims, true).reshape(shape);
}

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
  const out = new Tensor(Float32Array.of(best), []);
  const name = op === "max" ? "MaxBackward1" : "MinBackward1";
  // NOTE: the gradient is shared evenly by every element equal to the extreme value
  return record(out, name, [x], (g) => {
    const hits = map1(x, (v) => (v === best || (best !== best && v !== v) ? 1 : 0));
    return [hits.mul(g.div(hits.sum()))];
  });
}

export const max = (x: Tensor, other?: Tensor): Tensor => extreme("max", x, other);
export const min = (x: Tensor, other?: Tensor): Tensor => extreme("min", x, other);

/** The vector p-norm over `dim` (all elements by default); PyTorch's `linalg.vector_norm`. */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  if (typeof p !== "number") throw new TorchTypeError(`norm(): argument 'p' must be Number, not ${typeName(p)}`);
  if (!(p > 0)) throw new RuntimeError(`autograd-ex: norm supports p > 0, got ${p}`);
  const r = plan(x, dim, keepdim);
  const acc =
    p === Infinity
      ? fold(x, r, 0, (a, v) => Math.max(a, Math.abs(v)))
      : fold(x, r, 0, (a, v) => a + Math.pow(Math.abs(v), p)).map((s) => Math.pow(s, 1 / p));
  const out = new Tensor(Float32Array.from(acc), r.outShape);
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

// Elementwise loops over flat storage, with broadcasting; every op's forward runs through these.
import { broadcastIndex, broadcastShapes, numelOf, type Shape } from "../shape.js";
import { sameShape } from "../autograd.js";
import { Tensor, type DType, type Operand } from "../tensor.js";
import { TorchTypeError, typeName } from "../errors.js";

export function map1(x: Tensor, f: (v: number) => number, dtype: DType = "float32"): Tensor {
  const src = x._values;
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Tensor(out, x._shape, dtype);
}

export function map2(a: Tensor, b: Tensor, f: (x: number, y: number) => number, dtype: DType = "float32"): Tensor {
  const av = a._values, bv = b._values;
  if (b._shape.length === 0 && a._shape.length > 0) return mapScalar(av, bv[0], a._shape, f, dtype);
  if (a._shape.length === 0 && b._shape.length > 0) return mapScalar(bv, av[0], b._shape, (y, x) => f(x, y), dtype);
  if (sameShape(a._shape, b._shape)) {
    const out = new Float32Array(av.length);
    for (let i = 0; i < av.length; i++) out[i] = f(av[i], bv[i]);
    return new Tensor(out, a._shape, dtype);
  }
  if (isTrailing(b._shape, a._shape)) return mapRows(av, bv, a._shape, f, dtype);
  if (isTrailing(a._shape, b._shape)) return mapRows(bv, av, b._shape, (y, x) => f(x, y), dtype);
  const shape = broadcastShapes(a._shape, b._shape);
  const out = new Float32Array(numelOf(shape));
  if (bv.length === 1 && sameShape(shape, a._shape)) {
    const y = bv[0];
    for (let i = 0; i < out.length; i++) out[i] = f(av[i], y);
  } else if (av.length === 1 && sameShape(shape, b._shape)) {
    const x = av[0];
    for (let i = 0; i < out.length; i++) out[i] = f(x, bv[i]);
  } else {
    const ia = broadcastIndex(a._shape, shape), ib = broadcastIndex(b._shape, shape);
    for (let i = 0; i < out.length; i++) out[i] = f(av[ia[i]], bv[ib[i]]);
  }
  return new Tensor(out, shape, dtype);
}

/** Whether `inner` equals the last dims of `outer` (a bias over a batch): broadcasting is then row by row. */
function isTrailing(inner: Shape, outer: Shape): boolean {
  const lead = outer.length - inner.length;
  if (lead <= 0) return false;
  for (let i = 0; i < inner.length; i++) if (inner[i] !== outer[lead + i]) return false;
  return true;
}

function mapRows(v: Float32Array, row: Float32Array, shape: Shape, f: (x: number, y: number) => number, dtype: DType): Tensor {
  const out = new Float32Array(v.length), n = row.length;
  for (let start = 0; start < v.length; start += n) {
    for (let j = 0; j < n; j++) out[start + j] = f(v[start + j], row[j]);
  }
  return new Tensor(out, shape, dtype);
}

function mapScalar(v: Float32Array, s: number, shape: Shape, f: (x: number, s: number) => number, dtype: DType): Tensor {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = f(v[i], s);
  return new Tensor(out, shape, dtype);
}

/** A Tensor as is; a number as a 0-d float32 tensor (PyTorch's wrapped scalar); anything else is refused. */
export function asTensor(value: Operand, op: string, argument = "other", position = 1): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number") return Tensor._scalar(value);
  throw new TorchTypeError(`${op}(): argument '${argument}' (position ${position}) must be Tensor, not ${typeName(value)}`);
}

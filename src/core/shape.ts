// Shapes: sizes, broadcasting, dimension wrapping, and index maps for broadcast reads.
import { IndexError, RuntimeError, TorchTypeError, typeName } from "./errors.js";

/** The largest storage a tensor may have (JavaScript's typed arrays stop a little above this). */
const MAX_BYTES = 2 ** 32;

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i];
  }
  return strides;
}

/** PyTorch's infer_size: the broadcast shape of two shapes, or its error naming the clashing sizes. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const sa = a[a.length - ndim + i] ?? 1;
    const sb = b[b.length - ndim + i] ?? 1;
    if (sa !== sb && sa !== 1 && sb !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${sa}) must match the size of tensor b (${sb}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = sa === 1 ? sb : sa;
  }
  return out;
}

/** PyTorch's maybe_wrap_dim: accepts -ndim..ndim-1 (a 0-d tensor counts as 1-d here). */
export function wrapDim(dim: number, ndim: number): number {
  const range = Math.max(ndim, 1);
  if (typeof dim !== "number" || !Number.isInteger(dim)) {
    throw new TorchTypeError(`argument 'dim' must be int, not ${typeName(dim)}`);
  }
  if (dim < -range || dim >= range) {
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-range}, ${range - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + range : dim;
}

/** For each element of `out` (row-major), the flat index it reads in a tensor of `shape` broadcast to `out`. */
export function broadcastIndex(shape: Shape, out: Shape): Int32Array {
  const offset = out.length - shape.length;
  const own = contiguousStrides(shape);
  // A broadcast dim (missing or of size 1 in the source) does not move through the source.
  return walkIndex(out, out.map((_, d) => (d < offset || shape[d - offset] === 1 ? 0 : own[d - offset])));
}

/** Walks `out` in row-major order and returns the source index at each step, given each dim's source stride. */
export function walkIndex(out: Shape, strides: readonly number[]): Int32Array {
  const index = new Int32Array(numelOf(out));
  const ndim = out.length, counter = new Int32Array(ndim);
  let src = 0;
  for (let i = 0; i < index.length; i++) {
    index[i] = src;
    for (let d = ndim - 1; d >= 0; d--) {
      src += strides[d];
      if (++counter[d] < out[d]) break;
      src -= strides[d] * out[d];
      counter[d] = 0;
    }
  }
  return index;
}

/** An integer argument, or PyTorch's TypeError naming the op and the argument. */
export function checkInt(value: unknown, op: string, argument: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new TorchTypeError(`${op}(): argument '${argument}' must be int, not ${typeName(value)}`);
}

/** Checks that `shape` is a list of non-negative integer sizes, with PyTorch's wording. */
export function checkSizes(shape: readonly unknown[]): number[] {
  for (const s of shape) {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      throw new RuntimeError(`size must be a list of non-negative integers, got ${String(s)}`);
    }
    if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(", ")}]`);
  }
  const bytes = numelOf(shape as number[]) * Float32Array.BYTES_PER_ELEMENT;
  if (bytes > MAX_BYTES) {
    throw new RuntimeError(`DefaultCPUAllocator: can't allocate memory: you tried to allocate ${bytes} bytes.`);
  }
  return shape as number[];
}

// Movement ops: reshape, view, expand, transpose, permute, (un)squeeze. Backward moves the gradient back.
import { record, sameShape } from "../autograd.js";
import { IndexError, RuntimeError } from "../errors.js";
import { broadcastIndex, checkInt, checkSizes, contiguousStrides, numelOf, walkIndex, wrapDim, type Shape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { floats } from "../storage.js";

const NOT_VIEWABLE =
  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two " +
  "contiguous subspaces). Use .reshape(...) instead.";

/** Resolves one -1 in a requested shape, with PyTorch's errors. */
function inferShape(shape: Shape, numel: number): number[] {
  const out = [...shape];
  let inferred = -1;
  out.forEach((s, i) => {
    if (s === -1) {
      if (inferred >= 0) throw new RuntimeError("only one dimension can be inferred");
      inferred = i;
    } else if (!Number.isInteger(s) || s < 0) throw new RuntimeError(`invalid shape dimension ${s}`);
  });
  const known = out.reduce((n, s, i) => (i === inferred ? n : n * s), 1);
  if (inferred >= 0 && known !== 0 && numel % known === 0) out[inferred] = numel / known;
  if (numelOf(out) !== numel || out.includes(-1)) {
    throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
  }
  return out;
}

/** A tensor over the same storage with another shape. */
function alias(x: Tensor, shape: Shape, name: string): Tensor {
  const out = new Tensor(x._values, shape, x.dtype);
  return record(out, name, [x], (g) => [g.reshape(x._shape)], false);
}

export function view(x: Tensor, shape: Shape): Tensor {
  const target = inferShape(shape, x.numel());
  if (!x._contiguous && !sameShape(target, x._shape)) throw new RuntimeError(NOT_VIEWABLE);
  return alias(x, target, "ViewBackward0");
}

export function reshape(x: Tensor, shape: Shape): Tensor {
  const target = inferShape(shape, x.numel());
  // NOTE: PyTorch copies a non-contiguous tensor to reshape it, which shows as a different node name
  return alias(x, target, x._contiguous ? "ReshapeAliasBackward0" : "UnsafeViewBackward0");
}

export function contiguous(x: Tensor): Tensor {
  const out = x._copy();
  return record(out, "CloneBackward0", [x], (g) => [g], false);
}

export function expand(x: Tensor, sizes: Shape): Tensor {
  const lead = sizes.length - x._shape.length;
  if (lead < 0) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{[${x._shape.join(", ")}]}, size=[${sizes.join(", ")}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x._shape.length})`,
    );
  }
  const shape = sizes.map((s, i) => {
    const own = i < lead ? 1 : x._shape[i - lead];
    const size = s === -1 && i >= lead ? own : s;
    if (own !== 1 && size !== own) {
      throw new RuntimeError(
        `The expanded size of the tensor (${size}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(", ")}].  Tensor sizes: [${x._shape.join(", ")}]`,
      );
    }
    return size;
  });
  checkSizes(shape);
  if (sameShape(shape, x._shape)) return alias(x, shape, "ExpandBackward0");
  let out: Float32Array;
  if (x._values.length === 1) out = floats(numelOf(shape)).fill(x._values[0]);
  else {
    const index = broadcastIndex(x._shape, shape);
    out = floats(index.length);
    for (let i = 0; i < out.length; i++) out[i] = x._values[index[i]];
  }
  return record(new Tensor(out, shape, x.dtype), "ExpandBackward0", [x], (g) => [g.sum_to_size(x._shape)], false);
}

/** Copies `x` with its dims reordered: output dim i is input dim dims[i]. */
function permuteCopy(x: Tensor, dims: readonly number[]): Tensor {
  const shape = dims.map((d) => x._shape[d]);
  const strides = contiguousStrides(x._shape);
  const index = walkIndex(shape, dims.map((d) => strides[d]));
  const out = floats(index.length), src = x._values;
  for (let i = 0; i < out.length; i++) out[i] = src[index[i]];
  const result = new Tensor(out, shape, x.dtype);
  result._contiguous = dims.every((d, i) => d === i || x._shape[d] === 1);
  return result;
}

const inverse = (dims: readonly number[]): number[] => dims.map((_, i) => dims.indexOf(i));

export function permute(x: Tensor, order: Shape): Tensor {
  if (order.length !== x._shape.length) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x._shape.length} is not equal to len(dims) = ${order.length}`,
    );
  }
  const dims = order.map((d) => wrapDim(d, x._shape.length));
  if (new Set(dims).size !== dims.length) throw new RuntimeError("permute(): duplicate dims are not allowed.");
  return record(permuteCopy(x, dims), "PermuteBackward0", [x], (g) => [g.permute(inverse(dims))], false);
}

function swapped(x: Tensor, dim0: number, dim1: number): number[] {
  const dims = [...x._shape.keys()];
  [dims[dim0], dims[dim1]] = [dims[dim1], dims[dim0]];
  return dims;
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const d0 = wrapDim(dim0, x._shape.length), d1 = wrapDim(dim1, x._shape.length);
  const out = permuteCopy(x, x._shape.length === 0 ? [] : swapped(x, d0, d1));
  return record(out, "TransposeBackward0", [x], (g) => [g.transpose(d0, d1)], false);
}

export function t(x: Tensor): Tensor {
  if (x._shape.length > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x._shape.length}D`);
  const out = x._shape.length < 2 ? new Tensor(x._values, x._shape, x.dtype) : permuteCopy(x, [1, 0]);
  return record(out, "TBackward0", [x], (g) => [g.t()], false);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x._shape.length + 1);
  const shape = [...x._shape];
  shape.splice(d, 0, 1);
  return alias(x, shape, "UnsqueezeBackward0");
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return alias(x, x._shape.filter((s) => s !== 1), "SqueezeBackward0");
  return squeezeDims(x, [dim], "SqueezeBackward1");
}

/** Drops the listed dims where their size is 1; `name` is the node PyTorch's caller records. */
export function squeezeDims(x: Tensor, dims: readonly number[], name = "SqueezeBackward3"): Tensor {
  const drop = new Set(dims.map((d) => wrapDim(d, x._shape.length)));
  return alias(x, x._shape.filter((s, i) => !drop.has(i) || s !== 1), name);
}



/** Positions (flat indices into x) of the slice `index` along `dim`, in output order. */
function slicePositions(shape: Shape, d: number, index: number): Int32Array {
  const inner = numelOf(shape.slice(d + 1)), size = shape[d], outer = numelOf(shape.slice(0, d));
  const positions = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) positions[o * inner + i] = (o * size + index) * inner + i;
  }
  return positions;
}

/** x.select(dim, index), Python's `x[index]` along `dim`: the slice without that dim. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x._shape.length === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = wrapDim(dim, x._shape.length), size = x._shape[d];
  if (checkInt(index, "select", "index") < -size || index >= size) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size [${x._shape.join(", ")}] at dimension ${d}`);
  }
  const positions = slicePositions(x._shape, d, index < 0 ? index + size : index);
  const out = floats(positions.length);
  for (let i = 0; i < out.length; i++) out[i] = x._values[positions[i]];
  const shape = x._shape.filter((_, i) => i !== d);
  return record(new Tensor(out, shape, x.dtype), "SelectBackward0", [x], (g) => {
    const grad = floats(x._values.length);
    positions.forEach((p, i) => (grad[p] = g._values[i]));
    return [new Tensor(grad, x._shape)];
  }, false);
}

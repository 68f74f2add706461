// Making tensors: from nested lists, filled with a value, or drawn from PyTorch's random generator.
import { RuntimeError, TorchTypeError, ValueError, typeName } from "./errors.js";
import { default_generator } from "./random.js";
import { checkSizes, numelOf, type Shape } from "./shape.js";
import { Tensor, sizesFrom, type DType, type NestedList } from "./tensor.js";

export interface TensorOptions {
  requires_grad?: boolean;
}
/** Sizes as PyTorch takes them, `f(2, 3)` or `f([2, 3])`, optionally followed by `{ requires_grad }`. */
export type SizeArgs = (number | Shape | TensorOptions)[];

function splitOptions(args: SizeArgs): [number[], TensorOptions] {
  const last = args[args.length - 1];
  const hasOptions = typeof last === "object" && last !== null && !Array.isArray(last);
  const sizes = (hasOptions ? args.slice(0, -1) : args) as (number | Shape)[];
  return [checkSizes(sizesFrom(sizes)), hasOptions ? (last as TensorOptions) : {}];
}

function finish(t: Tensor, options: TensorOptions | null | undefined): Tensor {
  if (options?.requires_grad) t.requires_grad = true;
  return t;
}

function filled(args: SizeArgs, make: (n: number) => Float32Array): Tensor {
  const [shape, options] = splitOptions(args);
  return finish(new Tensor(make(numelOf(shape)), shape), options);
}

export const zeros = (...args: SizeArgs): Tensor => filled(args, (n) => new Float32Array(n));
export const ones = (...args: SizeArgs): Tensor => filled(args, (n) => new Float32Array(n).fill(1));
export const randn = (...args: SizeArgs): Tensor => filled(args, (n) => default_generator.randn(n));
export const rand = (...args: SizeArgs): Tensor => filled(args, (n) => default_generator.rand(n));

export function full(size: Shape, fill_value: number, options: TensorOptions = {}): Tensor {
  return finish(new Tensor(new Float32Array(numelOf(checkSizes(size))).fill(fill_value), size), options);
}
export const zeros_like = (t: Tensor, options: TensorOptions = {}): Tensor => full(t._shape, 0, options);
export const ones_like = (t: Tensor, options: TensorOptions = {}): Tensor => full(t._shape, 1, options);

export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  checkSizes([steps]);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // PyTorch fills the second half backwards from `end`, so both ends are exact
  const values = Float32Array.from({ length: steps }, (_, i) => (i < steps / 2 ? start + step * i : end - step * (steps - 1 - i)));
  return finish(new Tensor(values, [steps]), options);
}

/** torch.tensor(data): a number gives a 0-d tensor, nested arrays a tensor of their shape. */
export function tensor(data: NestedList | Tensor, options: TensorOptions = {}): Tensor {
  const t = data instanceof Tensor ? data.detach().clone() : fromNested(data);
  return finish(t, options);
}

export function fromNested(data: NestedList): Tensor {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) shape.push(level.length);
  const values = new Float32Array(numelOf(shape));
  let count = 0, bools = 0;
  const visit = (node: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(node)) throw new ValueError(`expected sequence of length ${shape[dim - 1]} at dim ${dim - 1} (got ${node.length})`);
      if (typeof node === "boolean") bools++;
      else if (typeof node !== "number") throw new TorchTypeError(`new(): invalid data type '${typeName(node)}'`);
      values[count++] = Number(node);
      return;
    }
    if (!Array.isArray(node)) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${typeName(node)})`);
    if (node.length !== shape[dim]) throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${node.length})`);
    for (const child of node) visit(child, dim + 1);
  };
  visit(data, 0);
  const dtype: DType = count > 0 && bools === count ? "bool" : "float32";
  return new Tensor(values, shape, dtype);
}

/** torch.FloatTensor(data) from a list, or torch.FloatTensor(...sizes) zero-filled. */
export function FloatTensor(...args: (number | NestedList | Shape)[]): Tensor {
  if (args.length === 1 && Array.isArray(args[0])) return fromNested(args[0] as NestedList).float();
  if (args.every((a) => typeof a === "number")) return zeros(...(args as number[]));
  throw new RuntimeError(`FloatTensor(): expects a list of numbers or sizes, got (${args.map(typeName).join(", ")})`);
}

/** torch.manual_seed(seed): Python's `int(seed)` first, so 1.5 seeds as 1, as in PyTorch. */
export function manual_seed(seed: number | bigint) {
  return default_generator.manual_seed(typeof seed === "number" && Number.isFinite(seed) ? Math.trunc(seed) : seed);
}
export const seed = (): bigint => default_generator.seed();
export const initial_seed = (): bigint => default_generator.initial_seed();

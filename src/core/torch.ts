// The `torch` namespace: creation, grad mode, and the function form `torch.X(t, ...)` of tensor methods.
import { is_grad_enabled, no_grad, set_grad_enabled } from "./autograd.js";
import * as create from "./creation.js";
import { TorchTypeError, typeName } from "./errors.js";
import { get_printoptions, set_printoptions } from "./print.js";
import { Generator, default_generator, type GeneratorState } from "./random.js";
import { Tensor, type Operand } from "./tensor.js";
import { where } from "./ops/compare.js";
import { graph } from "./graph.js";

function input(value: unknown, op: string): Tensor {
  if (value instanceof Tensor) return value;
  throw new TorchTypeError(`${op}(): argument 'input' (position 1) must be Tensor, not ${typeName(value)}`);
}

/** `torch.op(input, ...args)` for a tensor method `op`, with PyTorch's error for a non-tensor input. */
function method<K extends keyof Tensor & string>(op: K) {
  type M = Tensor[K] extends (...args: infer A) => infer R ? (input: Tensor, ...args: A) => R : never;
  return ((t: unknown, ...args: unknown[]) => (input(t, op) as any)[op](...args)) as M;
}

/** `torch.max(a)` reduces to the largest element; `torch.max(a, b)` is elementwise (PyTorch's overloads). */
function max(a: Tensor, b?: Tensor): Tensor {
  return input(a, "max").max(b);
}
function min(a: Tensor, b?: Tensor): Tensor {
  return input(a, "min").min(b);
}

/** numpy's and PyTorch's allclose: |a − b| ≤ atol + rtol·|b| everywhere (NaN never equal unless equal_nan). */
function allclose(a: Tensor, b: Tensor | number, rtol = 1e-5, atol = 1e-8, equal_nan = false): boolean {
  const x = input(a, "allclose");
  const y = typeof b === "number" ? Tensor._scalar(b) : input(b, "allclose");
  // NOTE: an infinity is close only to itself; |1 - inf| <= rtol·inf would otherwise call them close
  const close = (u: number, v: number) =>
    u === v || (equal_nan && u !== u && v !== v) || (Number.isFinite(v) && Math.abs(u - v) <= atol + rtol * Math.abs(v));
  const diff = no_grad(() => x.sub(y));
  const ia = x.expand(diff._shape)._values, ib = y.expand(diff._shape)._values;
  return ia.every((u, i) => close(u, ib[i]));
}

export const torch = {
  ...create,
  Tensor,
  Generator,
  default_generator,
  get_rng_state: (): GeneratorState => default_generator.get_state(),
  set_rng_state: (state: GeneratorState): void => void default_generator.set_state(state),
  no_grad,
  is_grad_enabled,
  set_grad_enabled,
  set_printoptions,
  get_printoptions,
  where,
  graph,
  allclose,
  max,
  min,
  is_tensor: (value: unknown): value is Tensor => value instanceof Tensor,
  numel: method("numel"),
  add: method("add"),
  sub: method("sub"),
  rsub: method("rsub"),
  mul: method("mul"),
  div: method("div"),
  pow: method("pow"),
  neg: method("neg"),
  exp: method("exp"),
  log: method("log"),
  sqrt: method("sqrt"),
  sin: method("sin"),
  cos: method("cos"),
  tanh: method("tanh"),
  sigmoid: method("sigmoid"),
  relu: method("relu"),
  abs: method("abs"),
  sign: method("sign"),
  maximum: method("maximum"),
  minimum: method("minimum"),
  clamp: method("clamp"),
  clone: method("clone"),
  gt: method("gt"),
  ge: method("ge"),
  lt: method("lt"),
  le: method("le"),
  eq: method("eq"),
  ne: method("ne"),
  logical_and: method("logical_and"),
  logical_or: method("logical_or"),
  logical_not: method("logical_not"),
  sum: method("sum"),
  mean: method("mean"),
  norm: method("norm"),
  reshape: method("reshape"),
  t: method("t"),
  transpose: method("transpose"),
  permute: method("permute"),
  unsqueeze: method("unsqueeze"),
  squeeze: method("squeeze"),
  flatten: method("flatten"),
  select: method("select"),
  dot: method("dot"),
  matmul: method("matmul"),
  mm: method("mm"),
  mv: method("mv"),
  detach: method("detach"),
};

export type Torch = typeof torch;
export type { Operand };

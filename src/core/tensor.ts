// The Tensor: flat float32 storage with a shape, autograd metadata, and PyTorch's method names.
import { backward as runBackward, is_grad_enabled, type BackwardOptions, type Node } from "./autograd.js";
import { RuntimeError, TorchTypeError, ValueError, typeName } from "./errors.js";
import { formatTensor } from "./print.js";
import { numelOf, wrapDim, type Shape } from "./shape.js";
import * as ew from "./ops/elementwise.js";
import * as cmp from "./ops/compare.js";
import * as red from "./ops/reduce.js";
import * as mov from "./ops/movement.js";
import * as lin from "./ops/linalg.js";
import { fromNested } from "./creation.js";
import { asTensor, map2Into, outShape } from "./ops/kernels.js";
import { copyOf, floats } from "./storage.js";

export type DType = "float32" | "bool";
export type Operand = Tensor | number;
export type NestedList = number | boolean | NestedList[];

export const LEAF_IN_PLACE = "a leaf Variable that requires grad is being used in an in-place operation.";
export const NON_LEAF_REQUIRES_GRAD =
  "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a " +
  "subgraph that doesn't require differentiation use var_no_grad = var.detach().";
export const ONLY_FLOAT_GRAD = "only Tensors of floating point dtype can require gradients";
export const JS_OPERATOR_USED =
  "JavaScript operators (+ - * / < >) do not work on tensors: use methods such as a.add(b), a.mul(2), " +
  "a.gt(0), or .item() for a plain number";
const IN_PLACE_IN_GRAPH =
  "in-place operations on a tensor that is part of a graph are not supported in autograd-ex; use the " +
  "out-of-place form (a = a.add(b) instead of a.add_(b))";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class Tensor {
  /** @internal Flat row-major storage, shared by views and `.data`. Booleans are stored as 0/1. */
  _values: Float32Array;
  /** @internal Never mutated in place: ops build new shape arrays. */
  _shape: readonly number[];
  readonly dtype: DType;
  /** The gradient accumulated by backward; null until one flows here. */
  grad: Tensor | null = null;
  /** @internal */
  _retainsGrad = false;
  /** @internal False for a transposed view, as PyTorch's `is_contiguous()`. */
  _contiguous = true;
  #requiresGrad = false;
  #gradFn: Node | null = null;

  constructor(values: Float32Array, shape: Shape, dtype: DType = "float32") {
    this._values = values;
    this._shape = shape;
    this.dtype = dtype;
  }

  /** @internal A 0-d float32 tensor holding `value` rounded to float32. */
  static _scalar(value: number): Tensor {
    const values = new Float32Array(1);
    values[0] = value;
    return new Tensor(values, []);
  }

  get shape(): number[] {
    return [...this._shape];
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    return dim === undefined ? this.shape : this._shape[wrapDim(dim, this._shape.length)] ?? 1;
  }
  get ndim(): number {
    return this._shape.length;
  }
  dim(): number {
    return this._shape.length;
  }
  numel(): number {
    return numelOf(this._shape);
  }
  is_contiguous(): boolean {
    return this._contiguous;
  }

  get requires_grad(): boolean {
    return this.#requiresGrad;
  }
  set requires_grad(flag: boolean) {
    if (this.#gradFn !== null && !flag) throw new RuntimeError(NON_LEAF_REQUIRES_GRAD);
    if (flag && this.dtype !== "float32") throw new RuntimeError(ONLY_FLOAT_GRAD);
    this.#requiresGrad = flag;
  }
  requires_grad_(flag = true): this {
    this.requires_grad = flag;
    return this;
  }
  get grad_fn(): Node | null {
    return this.#gradFn;
  }
  /** @internal */
  _setGradFn(node: Node): void {
    this.#gradFn = node;
    this.#requiresGrad = true;
  }
  get is_leaf(): boolean {
    return this.#gradFn === null;
  }
  /** Keeps this non-leaf's gradient in `.grad` after backward. */
  retain_grad(): void {
    if (!this.#requiresGrad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.#gradFn !== null) this._retainsGrad = true;
  }

  /** The same storage without history, as PyTorch's `.data`. */
  get data(): Tensor {
    return this.detach();
  }
  set data(other: Tensor) {
    this._values = other._values;
    this._shape = [...other._shape];
  }
  detach(): Tensor {
    const out = new Tensor(this._values, this._shape, this.dtype);
    out._contiguous = this._contiguous;
    return out;
  }

  backward(gradient?: Tensor | NestedList | null, options?: BackwardOptions | null): void {
    runBackward(this, gradient === undefined || gradient === null ? null : toGradient(gradient), options);
  }

  item(): number {
    if (this.numel() !== 1) {
      throw new ValueError("only one element tensors can be converted to Python scalars");
    }
    return this._values[0];
  }
  tolist(): NestedList {
    const read = (i: number): number | boolean => (this.dtype === "bool" ? this._values[i] !== 0 : this._values[i]);
    const build = (dim: number, offset: number, stride: number): NestedList => {
      if (dim === this._shape.length) return read(offset);
      const size = this._shape[dim];
      const inner = stride / size;
      return Array.from({ length: size }, (_, i) => build(dim + 1, offset + i * inner, inner));
    };
    return build(0, 0, this.numel());
  }

  // Elementwise arithmetic.
  add(other: Operand): Tensor { return ew.add(this, other); }
  sub(other: Operand): Tensor { return ew.sub(this, other); }
  rsub(other: Operand): Tensor { return ew.rsub(this, other); }
  mul(other: Operand): Tensor { return ew.mul(this, other); }
  div(other: Operand): Tensor { return ew.div(this, other); }
  pow(exponent: Operand): Tensor { return ew.pow(this, exponent); }
  neg(): Tensor { return ew.neg(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  sin(): Tensor { return ew.sin(this); }
  cos(): Tensor { return ew.cos(this); }
  tanh(): Tensor { return ew.tanh(this); }
  sigmoid(): Tensor { return ew.sigmoid(this); }
  relu(): Tensor { return ew.relu(this); }
  abs(): Tensor { return ew.abs(this); }
  sign(): Tensor { return ew.sign(this); }
  maximum(other: Tensor): Tensor { return ew.maximum(this, other); }
  minimum(other: Tensor): Tensor { return ew.minimum(this, other); }
  clamp(bounds: { min?: number | null; max?: number | null }): Tensor { return ew.clamp(this, bounds); }
  clone(): Tensor { return ew.clone(this); }
  float(): Tensor { return ew.float(this); }

  // Comparisons (bool results, no gradient).
  gt(other: Operand): Tensor { return cmp.gt(this, other); }
  ge(other: Operand): Tensor { return cmp.ge(this, other); }
  lt(other: Operand): Tensor { return cmp.lt(this, other); }
  le(other: Operand): Tensor { return cmp.le(this, other); }
  eq(other: Operand): Tensor { return cmp.eq(this, other); }
  ne(other: Operand): Tensor { return cmp.ne(this, other); }
  logical_and(other: Operand): Tensor { return cmp.logical_and(this, other); }
  logical_or(other: Operand): Tensor { return cmp.logical_or(this, other); }
  logical_not(): Tensor { return cmp.logical_not(this); }

  // Reductions.
  sum(dim?: number | number[] | null, keepdim = false): Tensor { return red.sum(this, dim, keepdim); }
  mean(dim?: number | number[] | null, keepdim = false): Tensor { return red.mean(this, dim, keepdim); }
  max(other?: Tensor): Tensor { return red.max(this, other); }
  min(other?: Tensor): Tensor { return red.min(this, other); }
  norm(p = 2, dim?: number | number[] | null, keepdim = false): Tensor { return red.norm(this, p, dim, keepdim); }
  sum_to_size(...size: (number | Shape)[]): Tensor { return red.sum_to_size(this, sizesFrom(size)); }

  // Movement.
  reshape(...shape: (number | Shape)[]): Tensor { return mov.reshape(this, sizesFrom(shape)); }
  view(...shape: (number | Shape)[]): Tensor { return mov.view(this, sizesFrom(shape)); }
  expand(...shape: (number | Shape)[]): Tensor { return mov.expand(this, sizesFrom(shape)); }
  t(): Tensor { return mov.t(this); }
  transpose(dim0: number, dim1: number): Tensor { return mov.transpose(this, dim0, dim1); }
  permute(...dims: (number | Shape)[]): Tensor { return mov.permute(this, sizesFrom(dims)); }
  unsqueeze(dim: number): Tensor { return mov.unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return mov.squeeze(this, dim); }
  select(dim: number, index: number): Tensor { return mov.select(this, dim, index); }
  flatten(): Tensor { return mov.reshape(this, [-1]); }
  contiguous(): Tensor { return this._contiguous ? this : mov.contiguous(this); }

  // Linear algebra.
  dot(other: Tensor): Tensor { return lin.dot(this, other); }
  matmul(other: Tensor): Tensor { return lin.matmul(this, other); }
  mm(other: Tensor): Tensor { return lin.mm(this, other); }
  mv(other: Tensor): Tensor { return lin.mv(this, other); }

  // In place: only outside the graph (plain tensors, `.data`, `.grad`, or inside no_grad).
  zero_(): this { return this.fill_(0); }
  fill_(value: number): this {
    this.#checkInPlace();
    this._values.fill(value);
    return this;
  }
  add_(other: Operand): this { return this.#update("add", other); }
  sub_(other: Operand): this { return this.#update("sub", other); }
  mul_(other: Operand): this { return this.#update("mul", other); }
  div_(other: Operand): this { return this.#update("div", other); }
  copy_(src: Tensor): this { return this.#assign(mov.expand(asTensor(src, "copy_", "src"), this._shape)); }
  /** @internal The engine's gradient accumulation. */
  _addInPlace(other: Tensor): void {
    const v = this._values, o = other._values;
    for (let i = 0; i < v.length; i++) v[i] += o[i];
  }
  /** @internal A copy of the values, without history. */
  _copy(): Tensor {
    return new Tensor(copyOf(this._values), this._shape, this.dtype);
  }
  /** @internal */
  _onesLike(): Tensor {
    return new Tensor(floats(this.numel()).fill(1), this._shape);
  }

  #checkInPlace(): void {
    if (!this.#requiresGrad || !is_grad_enabled()) return;
    throw new RuntimeError(this.#gradFn === null ? LEAF_IN_PLACE : IN_PLACE_IN_GRAPH);
  }
  #assign(result: Tensor): this {
    this.#checkFits(result._shape);
    this._values.set(result._values);
    return this;
  }
  /** The arithmetic written straight into this tensor's storage, with no result to copy. */
  #update(op: keyof typeof ew.IN_PLACE, other: Operand): this {
    const b = asTensor(other, op), shape = outShape(this, b);
    this.#checkFits(shape);
    map2Into(this._values, shape, this, b, ew.IN_PLACE[op]);
    return this;
  }
  #checkFits(shape: Shape): void {
    this.#checkInPlace();
    if (numelOf(shape) !== this.numel()) {
      throw new RuntimeError(
        `output with shape [${this._shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`,
      );
    }
  }

  toString(): string {
    const suffix = this.#gradFn ? [`grad_fn=${this.#gradFn}`] : this.#requiresGrad ? ["requires_grad=True"] : [];
    return formatTensor({ shape: this._shape, dtype: this.dtype, values: this._values }, suffix);
  }
  [inspectSymbol](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TorchTypeError(JS_OPERATOR_USED);
  }
}

/** Accepts `f(2, 3)` and `f([2, 3])` for sizes, as PyTorch does. */
export function sizesFrom(args: readonly (number | Shape)[]): number[] {
  const sizes = args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as Shape)] : (args as unknown[]);
  sizes.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      throw new TorchTypeError(`argument 'size' must be tuple of ints, but found element of type ${typeName(s)} at pos ${i}`);
    }
  });
  return sizes as number[];
}

function toGradient(gradient: Tensor | NestedList): Tensor {
  return gradient instanceof Tensor ? gradient : fromNested(gradient);
}

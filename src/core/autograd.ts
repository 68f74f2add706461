// The define-by-run engine: graph nodes, grad mode, and the one reverse traversal that runs backward.
import { RuntimeError, sizeString } from "./errors.js";
import type { Tensor } from "./tensor.js";

/** An op's backward: the gradient of the output in, one gradient per input out (null where none flows). */
export type BackwardFn = (grad: Tensor) => (Tensor | null)[];

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export const FREED_GRAPH =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have " +
  "already been freed). Saved intermediate values of the graph are freed when you call .backward() or " +
  "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if " +
  "you need to access saved tensors after calling backward.";
export const NO_GRAD_FN = "element 0 of tensors does not require grad and does not have a grad_fn";
export const IMPLICIT_SCALAR = "grad can be implicitly created only for scalar outputs";

let sequence = 0;

/** The function that created a tensor (PyTorch's `grad_fn`), e.g. `<MulBackward0>`. */
export class Node {
  #backward: BackwardFn | null;
  /** @internal The gradient flowing into this node during a backward pass. */
  _grad: Tensor | null = null;
  /** @internal The pass that last visited this node, so a traversal needs no Set. */
  _visited = 0;
  /** @internal PyTorch's sequence_nr: nodes are numbered as they are made, so consumers come after producers. */
  readonly _sequence = sequence++;
  /** The tensor this node made, for drawing the graph (PyTorch's nodes do not keep it; ours do). */
  output: Tensor | null = null;
  /** The gradient of `output` in the last backward through this node, for drawing the graph. */
  last_grad: Tensor | null = null;

  constructor(
    private readonly _name: string,
    /** The inputs that need a gradient, in argument order; null for those that don't. */
    readonly inputs: readonly (Tensor | null)[],
    backward: BackwardFn,
    /** Whether backward reads saved tensors, which are freed after a backward without retain_graph. */
    private readonly savesTensors: boolean,
  ) {
    this.#backward = backward;
  }

  name(): string {
    return this._name;
  }

  /** PyTorch's `next_functions`: for each input, its grad_fn, an AccumulateGrad for a leaf, or null. */
  get next_functions(): [Node | AccumulateGrad | null, number][] {
    return this.inputs.map((t) => [t === null ? null : (t.grad_fn ?? new AccumulateGrad(t)), 0]);
  }

  apply(grad: Tensor): (Tensor | null)[] {
    if (this.#backward === null) throw new RuntimeError(FREED_GRAPH);
    return this.#backward(grad);
  }

  release(): void {
    if (this.savesTensors) this.#backward = null;
  }

  toString(): string {
    return `<${this._name}>`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** The node that stores a leaf's gradient into `.grad`. */
export class AccumulateGrad {
  constructor(readonly variable: Tensor) {}
  name(): string {
    return "AccumulateGrad";
  }
  toString(): string {
    return "<AccumulateGrad>";
  }
  [inspectSymbol](): string {
    return this.toString();
  }
}

let gradEnabled = true;

export const is_grad_enabled = (): boolean => gradEnabled;

export function set_grad_enabled(mode: boolean): void {
  gradEnabled = mode;
}

/** Runs `fn` with graph recording off, like `with torch.no_grad():`. */
export function no_grad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Whether an op on `a` (and `b`) records a node: grad mode is on and an input requires grad. */
export function isRecorded(a: Tensor, b?: Tensor): boolean {
  return gradEnabled && (a.requires_grad || (b !== undefined && b.requires_grad));
}

/** Attaches a grad_fn to `out` when grad mode is on and any input requires grad. Returns `out`. */
export function record(
  out: Tensor,
  name: string,
  inputs: (Tensor | null)[],
  backward: BackwardFn,
  savesTensors = true,
): Tensor {
  if (!gradEnabled) return out;
  let needed = false;
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i]!.requires_grad) needed = true;
    else inputs[i] = null; // the callers' arrays are their own, made for this call
  }
  if (!needed) return out;
  const node = new Node(name, inputs, backward, savesTensors);
  node.output = out;
  out._setGradFn(node);
  return out;
}

let pass = 0;

/** Nodes waiting for backward, as a binary max-heap on `_sequence`: the latest made comes out first. */
function push(heap: Node[], node: Node): void {
  let i = heap.push(node) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]._sequence > node._sequence) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = node;
}

function pop(heap: Node[]): Node {
  const top = heap[0], last = heap.pop()!;
  if (heap.length === 0) return top;
  let i = 0;
  for (let child = 1; child < heap.length; i = child, child = 2 * i + 1) {
    if (child + 1 < heap.length && heap[child + 1]._sequence > heap[child]._sequence) child++;
    if (heap[child]._sequence < last._sequence) break;
    heap[i] = heap[child];
  }
  heap[i] = last;
  return top;
}

/** Adds `grad` into a leaf's `.grad`, in place when one exists (as PyTorch's AccumulateGrad does). */
function accumulate(leaf: Tensor, grad: Tensor): void {
  const existing = leaf.grad;
  if (existing === null) leaf.grad = grad._copy();
  else existing._addInPlace(grad);
}

export interface BackwardOptions {
  retain_graph?: boolean;
}

/** `tensor.backward(gradient)`: the one reverse traversal; broadcast reduction and accumulation live here. */
export function backward(root: Tensor, gradient: Tensor | null, options?: BackwardOptions | null): void {
  if (!root.requires_grad) throw new RuntimeError(NO_GRAD_FN);
  const seed = gradient ?? implicitGradient(root);
  if (!sameShape(seed._shape, root._shape)) {
    throw new RuntimeError(
      `Mismatch in shape: grad_output[0] has a shape of ${sizeString(seed.shape)} and output[0] has a shape of ${sizeString(root.shape)}.`,
    );
  }
  const rootFn = root.grad_fn;
  if (rootFn === null) {
    accumulate(root, seed);
    return;
  }
  // NOTE: as in PyTorch's engine, nodes run latest-made first: every consumer of a node was made after it, so
  // by the time a node runs, all the gradient it will receive has arrived.
  const mark = ++pass, heap = [rootFn];
  const previous = gradEnabled;
  gradEnabled = false;
  rootFn._grad = seed;
  rootFn._visited = mark;
  try {
    while (heap.length > 0) {
      const node = pop(heap), grad = node._grad!;
      node._grad = null;
      node.last_grad = grad;
      const grads = node.apply(grad);
      if (!options?.retain_graph) node.release();
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i], g = grads[i];
        if (input === null || g === null || g === undefined) continue;
        const fitted = sameShape(g._shape, input._shape) ? g : g.sum_to_size(input._shape);
        if (input._retainsGrad) accumulate(input, fitted);
        const fn = input.grad_fn;
        if (fn === null) accumulate(input, fitted);
        else if (fn._visited === mark) fn._grad = fn._grad!.add(fitted);
        else {
          fn._visited = mark;
          fn._grad = fitted;
          push(heap, fn);
        }
      }
    }
  } finally {
    gradEnabled = previous;
    for (const node of heap) node._grad = null;
  }
}

function implicitGradient(root: Tensor): Tensor {
  if (root.numel() !== 1) throw new RuntimeError(IMPLICIT_SCALAR);
  return root._onesLike();
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

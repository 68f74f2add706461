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

/** The function that created a tensor (PyTorch's `grad_fn`), e.g. `<MulBackward0>`. */
export class Node {
  #backward: BackwardFn | null;
  /** @internal The gradient flowing into this node during a backward pass. */
  _grad: Tensor | null = null;
  /** @internal The pass that last visited this node, so a traversal needs no Set. */
  _visited = 0;
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

/** Attaches a grad_fn to `out` when grad mode is on and any input requires grad. Returns `out`. */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  backward: BackwardFn,
  savesTensors = true,
): Tensor {
  if (!gradEnabled) return out;
  let needed = false;
  for (let i = 0; i < inputs.length; i++) needed ||= inputs[i].requires_grad;
  if (!needed) return out;
  const node = new Node(name, inputs.map((t) => (t.requires_grad ? t : null)), backward, savesTensors);
  node.output = out;
  out._setGradFn(node);
  return out;
}

let pass = 0;

/** Nodes reachable from `root` in post-order: read backwards, each node comes after all that feed it. */
function postOrder(root: Node): Node[] {
  const mark = ++pass;
  const order: Node[] = [], nodes: Node[] = [root], next: number[] = [0];
  root._visited = mark;
  while (nodes.length > 0) {
    const top = nodes.length - 1, node = nodes[top], i = next[top];
    if (i < node.inputs.length) {
      next[top] = i + 1;
      const child = node.inputs[i]?.grad_fn;
      if (child && child._visited !== mark) {
        child._visited = mark;
        nodes.push(child);
        next.push(0);
      }
    } else {
      nodes.pop();
      next.pop();
      order.push(node);
    }
  }
  return order;
}

/** Adds `grad` into a leaf's `.grad`, in place when one exists (as PyTorch's AccumulateGrad does). */
function accumulate(leaf: Tensor, grad: Tensor): void {
  const existing = leaf.grad;
  if (existing === null) leaf.grad = grad.clone();
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
  const order = postOrder(rootFn);
  const previous = gradEnabled;
  gradEnabled = false;
  rootFn._grad = seed;
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k], grad = node._grad;
      node._grad = null;
      if (grad === null) continue;
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
        else fn._grad = fn._grad === null ? fitted : fn._grad.add(fitted);
      }
    }
  } finally {
    gradEnabled = previous;
    for (const node of order) node._grad = null;
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

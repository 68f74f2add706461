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
  if (!gradEnabled || !inputs.some((t) => t.requires_grad)) return out;
  out._setGradFn(new Node(name, inputs.map((t) => (t.requires_grad ? t : null)), backward, savesTensors));
  return out;
}

/** Nodes reachable from `root`, every node after all the nodes that feed gradient into it. */
function topologicalOrder(root: Node): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>([root]);
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    if (next < node.inputs.length) {
      top[1] = next + 1;
      const child = node.inputs[next]?.grad_fn;
      if (child && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order.reverse();
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
  if (!sameShape(seed.shape, root.shape)) {
    throw new RuntimeError(
      `Mismatch in shape: grad_output[0] has a shape of ${sizeString(seed.shape)} and output[0] has a shape of ${sizeString(root.shape)}.`,
    );
  }
  const rootFn = root.grad_fn;
  if (rootFn === null) {
    accumulate(root, seed);
    return;
  }
  const pending = new Map<Node, Tensor>([[rootFn, seed]]);
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    for (const node of topologicalOrder(rootFn)) {
      const grad = pending.get(node);
      pending.delete(node);
      if (grad === undefined) continue;
      const grads = node.apply(grad);
      if (!options?.retain_graph) node.release();
      node.inputs.forEach((input, i) => {
        const g = grads[i];
        if (input === null || g === null || g === undefined) return;
        const fitted = sameShape(g.shape, input.shape) ? g : g.sum_to_size(input.shape);
        if (input._retainsGrad) accumulate(input, fitted);
        const fn = input.grad_fn;
        if (fn === null) accumulate(input, fitted);
        else pending.set(fn, pending.has(fn) ? pending.get(fn)!.add(fitted) : fitted);
      });
    }
  } finally {
    gradEnabled = previous;
  }
}

function implicitGradient(root: Tensor): Tensor {
  if (root.numel() !== 1) throw new RuntimeError(IMPLICIT_SCALAR);
  return root._onesLike();
}

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((n, i) => n === b[i]);

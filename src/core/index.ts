// The public API of autograd-ex's core: `import { torch, Variable, Tensor } from "autograd-ex"`.
import type { TensorOptions } from "./creation.js";
import { Tensor } from "./tensor.js";
import { TorchTypeError, typeName } from "./errors.js";

export { torch, type Torch } from "./torch.js";
export { Tensor, type DType, type NestedList, type Operand } from "./tensor.js";
export { Node, AccumulateGrad, no_grad, type BackwardOptions } from "./autograd.js";
export { TorchError, RuntimeError, TorchTypeError, IndexError, ValueError } from "./errors.js";
export type { TensorOptions } from "./creation.js";
export { graphTree, graphDot, GRAPH_VALUES, type Graph, type GraphNode, type GraphEdge, type TitledGraph } from "./graph.js";

export interface VariableConstructor {
  (data: Tensor, options?: TensorOptions): Tensor;
  new (data: Tensor, options?: TensorOptions): Tensor;
}

/**
 * `Variable(tensor, { requires_grad })`: since PyTorch 0.4 a Variable is a Tensor, so this returns a Tensor
 * over the same storage with the requested `requires_grad`. Works with or without `new`.
 */
export const Variable = function Variable(data: Tensor, options: TensorOptions = {}): Tensor {
  if (!(data instanceof Tensor)) {
    throw new TorchTypeError(`Variable data has to be a tensor, but got ${typeName(data)}`);
  }
  const out = data.detach();
  if (options.requires_grad) out.requires_grad = true;
  return out;
} as VariableConstructor;

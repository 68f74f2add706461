// Errors named like the Python exceptions PyTorch raises, with PyTorch's own messages.

export class TorchError extends Error {}

export class RuntimeError extends TorchError {
  override name = "RuntimeError";
}

/** PyTorch's TypeError (bad argument kinds); distinct from JavaScript's own TypeError. */
export class TorchTypeError extends TorchError {
  override name = "TypeError";
}

export class IndexError extends TorchError {
  override name = "IndexError";
}

export class ValueError extends TorchError {
  override name = "ValueError";
}

export const sizeString = (shape: readonly number[]): string => `torch.Size([${shape.join(", ")}])`;

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

/** Python's name for a value's type, as PyTorch's argument errors print it. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return typeof value === "string" ? "str" : typeof value === "boolean" ? "bool" : typeof value;
}

export const sizeString = (shape: readonly number[]): string => `torch.Size([${shape.join(", ")}])`;

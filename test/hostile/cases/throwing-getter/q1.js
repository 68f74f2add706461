// Returns a tensor whose storage getter throws, and a list whose first item's getter throws.
import { torch } from "autograd-ex";

export function q1(x) {
  const t = torch.zeros(1);
  Object.defineProperty(t, "_values", { get() { throw new Error("no peeking"); } });
  return t;
}

export function grad_q1(x) {
  return Object.defineProperty([], 0, { get() { throw new Error("no peeking"); }, enumerable: true });
}

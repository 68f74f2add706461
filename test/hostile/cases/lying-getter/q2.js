// Returns tensors whose shape getter says something else each time it is read, and a tensor whose shape does not
// match its storage.
import { torch } from "autograd-ex";

function shifty(t) {
  let reads = 0;
  Object.defineProperty(t, "_shape", { get: () => (reads++ === 0 ? [1] : [2, 2]) });
  return t;
}

export function q2(x, y, z) {
  const odd = torch.ones(3);
  Object.defineProperty(odd, "_shape", { value: [1] });
  return [shifty(torch.zeros(1)), shifty(torch.zeros(1)), odd];
}

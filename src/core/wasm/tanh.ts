// tanh and TanhBackward0 in the WebAssembly kernels (kernels.wat), for tensors long enough to repay the copies.
import { FIRST, WASM_FROM, after, copyOut, kernels, scratch } from "./kernels.js";

/** tanh(x) rounded to float32, or null where the JavaScript loop is to run. */
export function wasmTanh(x: Float32Array): Float32Array | null {
  const kernel = x.length < WASM_FROM ? null : kernels();
  if (kernel === null) return null;
  const heap = scratch(kernel, after(0, x.length));
  heap.set(x, FIRST);
  kernel.tanh(FIRST * 4, FIRST * 4, x.length);
  return copyOut(heap, FIRST, x.length);
}

/** g·(1 − y²) for tanh's output y, or null where the JavaScript loop is to run. */
export function wasmTanhBackward(g: Float32Array, y: Float32Array): Float32Array | null {
  const kernel = g.length < WASM_FROM ? null : kernels();
  if (kernel === null) return null;
  const at = after(FIRST, g.length), heap = scratch(kernel, after(at, g.length) - FIRST);
  heap.set(g, FIRST);
  heap.set(y, at);
  kernel.tanh_backward(FIRST * 4, at * 4, FIRST * 4, g.length);
  return copyOut(heap, FIRST, g.length);
}

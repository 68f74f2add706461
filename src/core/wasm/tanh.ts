// tanh and TanhBackward0 in the WebAssembly kernels (kernels.wat), for tensors long enough to repay the copies.
import { FIRST, kernels, scratch } from "./kernels.js";
import { floats } from "../storage.js";

/** Below this many elements, the JavaScript loops are as fast as copying into WebAssembly's memory and back. */
const WASM_FROM = 64;

/** The float after `start` and `n` floats, rounded up to whole vectors: the kernels read and write in fours. */
const after = (start: number, n: number): number => start + Math.ceil(n / 4) * 4;

/** The first `n` floats at `at` in `heap`, copied out into tensor storage. */
function copyOut(heap: Float32Array, at: number, n: number): Float32Array {
  const out = floats(n);
  out.set(heap.subarray(at, at + n));
  return out;
}

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

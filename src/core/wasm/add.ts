// A bias added over a batch's rows in the WebAssembly kernels (kernels.wat): the MLP's `h.matmul(w).add(b)`.
import { FIRST, WASM_FROM, after, copyOut, kernels, scratch } from "./kernels.js";

/** a + b with b's values repeated along a (b's length divides a's), or null where the JavaScript loop is to run. */
export function wasmAddRows(a: Float32Array, b: Float32Array): Float32Array | null {
  const kernel = a.length < WASM_FROM || b.length % 4 !== 0 ? null : kernels();
  if (kernel === null) return null;
  const at = after(FIRST, a.length), heap = scratch(kernel, after(at, b.length) - FIRST);
  heap.set(a, FIRST);
  heap.set(b, at);
  kernel.add_rows(FIRST * 4, at * 4, FIRST * 4, a.length, b.length);
  return copyOut(heap, FIRST, a.length);
}

// Loads the WebAssembly SIMD kernels (kernels.wat) and lends out their memory. A caller copies operands in from
// FIRST on, runs a kernel, and copies the result out before the next call: the memory is scratch, not storage.
import { KERNELS_WASM } from "./kernels-wasm.js";
import { SATURATES, TANH_P, TANH_Q } from "../ops/tanh.js";
import { floats } from "../storage.js";

/** The kernels' exports; addresses and strides are in bytes (see kernels.wat). */
export interface Kernels {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  mm(a: number, ars: number, acs: number, b: number, brs: number, c: number, m: number, k: number, n: number): void;
  mm64(a: number, ars: number, acs: number, b: number, brs: number, c: number, m: number, k: number, n: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  add_rows(a: number, b: number, out: number, n: number, width: number): void;
  tanh(x: number, y: number, n: number): void;
  tanh_backward(g: number, y: number, out: number, n: number): void;
}
/** The part of the WebAssembly API used here (the core's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** The first float of scratch: the constants the kernels read (tanh's coefficients) come before it. */
export const FIRST = 32;

let loaded: Kernels | null | undefined;
let heap: Float32Array | null = null;

function load(): Kernels | null {
  try {
    const bytes = Uint8Array.from(atob(KERNELS_WASM), (c) => c.charCodeAt(0));
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const kernels = new wasm.Instance(new wasm.Module(bytes)).exports as Kernels;
    new Float64Array(kernels.memory.buffer, 0, 15).set([...TANH_P, ...TANH_Q, SATURATES]);
    return kernels;
  } catch {
    return null; // NOTE: an embedder may forbid WebAssembly; the JavaScript kernels then do all the work
  }
}

/** The kernels, or null where WebAssembly is not available. */
export function kernels(): Kernels | null {
  return loaded === undefined ? (loaded = load()) : loaded;
}

/** The kernels' memory as floats, grown to at least `floats` past FIRST; valid until the next call. */
export function scratch(kernels: Kernels, floats: number): Float32Array {
  // NOTE: growing detaches the old buffer (its length reads 0), so a long enough `heap` is current; reading
  // memory.buffer instead costs some 2,000 instructions a time (a tenth of the MLP step's went there)
  if (heap !== null && FIRST + floats <= heap.length) return heap;
  const needed = (FIRST + floats) * 4 - kernels.memory.buffer.byteLength;
  if (needed > 0) kernels.memory.grow(Math.ceil(needed / 65536));
  heap = new Float32Array(kernels.memory.buffer);
  return heap;
}

/** Below this many elements, the elementwise loops in JavaScript are as fast as copying in and out. */
export const WASM_FROM = 64;

/** The float after `start` and `n` floats, rounded up to whole vectors: the kernels read and write in fours. */
export const after = (start: number, n: number): number => start + Math.ceil(n / 4) * 4;

/** The first `n` floats at `at` in `heap`, copied out into tensor storage. */
export function copyOut(heap: Float32Array, at: number, n: number): Float32Array {
  const out = floats(n);
  out.set(heap.subarray(at, at + n));
  return out;
}

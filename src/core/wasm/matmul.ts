// Large matmuls run in a WebAssembly SIMD kernel (matmul.wat): operands are packed into its memory, padded to
// whole 4×8 tiles with zeros, and the result copied out. Falls back to JavaScript where WebAssembly is refused.
import type { Operand2d } from "../ops/linalg.js";
import { MATMUL_WASM } from "./matmul-wasm.js";
import { floats } from "../storage.js";

interface Kernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  mm(a: number, b: number, c: number, m: number, k: number, n: number): void;
}
/** The part of the WebAssembly API used here (the core's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

let kernel: Kernel | null | undefined;

function load(): Kernel | null {
  try {
    const bytes = Uint8Array.from(atob(MATMUL_WASM), (c) => c.charCodeAt(0));
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    return new wasm.Instance(new wasm.Module(bytes)).exports as Kernel;
  } catch {
    return null; // NOTE: an embedder may forbid WebAssembly; the JavaScript kernel then does all the work
  }
}

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/** C = A·B with float32 accumulation (as BLAS does), or null when WebAssembly is not available. */
export function wasmMatmul(A: Operand2d, B: Operand2d, m: number, k: number, n: number): Float32Array | null {
  kernel ??= load();
  if (kernel === null) return null;
  const m4 = roundUp(m, 4), n8 = roundUp(n, 8);
  const aBytes = m4 * k * 4, bBytes = k * n8 * 4, cBytes = m4 * n8 * 4;
  const needed = aBytes + bBytes + cBytes - kernel.memory.buffer.byteLength;
  if (needed > 0) kernel.memory.grow(Math.ceil(needed / 65536));
  if (heap === null || heap.buffer !== kernel.memory.buffer) heap = new Float32Array(kernel.memory.buffer);
  pack(heap, 0, A, m, k, k, m4);
  pack(heap, aBytes / 4, B, k, n, n8, k);
  kernel.mm(0, aBytes, aBytes + bBytes, m4, k, n8);
  const out = floats(m * n), c0 = (aBytes + bBytes) / 4;
  if (n === n8) out.set(heap.subarray(c0, c0 + m * n));
  else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = heap[c0 + i * n8 + j];
  return out;
}

/** The kernel's memory as floats, remade when the memory grows. */
let heap: Float32Array | null = null;

/**
 * Writes `rows`×`cols` of a strided operand row-major at `offset`, rows `width` wide, zero-padded to `height` rows.
 * NOTE: plain loops: a subarray per row costs more than the copy itself at the MLP's sizes (64 rows of 16).
 */
function pack(heap: Float32Array, offset: number, X: Operand2d, rows: number, cols: number, width: number, height: number): void {
  const v = X.values, row = X.row, col = X.col;
  for (let i = 0; i < rows; i++) {
    const dst = offset + i * width, src = i * row;
    for (let j = 0; j < cols; j++) heap[dst + j] = v[src + j * col];
    for (let j = cols; j < width; j++) heap[dst + j] = 0;
  }
  heap.fill(0, offset + rows * width, offset + height * width);
}

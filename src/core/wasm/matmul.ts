// Large matmuls run in a WebAssembly SIMD kernel (matmul.wat): operands are packed into its memory, padded to
// whole 4×8 tiles with zeros, and the result copied out. Falls back to JavaScript where WebAssembly is refused.
import type { Operand2d } from "../ops/linalg.js";
import { MATMUL_WASM } from "./matmul-wasm.js";

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
  const heap = new Float32Array(kernel.memory.buffer);
  pack(heap, 0, A, m, k, k, m4);
  pack(heap, aBytes / 4, B, k, n, n8, k);
  kernel.mm(0, aBytes, aBytes + bBytes, m4, k, n8);
  const out = new Float32Array(m * n), c0 = (aBytes + bBytes) / 4;
  for (let i = 0; i < m; i++) out.set(heap.subarray(c0 + i * n8, c0 + i * n8 + n), i * n);
  return out;
}

/** Writes `rows`×`cols` of a strided operand row-major at `offset`, rows `width` wide, zero-padded to `height` rows. */
function pack(heap: Float32Array, offset: number, X: Operand2d, rows: number, cols: number, width: number, height: number): void {
  const v = X.values;
  heap.fill(0, offset, offset + height * width);
  for (let i = 0; i < rows; i++) {
    const dst = offset + i * width, src = i * X.row;
    if (X.col === 1) heap.set(v.subarray(src, src + cols), dst);
    else for (let j = 0; j < cols; j++) heap[dst + j] = v[src + j * X.col];
  }
}

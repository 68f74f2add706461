// Matmul in the WebAssembly kernels (kernels.wat): operands are copied into the kernels' memory as stored and read
// there through their strides; only a transposed B is transposed first, since the kernels load B's rows as vectors.
import type { Operand2d } from "../ops/linalg.js";
import { FIRST, kernels, scratch } from "./kernels.js";
import { floats } from "../storage.js";

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

/**
 * C = A·B, or null when WebAssembly is not available. With `exact`, each element is summed in float64 and
 * rounded once (the JavaScript kernel's numbers); otherwise summed in float32, as BLAS does.
 */
export function wasmMatmul(A: Operand2d, B: Operand2d, m: number, k: number, n: number, exact: boolean): Float32Array | null {
  const kernel = kernels();
  if (kernel === null) return null;
  const width = roundUp(n, exact ? 4 : 8), rowsTransposed = B.col !== 1;
  // regions, each with slack for whole tiles: A's last tile reads up to 3 rows past it, B's rows are read `width` wide
  const a = FIRST, b = a + roundUp(A.values.length + 3 * A.row, 4), bt = b + roundUp(B.values.length + width, 4);
  const c = rowsTransposed ? bt + roundUp(k * n + width, 4) : bt;
  const heap = scratch(kernel, c - FIRST + roundUp(m, 4) * width);
  heap.set(A.values, a);
  heap.set(B.values, b);
  if (rowsTransposed) kernel.transpose(b * 4, bt * 4, n, k);
  const run = exact ? kernel.mm64 : kernel.mm;
  run(a * 4, A.row * 4, A.col * 4, (rowsTransposed ? bt : b) * 4, (rowsTransposed ? n : B.row) * 4, c * 4, m, k, width);
  const out = floats(m * n);
  if (n === width) out.set(heap.subarray(c, c + m * n));
  else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = heap[c + i * width + j];
  return out;
}

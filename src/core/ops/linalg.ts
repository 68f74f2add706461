// Linear algebra: dot, mv, mm and matmul's dispatch between them, as PyTorch dispatches.
import { record } from "../autograd.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor.js";
import { squeezeDims } from "./movement.js";
import { wasmMatmul } from "../wasm/matmul.js";
import { floats } from "../storage.js";

const FLOAT32_FROM = 16 ** 3;
/** Below this many multiply-adds, copying into WebAssembly's memory costs more than it saves. */
const WASM_SMALLEST = 8 ** 3;

function checkTensor(value: unknown, op: string, argument: string): Tensor {
  if (value instanceof Tensor) return value;
  throw new RuntimeError(`${op}(): argument '${argument}' must be Tensor`);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  checkTensor(b, "dot", "tensor");
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
    );
  }
  let s = 0;
  for (let i = 0; i < a._values.length; i++) s += a._values[i] * b._values[i];
  const out = Tensor._scalar(s);
  return record(out, "DotBackward0", [a, b], (g) => [a.requires_grad ? b.mul(g) : null, b.requires_grad ? a.mul(g) : null]);
}

/** A matrix operand read through strides, so a transposed operand needs no copy. */
export interface Operand2d {
  values: Float32Array;
  /** Steps in `values` between rows and between columns of the operand as used. */
  row: number;
  col: number;
}
const plain = (t: Tensor): Operand2d => ({ values: t._values, row: t._shape[1], col: 1 });
const transposed = (t: Tensor): Operand2d => ({ values: t._values, row: 1, col: t._shape[1] });

/** out[m×n] = A[m×k] · B[k×n] in WebAssembly SIMD, or in JavaScript for the smallest or without WebAssembly. */
function matmulKernel(A: Operand2d, B: Operand2d, m: number, k: number, n: number): Float32Array {
  // NOTE: from 16³ multiply-adds up, float32 accumulation (BLAS's numerics, 35× faster at 256³); below, float64
  // accumulation rounded once, which is exact to float32. Both kernels give the same numbers in either language.
  const size = m * k * n;
  const out = size < WASM_SMALLEST ? null : wasmMatmul(A, B, m, k, n, size < FLOAT32_FROM);
  return out ?? jsMatmul(A, B, m, k, n);
}

/**
 * Summed in float64 in k order then rounded once, as one float32 result.
 * NOTE: 4×4 register tiles: each loaded A and B value feeds four multiply-adds (2.4× faster than i-k-j here).
 */
function jsMatmul(A: Operand2d, B: Operand2d, m: number, k: number, n: number): Float32Array {
  const a = A.values, b = B.values, ar = A.row, ac = A.col, br = B.row, bc = B.col;
  const out = floats(m * n);
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, pa = i * ar, pb = j * bc; p < k; p++, pa += ac, pb += br) {
        const b0 = b[pb], b1 = b[pb + bc], b2 = b[pb + 2 * bc], b3 = b[pb + 3 * bc];
        const a0 = a[pa], a1 = a[pa + ar], a2 = a[pa + 2 * ar], a3 = a[pa + 3 * ar];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const o = i * n + j;
      out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03;
      out[o + n] = c10; out[o + n + 1] = c11; out[o + n + 2] = c12; out[o + n + 3] = c13;
      out[o + 2 * n] = c20; out[o + 2 * n + 1] = c21; out[o + 2 * n + 2] = c22; out[o + 2 * n + 3] = c23;
      out[o + 3 * n] = c30; out[o + 3 * n + 1] = c31; out[o + 3 * n + 2] = c32; out[o + 3 * n + 3] = c33;
    }
  }
  // The edges that do not fill a tile: rows below m4 in full, and the last columns of the tiled rows.
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let c = 0;
      for (let p = 0; p < k; p++) c += a[i * ar + p * ac] * b[p * br + j * bc];
      out[i * n + j] = c;
    }
  }
  return out;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  checkTensor(b, "mm", "mat2");
  if (a._shape.length !== 2) throw new RuntimeError("self must be a matrix");
  if (b._shape.length !== 2) throw new RuntimeError("mat2 must be a matrix");
  const [m, k] = a._shape, [k2, n] = b._shape;
  if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const out = new Tensor(matmulKernel(plain(a), plain(b), m, k, n), [m, n]);
  // d(AB) = dA·B + A·dB: grad_A = G·Bᵀ, grad_B = Aᵀ·G (read transposed in place, no copies)
  return record(out, "MmBackward0", [a, b], (g) => [
    a.requires_grad ? new Tensor(matmulKernel(plain(g), transposed(b), m, n, k), [m, k]) : null,
    b.requires_grad ? new Tensor(matmulKernel(transposed(a), plain(g), k, m, n), [k, n]) : null,
  ]);
}

export function mv(a: Tensor, v: Tensor): Tensor {
  checkTensor(v, "mv", "vec");
  if (a._shape.length !== 2 || v._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
  }
  const [m, k] = a._shape;
  if (v._shape[0] !== k) throw new RuntimeError(`size mismatch, got ${m}, ${m}x${k},${v._shape[0]}`);
  const out = new Tensor(matmulKernel(plain(a), { values: v._values, row: 1, col: 1 }, m, k, 1), [m]);
  // grad_A = g ⊗ v (outer product), grad_v = Aᵀ·g
  return record(out, "MvBackward0", [a, v], (g) => [g.unsqueeze(1).mm(v.unsqueeze(0)), a.t().mv(g)]);
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  checkTensor(b, "matmul", "other");
  const da = a._shape.length, db = b._shape.length;
  if (da === 0 || db === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  }
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return squeezeDims(a.unsqueeze(0).mm(b), [0]);
  if (da === 2 && db === 2) return mm(a, b);
  throw new RuntimeError(`autograd-ex: matmul supports 1-D and 2-D tensors, got ${da}D and ${db}D`);
}

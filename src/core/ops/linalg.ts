// Linear algebra: dot, mv, mm and matmul's dispatch between them, as PyTorch dispatches.
import { record } from "../autograd.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor.js";
import { squeezeDims } from "./movement.js";

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
  const out = new Tensor(Float32Array.of(s), []);
  return record(out, "DotBackward0", [a, b], (g) => [b.mul(g), a.mul(g)]);
}

/** out[m×n] = a[m×k] · b[k×n], row by row (i-k-j order keeps the inner loop on contiguous memory). */
function matmulKernel(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const base = p * n;
      for (let j = 0; j < n; j++) row[j] += aip * b[base + j];
    }
    out.set(row, i * n);
  }
  return out;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  checkTensor(b, "mm", "mat2");
  if (a._shape.length !== 2) throw new RuntimeError("self must be a matrix");
  if (b._shape.length !== 2) throw new RuntimeError("mat2 must be a matrix");
  const [m, k] = a._shape, [k2, n] = b._shape;
  if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  const out = new Tensor(matmulKernel(a._values, b._values, m, k, n), [m, n]);
  // d(AB) = dA·B + A·dB: grad_A = G·Bᵀ, grad_B = Aᵀ·G
  return record(out, "MmBackward0", [a, b], (g) => [g.mm(b.t()), a.t().mm(g)]);
}

export function mv(a: Tensor, v: Tensor): Tensor {
  checkTensor(v, "mv", "vec");
  if (a._shape.length !== 2 || v._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
  }
  const [m, k] = a._shape;
  if (v._shape[0] !== k) throw new RuntimeError(`size mismatch, got ${m}, ${m}x${k},${v._shape[0]}`);
  const out = new Tensor(matmulKernel(a._values, v._values, m, k, 1), [m]);
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

// A float64 reference forward for the gradient check: plain arrays, PyTorch's broadcasting and shapes.

export interface Ref {
  shape: number[];
  data: Float64Array;
}

export const numel = (shape: readonly number[]): number => shape.reduce((n, s) => n * s, 1);
export const ref = (shape: number[], data: ArrayLike<number>): Ref => ({ shape, data: Float64Array.from(data) });

export function broadcastShape(...shapes: number[][]): number[] {
  const ndim = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: ndim }, (_, i) => {
    const sizes = shapes.map((s) => s[s.length - ndim + i] ?? 1).filter((n) => n !== 1);
    if (sizes.some((n) => n !== sizes[0])) throw new Error(`shapes ${JSON.stringify(shapes)} do not broadcast`);
    return sizes[0] ?? 1;
  });
}

/** The flat index in `shape` read by element `i` of `out` when `shape` is broadcast to `out`. */
function source(shape: number[], out: number[], i: number): number {
  let src = 0, stride = 1, rest = i;
  for (let d = out.length - 1; d >= 0; d--) {
    const k = rest % out[d];
    rest = Math.floor(rest / out[d]);
    const size = shape[d - (out.length - shape.length)];
    if (size === undefined) break;
    if (size !== 1) src += k * stride;
    stride *= size;
  }
  return src;
}

/** f applied elementwise over broadcast inputs. */
export function elementwise(inputs: Ref[], f: (...xs: number[]) => number): Ref {
  const shape = broadcastShape(...inputs.map((x) => x.shape));
  const data = new Float64Array(numel(shape));
  for (let i = 0; i < data.length; i++) data[i] = f(...inputs.map((x) => x.data[source(x.shape, shape, i)]));
  return { shape, data };
}

/** Sum (or mean) over `dim` (all dims when undefined), keeping it as size 1 when keepdim. */
export function reduce(x: Ref, dim: number | undefined, keepdim: boolean, mean: boolean): Ref {
  if (dim === undefined) {
    const total = x.data.reduce((s, v) => s + v, 0);
    return ref([], [mean ? total / Math.max(x.data.length, 1) : total]);
  }
  const d = dim < 0 ? dim + x.shape.length : dim;
  const outer = numel(x.shape.slice(0, d)), size = x.shape[d], inner = numel(x.shape.slice(d + 1));
  const data = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < size; k++) {
      for (let j = 0; j < inner; j++) data[o * inner + j] += x.data[(o * size + k) * inner + j];
    }
  }
  if (mean) data.forEach((v, i) => (data[i] = v / size));
  const shape = keepdim ? x.shape.map((s, i) => (i === d ? 1 : s)) : x.shape.filter((_, i) => i !== d);
  return { shape, data };
}

export const maxAll = (x: Ref): Ref => ref([], [Math.max(...x.data)]);
export const norm = (x: Ref): Ref => ref([], [Math.sqrt(x.data.reduce((s, v) => s + v * v, 0))]);

export function transpose(x: Ref): Ref {
  if (x.shape.length < 2) return x;
  const [r, c] = x.shape;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[j * r + i] = x.data[i * c + j];
  return { shape: [c, r], data };
}

/** matmul for 1-d and 2-d operands, as torch.matmul: a 1-d left is a row, a 1-d right a column, both dropped. */
export function matmul(a: Ref, b: Ref): Ref {
  const left = a.shape.length === 1 ? [1, a.shape[0]] : a.shape;
  const right = b.shape.length === 1 ? [b.shape[0], 1] : b.shape;
  const [n, k, m] = [left[0], left[1], right[1]];
  const data = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      for (let p = 0; p < k; p++) data[i * m + j] += a.data[i * k + p] * b.data[p * m + j];
    }
  }
  const shape = [...(a.shape.length === 1 ? [] : [n]), ...(b.shape.length === 1 ? [] : [m])];
  return { shape, data };
}

export const reshape = (x: Ref, shape: number[]): Ref => ({ shape, data: x.data });

// Float32 storage for the results of ops, carved from shared slabs.
// NOTE: V8 keeps a typed array of up to 64 bytes on its heap, where allocation is nearly free; above that each
// array gets its own off-heap buffer at 1–3 µs apiece, more than the arithmetic of a 1000-element op. Views into
// one slab cost a fraction of that. A slab is freed when the last view into it is, so it stays small, and arrays
// above SLAB_ARRAY get their own buffer: one kept view pins at most SLAB_BYTES.

const HEAP_FLOATS = 16;
const SLAB_BYTES = 1 << 15;
const SLAB_ARRAY = 1024;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** A zero-filled Float32Array of length `n`. */
export function floats(n: number): Float32Array {
  if (n <= HEAP_FLOATS || n > SLAB_ARRAY) return new Float32Array(n);
  const bytes = n * 4;
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Float32Array(slab, used, n);
  used += bytes;
  return out;
}

/** A copy of `values` in storage from `floats`. */
export function copyOf(values: Float32Array): Float32Array {
  const out = floats(values.length);
  out.set(values);
  return out;
}

// Memory outside the JavaScript heap (where tensors live): the heap cap does not see it, the watchdog does.
export function q2(x, y, z) {
  const keep = [];
  for (;;) keep.push(new Float64Array(1 << 23).fill(1));
}

// Fills the JavaScript heap until V8 gives up.
export function q2(x, y, z) {
  const keep = [];
  for (;;) keep.push(new Array(1 << 22).fill(1.5));
}

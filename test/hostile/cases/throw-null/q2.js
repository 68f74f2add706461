// Throws null.
export function q2() {
  throw null;
}

// Prints without end.
export function q2(x, y, z) {
  for (;;) console.log("spam ".repeat(100));
}

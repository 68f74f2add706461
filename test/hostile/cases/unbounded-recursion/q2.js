// Recursion with no base case.
function deeper(n) {
  return deeper(n + 1) + 1;
}

export function q2(x, y, z) {
  return deeper(0);
}

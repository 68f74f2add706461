// Throws a number and a string.
export function q1() {
  throw 42;
}

export function grad_q1() {
  throw "not an Error";
}

// Blocks the thread in Atomics.wait, which no timer or signal handler inside the process can interrupt.
export function q2() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

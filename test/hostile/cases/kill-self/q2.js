// Sends itself SIGTERM.
export function q2(x, y, z) {
  process.kill(process.pid);
  for (;;) {}
}

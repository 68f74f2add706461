// Tries to signal the grader and every other process: Node 20's permission model does not cover signals.
// NOTE: the probe of every process (-1) uses signal 0, which only asks; if the guard ever failed, this test
// must not take the machine down with it.
function attempt(name, f) {
  try {
    f();
    return `${name}: sent`;
  } catch (error) {
    return `${name}: ${error.code ?? error.message}`;
  }
}

export function q2(x, y, z) {
  throw new Error([
    attempt("kill(parent, SIGKILL)", () => process.kill(process.ppid, "SIGKILL")),
    attempt("kill(-1, 0)", () => process.kill(-1, 0)),
    attempt("kill(0, 0)", () => process.kill(0, 0)),
    attempt("_kill(parent, 9)", () => { if (process._kill(process.ppid, 9) !== 0) throw Object.assign(new Error(), { code: "refused" }); }),
    attempt("_debugProcess(parent)", () => process._debugProcess(process.ppid)),
  ].join("; "));
}

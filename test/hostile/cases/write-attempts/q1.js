// Tries to write files outside its folder, and to reach the network (a Unix socket such as Docker's, or TCP)
// through the classes behind the standard streams.
function attempt(name, f) {
  try {
    const value = f();
    return `${name}: ${value === undefined ? "done" : "GOT " + String(value).slice(0, 40)}`;
  } catch (error) {
    return `${name}: ${error.code ?? error.message}`;
  }
}

export function q1() {
  throw new Error([
    attempt("chdir", () => process.chdir("/tmp")),
    attempt("writeReport", () => process.report.writeReport("/tmp/autograd-ex-pwned-report.json")),
    attempt("heapsnapshot", () => process.binding("v8").writeHeapSnapshot("/tmp/autograd-ex-pwned.heapsnapshot")),
    attempt("dlopen", () => process.dlopen({}, "/tmp/autograd-ex-pwned.node")),
    attempt("stdout socket", () => new process.stdout.constructor().connect("/var/run/docker.sock")),
    attempt("stdin socket", () => new process.stdin.constructor().connect(80, "127.0.0.1")),
    attempt("active handles", () => process._getActiveHandles()),
    attempt("fetch", () => fetch("http://127.0.0.1:9/")),
  ].join("\n"));
}

export function grad_q1() {
  return q1();
}

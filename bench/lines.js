// A process asked one JSON line at a time, answering each with one JSON line: PyTorch's script (bench/torch.js)
// and autograd-ex's own child (bench/core-child.js). The first line it prints says hello.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Starts `command` with `args`; `answer()` resolves to its next JSON line, `ask(request)` sends one line first.
 * A process that dies or prints something else answers `{ unavailable }`, prefixed with `label`.
 */
export function startLines(label, command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.on("error", () => {}); // a dead process is reported by `ended` below
  const ended = new Promise((resolve) => {
    const why = (reason) => resolve({ unavailable: `${label}: ${reason}` });
    child.on("error", (error) => why(error.code === "ENOENT" ? "not found" : error.message));
    child.on("close", (code, signal) => why(stderr.trim().split("\n").at(-1) || `exited (${code ?? signal})`));
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const answer = async () => {
    const line = await lines.next();
    if (line.done) return ended;
    try {
      return JSON.parse(line.value);
    } catch {
      return { unavailable: `${label}: not a JSON answer: ${line.value.slice(0, 80)}` };
    }
  };
  return {
    answer,
    ask(request) {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return answer();
    },
    close: () => child.stdin.end(),
  };
}

// The PyTorch anchor: bench/torch_bench.py kept running under the first Python that has torch, asked for one
// figure at a time so each PyTorch figure is measured right beside autograd-ex's.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./torch_bench.py", import.meta.url));
// NOTE: `python3` on PATH may be a pyenv or venv interpreter without torch; Debian's python3-torch is /usr/bin's.
const PYTHONS = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];

/** The script under `python`: `ask(request)` sends one JSON line and resolves to its one-line JSON answer. */
function startScript(python) {
  const child = spawn(python, [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.on("error", () => {}); // a dead process is reported by `ended` below
  const ended = new Promise((resolve) => {
    const why = (reason) => resolve({ unavailable: `${python}: ${reason}` });
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
      return { unavailable: `${python}: not a JSON answer: ${line.value.slice(0, 80)}` };
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

/**
 * The runner `{ info, measure(figure), close() }` on the first interpreter whose script says hello, or
 * `{ unavailable }` naming every interpreter tried and why it failed.
 */
export async function startTorch(method) {
  const reasons = [];
  for (const python of PYTHONS) {
    const script = startScript(python);
    const hello = await script.answer();
    if (hello.unavailable) {
      reasons.push(hello.unavailable);
      continue;
    }
    return {
      info: hello.info,
      measure: (figure) => script.ask({ figure: figure.name, params: figure.params, method }),
      close: script.close,
    };
  }
  return { unavailable: reasons.join("; ") };
}

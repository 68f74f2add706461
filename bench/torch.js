// The PyTorch anchor: bench/torch_bench.py kept running under the first Python that has torch, asked for one
// figure at a time so each PyTorch figure is measured right beside autograd-ex's.
import { fileURLToPath } from "node:url";
import { startLines } from "./lines.js";

const SCRIPT = fileURLToPath(new URL("./torch_bench.py", import.meta.url));
// NOTE: `python3` on PATH may be a pyenv or venv interpreter without torch; Debian's python3-torch is /usr/bin's.
const PYTHONS = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];

/**
 * The runner `{ info, measure(figure), close() }` on the first interpreter whose script says hello, or
 * `{ unavailable }` naming every interpreter tried and why it failed.
 */
export async function startTorch(method) {
  const reasons = [];
  for (const python of PYTHONS) {
    const script = startLines(python, python, [SCRIPT]);
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

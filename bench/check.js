// Wall time of `autograd-ex check` on all three questions (the reference solutions), next to `node -e 0`
// measured in the same run: the check must take well under a second.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 7;

function median(command, args, options) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, options);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited with ${result.status}: ${result.stdout}${result.stderr}`);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const work = mkdtempSync(join(tmpdir(), "autograd-ex-bench-"));
try {
  cpSync(join(root, "test", "solutions", "reference"), work, { recursive: true });
  const check = median(process.execPath, [join(root, "bin", "autograd-ex.cjs"), "check", "--dir", work], { encoding: "utf8" });
  const node = median(process.execPath, ["-e", "0"], {});
  console.log(`autograd-ex check (q1, q2, q3): ${check.toFixed(0)} ms wall, median of ${RUNS}`);
  console.log(`node -e 0:                      ${node.toFixed(0)} ms wall, median of ${RUNS}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// `autograd-ex check` on all three questions of a correct workspace, next to its anchors measured in the same
// run: `node -e 0` (the floor for any Node process) and the course notebook's own checks under PyTorch
// (bench/notebook_checks.py). Each is the median of RUNS timed runs; the peak memory of its process tree comes
// from MEMORY_RUNS more, sampled (sampling takes CPU from what it measures, so timed runs are not sampled).
// check is timed twice: with its bundles kept from the run before (a student re-running check), and cold
// (AUTOGRAD_EX_CACHE=off: every file bundled, as after editing all three).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { table } from "./format.js";
import { run } from "./proc.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 9;
const MEMORY_RUNS = 3;
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const TARGET = { node: 3, notebook: 8, memoryMb: 150 };

async function runs(count, command, args, options, sampleMs) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const result = await run(command, args, options, sampleMs);
    if (result.code !== 0) throw new Error(`${[command, ...args].join(" ")} exited with ${result.code}`);
    results.push(result);
  }
  return results;
}

async function median(command, args, options) {
  const ms = (await runs(RUNS, command, args, options, 0)).map((r) => r.ms).sort((a, b) => a - b);
  const sampled = await runs(MEMORY_RUNS, command, args, options, 5);
  return { ms: ms[RUNS >> 1], min: ms[0], peakTree: Math.max(...sampled.map((r) => r.peakTree)) };
}

async function notebook() {
  try {
    return await median(PYTHON, [join(root, "bench", "notebook_checks.py")], { cwd: tmpdir() });
  } catch (error) {
    return { unavailable: `${PYTHON} with torch: ${error.message}` };
  }
}

const work = mkdtempSync(join(tmpdir(), "autograd-ex-bench-"));
const cache = mkdtempSync(join(tmpdir(), "autograd-ex-bench-cache-"));
try {
  cpSync(join(root, "test", "solutions", "reference"), work, { recursive: true });
  const check = (env) => median(process.execPath, [join(root, "bin", "autograd-ex.cjs"), "check", "--dir", work], { env: { ...process.env, ...env } });
  const node = await median(process.execPath, ["-e", "0"]);
  const cached = await check({ AUTOGRAD_EX_CACHE: cache });
  const cold = await check({ AUTOGRAD_EX_CACHE: "off" });
  const nb = await notebook();
  const mb = (x) => `${x.toFixed(0)} MB`;
  const row = (name, r, vsNode, vsNotebook) => [name, `${r.ms.toFixed(0)} ms`, `${r.min.toFixed(0)} ms`, mb(r.peakTree), vsNode, vsNotebook];
  const times = (x) => `${x.toFixed(1)}×`;
  const checkRow = (name, r) => row(name, r, times(r.ms / node.ms), nb.unavailable ? "—" : `${times(nb.ms / r.ms)} faster`);
  console.log(`\nautograd-ex check (q1, q2, q3 of a correct workspace): median and fastest of ${RUNS} runs, peak memory of the process tree in ${MEMORY_RUNS} more`);
  console.log(
    table(
      ["command", "median", "fastest", "peak memory", "÷ node -e 0", "vs the notebook"],
      [
        checkRow("autograd-ex check, bundles kept", cached),
        checkRow("autograd-ex check, cold (cache off)", cold),
        row("node -e 0", node, "1×", ""),
        nb.unavailable ? ["notebook checks, PyTorch", "unavailable", "", "", "", nb.unavailable] : row("notebook checks, PyTorch", nb, times(nb.ms / node.ms), "1×"),
      ],
    ),
  );
  const verdict = (ok) => (ok ? "met" : "missed");
  console.log(`targets: ≤${TARGET.node}× node -e 0: ${verdict(cached.ms <= TARGET.node * node.ms)} kept, ${verdict(cold.ms <= TARGET.node * node.ms)} cold`);
  if (!nb.unavailable) console.log(`         ≥${TARGET.notebook}× faster than the notebook: ${verdict(nb.ms >= TARGET.notebook * cached.ms)} kept, ${verdict(nb.ms >= TARGET.notebook * cold.ms)} cold`);
  console.log(`         peak memory < ${TARGET.memoryMb} MB: ${verdict(Math.max(cached.peakTree, cold.peakTree) < TARGET.memoryMb)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}

// `autograd-ex check` on all three questions of a correct workspace, next to its anchors measured in the same
// run: `node -e 0` (the floor for any Node process) and the course notebook's own checks under PyTorch
// (bench/notebook_checks.py). Each is the median of RUNS timed runs; the peak memory of its process tree comes
// from MEMORY_RUNS more, sampled (sampling takes CPU from what it measures, so timed runs are not sampled).
// check is timed three ways: as a student re-runs it (the bundles and the standby child kept from the run before),
// with its bundles kept but no standby (AUTOGRAD_EX_STANDBY=off, as under CI), and cold (no standby, every file
// bundled: AUTOGRAD_EX_CACHE=off). A re-run's memory counts the standby it takes and the keeper that started it
// (src/grader/keeper.ts), both working in the standbys' folder; what waits between runs is measured too.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { table } from "./format.js";
import { run, treeRssMb } from "./proc.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 9;
const MEMORY_RUNS = 3;
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const TARGET = { node: 3, notebook: 8, memoryMb: 150 };
/**
 * A pause before each timed run of every command, as between a student's re-runs: what a run leaves working (the
 * next standby boots ~0.2 s after a check has ended) does not overlap the next, nor the anchors.
 */
const PAUSE_MS = 500;

async function runs(count, command, args, options, sampleMs, alsoIn) {
  const results = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const result = await run(command, args, options, sampleMs, alsoIn);
    if (result.code !== 0) throw new Error(`${[command, ...args].join(" ")} exited with ${result.code}`);
    results.push(result);
  }
  return results;
}

async function median(command, args, options, alsoIn) {
  const ms = (await runs(RUNS, command, args, options, 0)).map((r) => r.ms).sort((a, b) => a - b);
  const sampled = await runs(MEMORY_RUNS, command, args, options, 5, alsoIn);
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
const standbys = mkdtempSync(join(tmpdir(), "autograd-ex-bench-standby-"));

/** Ends the keeper and the standbys the runs left (each idles 15 minutes otherwise), the keeper first. */
function endStandbys() {
  for (const name of readdirSync(standbys).sort((a, b) => b.startsWith("keeper.") - a.startsWith("keeper."))) {
    const file = join(standbys, name, "pid");
    if (!existsSync(file)) continue;
    try {
      process.kill(-Number(readFileSync(file, "utf8")), "SIGKILL");
    } catch {
      // gone already
    }
  }
}

try {
  cpSync(join(root, "test", "solutions", "reference"), work, { recursive: true });
  const bin = [join(root, "bin", "autograd-ex.cjs"), "check", "--dir", work];
  const check = (env, alsoIn) => median(process.execPath, bin, { env: { ...process.env, AUTOGRAD_EX_STANDBY: "off", ...env } }, alsoIn);
  const node = await median(process.execPath, ["-e", "0"]);
  const again = { AUTOGRAD_EX_CACHE: cache, AUTOGRAD_EX_STANDBY: standbys };
  await runs(1, process.execPath, bin, { env: { ...process.env, ...again } }, 0); // leaves the bundles and a standby
  const rerun = await check(again, standbys);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const waitingMb = treeRssMb(-1, standbys);
  const kept = await check({ AUTOGRAD_EX_CACHE: cache });
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
        checkRow("autograd-ex check, re-run (bundles and standby kept)", rerun),
        checkRow("autograd-ex check, bundles kept, no standby", kept),
        checkRow("autograd-ex check, cold (no cache, no standby)", cold),
        row("node -e 0", node, "1×", ""),
        nb.unavailable ? ["notebook checks, PyTorch", "unavailable", "", "", "", nb.unavailable] : row("notebook checks, PyTorch", nb, times(nb.ms / node.ms), "1×"),
      ],
    ),
  );
  console.log(`between re-runs, the keeper and the standby it started wait: ${mb(waitingMb)} resident together`);
  const verdict = (ok) => (ok ? "met" : "missed");
  const each = (test) => `${verdict(test(rerun))} re-run, ${verdict(test(kept))} without standby, ${verdict(test(cold))} cold`;
  console.log(`targets: ≤${TARGET.node}× node -e 0: ${each((r) => r.ms <= TARGET.node * node.ms)}`);
  if (!nb.unavailable) console.log(`         ≥${TARGET.notebook}× faster than the notebook: ${each((r) => nb.ms >= TARGET.notebook * r.ms)}`);
  console.log(`         peak memory < ${TARGET.memoryMb} MB: ${each((r) => r.peakTree < TARGET.memoryMb)}`);
} finally {
  endStandbys();
  rmSync(work, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  rmSync(standbys, { recursive: true, force: true });
}

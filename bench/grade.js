// Batch grading throughput: `autograd-ex grade` on 50, 200 and 800 generated workspaces (test/batch/workspaces.js:
// right, wrong, hard-coded, hostile, broken and empty ones, randomized checks on), each size in a fresh process.
// Reports workspaces per second and peak memory (the grader's own, and all its sandbox processes at once), and
// checks every student's points: speed is measured, never asserted, but a wrong grade fails the bench (exit 1).
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { table } from "./format.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** `node bench/grade.js 20 40` measures other sizes. */
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [50, 200, 800];
const TIMEOUT_S = "1"; // the deadline the hostile workspaces run into

/** Resident memory of the process tree under `pid` (Linux /proc; 0 elsewhere), in MB. */
function treeRssMb(pid) {
  let procs;
  try {
    procs = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const parent = new Map(), rss = new Map();
  for (const p of procs) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(p), Number(fields[1]));
      rss.set(Number(p), (Number(fields[21]) * 4096) / 2 ** 20);
    } catch {
      // gone already
    }
  }
  const inTree = (p) => p === pid || (parent.has(p) && p > 1 && inTree(parent.get(p)));
  return [...rss].filter(([p]) => inTree(p)).reduce((sum, [, mb]) => sum + mb, 0);
}

/** Grades `size` generated workspaces in a child running the built CLI; resolves with time, memory and grades. */
async function run(size) {
  const { generateClass } = await import("../test/batch/workspaces.js");
  const work = mkdtempSync(join(tmpdir(), "autograd-ex-bench-grade-"));
  const students = generateClass(join(work, "class"), size);
  const args = [join(root, "bin", "autograd-ex.cjs"), "grade", "class", "--out", "grades", "--seed", "1", "--timeout", TIMEOUT_S];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: work, stdio: ["ignore", "ignore", "ignore"] });
  let peakTree = 0, peakGrader = 0;
  const sampler = setInterval(() => {
    peakTree = Math.max(peakTree, treeRssMb(child.pid));
    try {
      peakGrader = Math.max(peakGrader, (Number(readFileSync(`/proc/${child.pid}/statm`, "utf8").split(" ")[1]) * 4096) / 2 ** 20);
    } catch {
      // finished, or no /proc here
    }
  }, 50);
  const code = await new Promise((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const wrong = students.filter((student) => {
    const report = JSON.parse(readFileSync(join(work, "grades", "students", `${student.name}.json`), "utf8"));
    return report.checks.some((check) => check.score !== student.points[check.name]);
  });
  rmSync(work, { recursive: true, force: true });
  return { size, code, seconds, peakGrader, peakTree, wrong: wrong.map((s) => s.name) };
}

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

const results = [];
for (const size of SIZES) {
  progress(`grading ${size} workspaces`);
  results.push(await run(size));
}
const mb = (x) => (x > 0 ? `${x.toFixed(0)} MB` : "n/a");
console.log(`\nautograd-ex grade: generated workspaces, --jobs ${availableParallelism()} (the cores), --timeout ${TIMEOUT_S} s, randomized checks on`);
console.log(
  table(
    ["workspaces", "wall", "workspaces/s", "peak memory, grader", "peak memory, grader + sandboxes", "grades"],
    results.map((r) => [String(r.size), `${r.seconds.toFixed(1)} s`, (r.size / r.seconds).toFixed(1), mb(r.peakGrader), mb(r.peakTree), r.code === 0 && r.wrong.length === 0 ? "all right" : `${r.wrong.length} wrong (exit ${r.code})`]),
  ),
);
const failed = results.filter((r) => r.code !== 0 || r.wrong.length > 0);
for (const r of failed) console.log(`! ${r.size}: wrong grades for ${r.wrong.slice(0, 10).join(", ")}${r.wrong.length > 10 ? ", …" : ""}`);
process.exitCode = failed.length > 0 ? 1 : 0;

// Batch grading throughput: `autograd-ex grade` on 50, 200 and 800 generated workspaces (test/batch/workspaces.js:
// right, wrong, hard-coded, hostile, broken and empty ones), each size in a fresh process, with the public checks;
// then 200 again with the randomized checks on. Reports workspaces per second and peak memory (the grader's own,
// and with all its sandbox processes), and checks every student's points: speed is measured, never asserted, but
// a wrong grade fails the bench (exit 1).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { table } from "./format.js";
import { run } from "./proc.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** `node bench/grade.js 20 40` measures other sizes (public checks only). */
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [50, 200, 800];
const RANDOMIZED_SIZE = 200;
const TIMEOUT_S = "1"; // the deadline the hostile workspaces run into
const TARGET = 10; // workspaces per second, public checks

/** Grades `size` generated workspaces in a child running the CLI; resolves with time, memory and wrong grades. */
async function gradeClass(size, seed) {
  const { generateClass } = await import("../test/batch/workspaces.js");
  const work = mkdtempSync(join(tmpdir(), "autograd-ex-bench-grade-"));
  const students = generateClass(join(work, "class"), size);
  const args = [join(root, "bin", "autograd-ex.cjs"), "grade", "class", "--out", "grades", "--timeout", TIMEOUT_S, ...(seed === null ? [] : ["--seed", String(seed)])];
  const { code, ms, peakSelf, peakTree } = await run(process.execPath, args, { cwd: work }, 50);
  const wrong = students.filter((student) => {
    const report = JSON.parse(readFileSync(join(work, "grades", "students", `${student.name}.json`), "utf8"));
    return report.checks.some((check) => check.score !== student.points[check.name]);
  });
  rmSync(work, { recursive: true, force: true });
  return { size, seed, code, seconds: ms / 1000, peakSelf, peakTree, wrong: wrong.map((s) => s.name) };
}

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

const results = [];
for (const [size, seed] of [...SIZES.map((size) => [size, null]), ...(process.argv.length > 2 ? [] : [[RANDOMIZED_SIZE, 1]])]) {
  progress(`grading ${size} workspaces${seed === null ? "" : ", randomized checks on"}`);
  results.push(await gradeClass(size, seed));
}
const mb = (x) => (x > 0 ? `${x.toFixed(0)} MB` : "n/a");
console.log(`\nautograd-ex grade: generated workspaces, default --jobs (${2 * availableParallelism()}, two per core), --timeout ${TIMEOUT_S} s`);
console.log(
  table(
    ["workspaces", "checks", "wall", "workspaces/s", "peak memory, grader", "peak memory, grader + sandboxes", "grades"],
    results.map((r) => [
      String(r.size),
      r.seed === null ? "public" : "+ randomized",
      `${r.seconds.toFixed(1)} s`,
      (r.size / r.seconds).toFixed(1),
      mb(r.peakSelf),
      mb(r.peakTree),
      r.code === 0 && r.wrong.length === 0 ? "all right" : `${r.wrong.length} wrong (exit ${r.code})`,
    ]),
  ),
);
const publicRuns = results.filter((r) => r.seed === null);
const slowest = Math.min(...publicRuns.map((r) => r.size / r.seconds));
console.log(`target: ≥${TARGET} workspaces/s with the public checks: ${slowest >= TARGET ? "met" : "missed"} (slowest size: ${slowest.toFixed(1)}/s)`);
const failed = results.filter((r) => r.code !== 0 || r.wrong.length > 0);
for (const r of failed) console.log(`! ${r.size}: wrong grades for ${r.wrong.slice(0, 10).join(", ")}${r.wrong.length > 10 ? ", …" : ""}`);
process.exitCode = failed.length > 0 ? 1 : 0;

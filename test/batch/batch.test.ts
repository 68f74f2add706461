// `autograd-ex grade <dir>` on a class of generated workspaces (right, wrong, hard-coded, hostile, broken and empty
// ones), graded in one run: every student's points per check are the ones their variants earn.
// NOTE: 30 workspaces by default, which covers every variant; AUTOGRAD_EX_BATCH_SIZE=200 grades 200 (about a minute
// here: a child process per question is most of the cost), as `npm run bench` does with bench/grade.js.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BATCH_FILE, GRADES_FILE, STUDENTS_DIR, type BatchInfo } from "../../src/grader/gradebook.js";
import type { StudentReport } from "../../src/grader/batch.js";
import { runCli, tempDir, type CliRun } from "../cli/run-cli.js";
import { CHECKS, generateClass, MAX_POINTS, type Student } from "./workspaces.js";

const CLASS_SIZE = Number(process.env.AUTOGRAD_EX_BATCH_SIZE ?? 30);
const SEED = "2024";

let root: string, out: string, students: Student[], run: CliRun, seconds: number;

beforeAll(async () => {
  root = tempDir();
  out = join(tempDir(), "grades");
  students = generateClass(join(root, "class"), CLASS_SIZE);
  const started = performance.now();
  run = await runCli(["grade", "class", "--out", out, "--seed", SEED, "--timeout", "1"], root);
  seconds = (performance.now() - started) / 1000;
}, 300_000);

const report = (name: string): StudentReport => JSON.parse(readFileSync(join(out, STUDENTS_DIR, `${name}.json`), "utf8"));

describe(`grading a class of ${CLASS_SIZE}`, () => {
  it("finishes, exit 0, with every student's points per check right", () => {
    expect(run.code).toBe(0);
    const wrong = students.flatMap((student) => {
      const graded = Object.fromEntries(report(student.name).checks.map((c) => [c.name, c.score]));
      return JSON.stringify(graded) === JSON.stringify(student.points) ? [] : [{ student: student.name, variants: student.variants, expected: student.points, graded }];
    });
    expect(wrong).toEqual([]);
    console.log(`${CLASS_SIZE} workspaces in ${seconds.toFixed(1)} s (${(CLASS_SIZE / seconds).toFixed(1)}/s)`);
  });

  it("writes grades.csv: a row per student with per-check points, total, status, hash and time", () => {
    const [header, ...rows] = readFileSync(join(out, GRADES_FILE), "utf8").trimEnd().split("\r\n");
    expect(header).toBe(["student", ...CHECKS, "total", "max", "status", "files_sha256", "duration_ms"].join(","));
    expect(rows).toHaveLength(CLASS_SIZE);
    rows.forEach((row, i) => {
      const cells = row.split(",");
      expect(cells.slice(0, CHECKS.length + 3)).toEqual([students[i].name, ...CHECKS.map((c) => String(students[i].points[c])), String(students[i].total), String(MAX_POINTS)]);
      expect(cells[CHECKS.length + 4]).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(cells[CHECKS.length + 5])).toBeGreaterThan(0);
    });
  });

  it("grades an empty folder as not gradable, and a crash or hang as that student's own error", () => {
    const empty = report("student-024");
    expect(empty.status).toBe("error");
    expect(empty.checks.every((c) => c.status === "error" && c.message.startsWith("not gradable: no exercises found in "))).toBe(true);
    const looping = report("student-013"); // q2 loops forever
    expect(looping.checks.filter((c) => c.question === "q2").map((c) => c.status)).toEqual(["timeout", "timeout"]);
    const exiting = report(students.find((s) => s.variants?.q2 === "exit")!.name);
    expect(exiting.checks.find((c) => c.name === "check_q2")!.message).toBe("the process running your solution exited with code 0 (does the code call process.exit?)");
  });

  it("gives each student their own seed, derived from the batch's, and records how the batch was graded", () => {
    const info: BatchInfo = JSON.parse(readFileSync(join(out, BATCH_FILE), "utf8"));
    expect(info).toMatchObject({ seed: Number(SEED), config_sha256: null, shard: null, questions: ["q1", "q2", "q3"], checks: CHECKS });
    expect(info.students).toEqual(students.map((s) => s.name));
    const seeds = new Set(students.slice(0, 20).map((s) => report(s.name).seed));
    expect(seeds.size).toBe(20);
  });

  it("prints a table and where the gradebook went, with a line per student on a non-terminal", () => {
    const lines = run.out.split("\n");
    expect(lines[0]).toMatch(/^Student +Score +Status +Time$/);
    expect(lines[1]).toMatch(/^student-000 +41\/41 +pass +\d+\.\d s$/);
    expect(run.out).toContain(`Randomized checks from seed ${SEED} (each student's own seed is in their report).`);
    expect(run.out).toMatch(new RegExp(`Graded ${CLASS_SIZE} workspaces in \\d+\\.\\d s \\(\\d+\\.\\d/s\\): \\d+ pass, \\d+ fail, \\d+ error\\.`));
    expect(run.err.trimEnd().split("\n")).toHaveLength(CLASS_SIZE);
    expect(run.err).toMatch(new RegExp(`^\\[ *\\d+/${CLASS_SIZE}\\] student-\\d{3}: \\d+/41 (pass|fail|error) \\(\\d+ ms\\)$`, "m"));
  });
});

// Grades a class: each subfolder of a directory is one student's workspace, graded in parallel, each with its own
// child processes and limits. A crash, hang or syntax error in one workspace is that student's grade; it never
// stops the batch.
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Limits } from "./child.js";
import { sha256 } from "./lazy.js";
import { ToolError } from "./errors.js";
import { gradeRun, notGradable, type GradeOptions, type Grading } from "./grade.js";
import { studentSeed } from "./randomized.js";
import { jsonObject } from "./report-json.js";
import type { Question } from "./spec.js";
import { NO_DIRECTORY, openWorkspace } from "./workspace.js";

/** The slice `index` (from 1) of `count` that one machine grades. */
export interface Shard {
  index: number;
  count: number;
}

/** One student's JSON report: the `--json` report with the student's name and the time their grading took. */
export type StudentReport = { student: string; duration_ms: number } & ReturnType<typeof jsonObject>;

/** What the gradebook keeps of a report once it is on disk: a class's grades in memory stay small. */
export type GradeRow = Pick<StudentReport, "student" | "score" | "status" | "files_sha256" | "duration_ms"> & {
  checks: { name: string; score: number }[];
};

export const gradeRow = ({ student, score, status, files_sha256, duration_ms, checks }: GradeRow): GradeRow => ({
  student,
  score,
  status,
  files_sha256,
  duration_ms,
  checks: checks.map(({ name, score }) => ({ name, score })),
});

export const BAD_SHARD = (value: string) => `--shard ${value}: expected i/n with 1 ≤ i ≤ n, e.g. 2/4`;
export const NO_STUDENTS = (dir: string) => `no student workspaces in ${dir}: each student's workspace is a folder in it`;

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(index >= 1 && index <= count)) throw new ToolError(BAD_SHARD(value));
  return { index, count };
}

/** A student's shard depends on their name alone, so it stays the same whoever else is in the class. */
export function inShard(student: string, shard: Shard | null): boolean {
  return shard === null || sha256(student).readUInt32BE(0) % shard.count === shard.index - 1;
}

/** The students: the folders in `root` (not hidden ones, nor `skip`, where the grades go), in byte order. */
export function listStudents(root: string, skip: string | null = null): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new ToolError(NO_DIRECTORY(root));
  const skipped = skip !== null && existsSync(skip) ? realpathSync(skip) : null;
  const students = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && realpathSync(join(root, entry.name)) !== skipped)
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (students.length === 0) throw new ToolError(NO_STUDENTS(root));
  return students;
}

export interface Batch {
  root: string;
  questions: Question[];
  limits: Limits;
  /** `seed` is the batch's: each student gets their own, derived from it and their name. */
  options: GradeOptions;
  jobs: number;
  /** Each student's report as soon as it is made (to write it out): gradeBatch keeps only its row. */
  onGraded?: (report: StudentReport) => void;
}

async function gradeStudent(student: string, batch: Batch): Promise<StudentReport> {
  const started = performance.now();
  const seed = batch.options.seed == null ? null : studentSeed(batch.options.seed, student);
  const options = { ...batch.options, seed };
  let grading: Grading;
  try {
    grading = await gradeRun(openWorkspace(join(batch.root, student), batch.questions), batch.questions, batch.limits, options);
  } catch (error) {
    const reason = error instanceof ToolError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
    grading = notGradable(batch.questions, options, reason);
  }
  return { student, duration_ms: Math.round(performance.now() - started), ...jsonObject(grading) };
}

/** Runs `work` on every item, at most `jobs` at a time; results in the items' order. */
async function pool<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

export function gradeBatch(students: string[], batch: Batch): Promise<GradeRow[]> {
  return pool(students, batch.jobs, async (student) => {
    const report = await gradeStudent(student, batch);
    batch.onGraded?.(report);
    return gradeRow(report);
  });
}

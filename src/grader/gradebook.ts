// A batch's output folder: one JSON report per student (students/<name>.json), grades.csv built from them, and
// batch.json saying how they were graded; and merging the folders of a sharded run into one gradebook.
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { GradeRow, Shard, StudentReport } from "./batch.js";
import { makeDirectory } from "./directories.js";
import { ToolError } from "./errors.js";
import { sanitize } from "./output.js";
import { formatPoints } from "./summary.js";

/** How a batch was graded: merging refuses folders that disagree on any of it. */
export interface BatchInfo {
  grader: { name: string; version: string };
  /** The sha256 of the instructor's autograd-ex.json, or null without one. */
  config_sha256: string | null;
  /** The batch's seed (each student's own is in their report), or null without randomized checks. */
  seed: number | null;
  questions: string[];
  /** The gradebook's columns. */
  checks: string[];
  shard: Shard | null;
  students: string[];
}

export const BATCH_FILE = "batch.json";
export const GRADES_FILE = "grades.csv";
export const STUDENTS_DIR = "students";

// NOTE: a cell that starts with = + - @ (or a tab or CR) is a formula to a spreadsheet: a quote keeps it text.
const csvCell = (value: string | number): string => {
  const text = typeof value === "number" ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** student, one score per check, total, max, status, graded-file hash, duration: RFC 4180 lines. */
export function gradesCsv(reports: GradeRow[], checks: string[]): string {
  const header = ["student", ...checks, "total", "max", "status", "files_sha256", "duration_ms"];
  const rows = reports.map((report) => {
    const scores = new Map(report.checks.map((check) => [check.name, check.score]));
    const perCheck = checks.map((name) => scores.get(name) ?? "");
    return [report.student, ...perCheck, report.score.score, report.score.max_score, report.status, report.files_sha256, report.duration_ms];
  });
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The table printed at the end: student, score, status, time. */
export function gradesTable(reports: GradeRow[]): string {
  const rows = [["Student", "Score", "Status", "Time"], ...reports.map((r) => [
    sanitize(r.student),
    `${formatPoints(r.score.score)}/${formatPoints(r.score.max_score)}`,
    r.status,
    `${(r.duration_ms / 1000).toFixed(1)} s`,
  ])];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join("  ").trimEnd()).join("\n") + "\n";
}

const cannotWrite = (out: string, error: unknown) => new ToolError(`cannot write the gradebook to ${out}: ${(error as Error).message}`);

/** A student's report into `out`/students/, as soon as it is made. */
export function writeStudentReport(out: string, report: StudentReport): void {
  try {
    makeDirectory(join(out, STUDENTS_DIR));
    writeFileSync(join(out, STUDENTS_DIR, `${report.student}.json`), JSON.stringify(report, null, 2) + "\n");
  } catch (error) {
    throw cannotWrite(out, error);
  }
}

/** grades.csv and batch.json, once every student's report is written. */
export function writeGradebook(out: string, rows: GradeRow[], info: BatchInfo): void {
  try {
    makeDirectory(out);
    writeFileSync(join(out, GRADES_FILE), gradesCsv(rows, info.checks));
    writeFileSync(join(out, BATCH_FILE), JSON.stringify(info, null, 2) + "\n");
  } catch (error) {
    throw cannotWrite(out, error);
  }
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new ToolError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function readGradebook(dir: string): { info: BatchInfo; reports: StudentReport[] } {
  if (!existsSync(join(dir, BATCH_FILE))) throw new ToolError(`${dir} holds no ${BATCH_FILE}: is it the --out folder of "autograd-ex grade"?`);
  const info = readJson<BatchInfo>(join(dir, BATCH_FILE));
  const reports = info.students.map((student) => readJson<StudentReport>(join(dir, STUDENTS_DIR, `${student}.json`)));
  // NOTE: an empty folder does not survive a CI artifact: a shard without students comes back without students/
  const files = existsSync(join(dir, STUDENTS_DIR)) ? readdirSync(join(dir, STUDENTS_DIR)) : [];
  const extra = files.filter((file) => !info.students.includes(file.replace(/\.json$/, "")));
  if (extra.length > 0) throw new ToolError(`${dir}: ${extra[0]} is not one of the batch's students`);
  return { info, reports };
}

const SAME = ["grader", "config_sha256", "seed", "questions", "checks"] as const;

/** One gradebook from the folders of a sharded run: every shard once, all graded alike, no student twice. */
export function mergeGradebooks(dirs: string[]): { info: BatchInfo; reports: StudentReport[] } {
  const parts = dirs.map((dir) => ({ dir, ...readGradebook(dir) }));
  const [first] = parts;
  for (const part of parts) {
    const differs = SAME.find((key) => JSON.stringify(part.info[key]) !== JSON.stringify(first.info[key]));
    if (differs) throw new ToolError(`${part.dir} and ${first.dir} were graded with different ${differs}`);
  }
  const count = first.info.shard?.count ?? null;
  if (parts.some((p) => (p.info.shard?.count ?? null) !== count)) throw new ToolError("the folders are not shards of one run (their --shard counts differ)");
  if (count !== null) {
    const seen = (index: number) => parts.filter((p) => p.info.shard!.index === index).length;
    const shards = (indices: number[]) => `shard${indices.length > 1 ? "s" : ""} ${indices.map((i) => `${i}/${count}`).join(", ")}`;
    const all = Array.from({ length: count }, (_, i) => i + 1);
    const [missing, twice] = [all.filter((i) => seen(i) === 0), all.filter((i) => seen(i) > 1)];
    if (missing.length > 0) throw new ToolError(`${shards(missing)} missing: merge needs the folder of every shard`);
    if (twice.length > 0) throw new ToolError(`${shards(twice)} given twice`);
  }
  const reports = parts.flatMap((part) => part.reports).sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const twice = reports.find((report, i) => i > 0 && reports[i - 1].student === report.student);
  if (twice) throw new ToolError(`${twice.student} was graded in two of the folders`);
  return { info: { ...first.info, shard: null, students: reports.map((r) => r.student) }, reports };
}

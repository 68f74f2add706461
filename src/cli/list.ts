// `autograd-ex list`: the questions, the file each is graded from, and where each one stands.
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_LIMITS } from "../grader/child.js";
import { ToolError } from "../grader/errors.js";
import { grade, type QuestionReport } from "../grader/grade.js";
import { loadManifest } from "../grader/spec.js";
import { NO_DIRECTORY } from "../grader/workspace.js";
import type { Io } from "./io.js";

/** One word for a question: the worst of its checks, or "missing" without a file. */
export function questionStatus(report: QuestionReport): string {
  if (report.file === null) return "missing";
  const statuses = new Set(report.checks.map((check) => check.status));
  if (statuses.has("error") || statuses.has("timeout")) return "error";
  if (statuses.has("fail")) return "failed";
  if (statuses.has("not_attempted")) return statuses.size === 1 ? "not attempted" : "partly done";
  return "passed";
}

export async function list(options: { dir: string }, io: Io): Promise<number> {
  const dir = resolve(io.cwd, options.dir);
  if (!existsSync(dir)) throw new ToolError(NO_DIRECTORY(dir));
  const reports = await grade(realpathSync(dir), loadManifest().questions, DEFAULT_LIMITS);
  const rows = reports.map((r) => [r.question.id, r.question.title, r.file ?? r.question.file, questionStatus(r)]);
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col].length)));
  io.out(rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join("  ").trimEnd()).join("\n") + "\n");
  return 0;
}

// `autograd-ex check [questions...]`: grade the workspace's solutions and report; exit 0 only if all passed.
import { resolve } from "node:path";
import { DEFAULT_LIMITS } from "../grader/child.js";
import { grade } from "../grader/grade.js";
import { jsonReport } from "../grader/report-json.js";
import { textReport } from "../grader/report-text.js";
import { loadManifest } from "../grader/spec.js";
import { allChecks, summarize } from "../grader/summary.js";
import { openWorkspace } from "../grader/workspace.js";
import type { Io } from "./io.js";
import { selectQuestions } from "./questions.js";

export interface CheckOptions {
  dir: string;
  json: boolean;
  /** Seconds per check. */
  timeout: number;
}

export async function check(names: string[], options: CheckOptions, io: Io): Promise<number> {
  const questions = selectQuestions(loadManifest(), names);
  const workspace = openWorkspace(resolve(io.cwd, options.dir), questions);
  const reports = await grade(workspace, questions, { ...DEFAULT_LIMITS, timeoutMs: options.timeout * 1000 });
  io.out(options.json ? jsonReport(reports) + "\n" : textReport(reports, io.color));
  const summary = summarize(allChecks(reports));
  return summary.passed === allChecks(reports).length ? 0 : 1;
}

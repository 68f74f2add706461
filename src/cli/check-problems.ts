// `autograd-ex check p1 … p4`: grades the written problems in problems.ts, with the same reports as the questions.
import { resolve } from "node:path";
import { DEFAULT_LIMITS } from "../grader/child.js";
import { ToolError } from "../grader/errors.js";
import { grading as gradingOf, passedAll } from "../grader/grade.js";
import { gradeProblems, selectProblems } from "../grader/problems.js";
import { jsonReport } from "../grader/report-json.js";
import { textReport } from "../grader/report-text.js";
import { isProblemName, loadManifest } from "../grader/spec.js";
import { openWorkspace } from "../grader/workspace.js";
import type { Io } from "./io.js";

export const PROBLEMS_APART =
  'grade the written problems on their own ("autograd-ex check p1 p2 p3 p4") and the questions apart ("autograd-ex check q1 q2 q3")';

export async function checkProblems(names: string[], options: { dir: string; json: boolean; timeout?: number }, io: Io): Promise<number> {
  if (!names.every(isProblemName)) throw new ToolError(PROBLEMS_APART);
  const manifest = loadManifest();
  const problems = selectProblems(names, manifest);
  // any exercise file marks a workspace: one made before problems.ts existed gets "run init" for it
  const workspace = openWorkspace(resolve(io.cwd, options.dir), [...manifest.questions, ...problems]);
  const limits = options.timeout === undefined ? DEFAULT_LIMITS : { ...DEFAULT_LIMITS, timeoutMs: options.timeout * 1000 };
  const reports = await gradeProblems(workspace, problems, limits);
  const grading = gradingOf(reports, null);
  io.out(options.json ? jsonReport(grading) + "\n" : textReport(reports, io.color));
  return passedAll(grading) ? 0 : 1;
}

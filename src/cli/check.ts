// `autograd-ex check [questions...]`: grade the workspace's solutions and report; exit 0 only if all passed.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { bundleCacheDir } from "../grader/bundle-cache.js";
import { gradeSettings, loadConfig, withHints, type CliSettings } from "../grader/config.js";
import { ToolError } from "../grader/errors.js";
import { gradeRun, notGradable, passedAll, type Grading } from "../grader/grade.js";
import { fenced } from "../grader/report-github.js";
import { jsonReport } from "../grader/report-json.js";
import { textReport } from "../grader/report-text.js";
import { reportsFailed, stdoutCount, TWO_ON_STDOUT, withGithub, writeReports, type ReportRequest } from "../grader/reports.js";
import { isProblemName, loadManifest } from "../grader/spec.js";
import { openWorkspace } from "../grader/workspace.js";
import { checkProblems } from "./check-problems.js";
import type { Io } from "./io.js";
import { selectQuestions } from "./questions.js";

export interface CheckOptions extends CliSettings {
  dir: string;
  json: boolean;
  /** The instructor's autograd-ex.json; without it, the workspace's own, if any. */
  config?: string;
  report: ReportRequest[];
}

export async function check(names: string[], options: CheckOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (names.some(isProblemName)) return checkProblems(names, options, io);
  const manifest = loadManifest();
  const dir = resolve(io.cwd, options.dir);
  const config = loadConfig(options.config && resolve(io.cwd, options.config), existsSync(dir) ? dir : null, manifest);
  const questions = withHints(selectQuestions(manifest, names.length > 0 ? names : (config?.questions ?? [])), config);
  const { limits, options: settings } = gradeSettings(config, options);
  const reports = withGithub(options.report, env);
  if (stdoutCount(reports) + (options.json ? 1 : 0) > 1) throw new ToolError(TWO_ON_STDOUT);
  const context = { cwd: io.cwd, env, workspace: dir };
  let grading: Grading;
  try {
    grading = await gradeRun(openWorkspace(dir, questions), questions, limits, { ...settings, bundleCache: bundleCacheDir(env) });
  } catch (error) {
    // a run that could not happen still leaves its reports, every check an error, before the one-line message
    if (error instanceof ToolError && reports.length > 0) writeReports(notGradable(questions, settings, error.message), reports, context);
    throw error;
  }
  const written = writeReports(grading, reports, context);
  if (written.stdout !== null || options.json) io.out(written.stdout ?? jsonReport(grading) + "\n");
  else {
    const text = textReport(grading.reports, io.color, grading.seed);
    io.out(reports.some((r) => r.format === "github") ? fenced(text) + written.annotations : text);
  }
  // the results are out: a report that could not be written fails the run after them
  const failed = reportsFailed(written);
  if (failed !== null) throw failed;
  return passedAll(grading) ? 0 : 1;
}

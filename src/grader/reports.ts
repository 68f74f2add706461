// The reports asked for with `--report FORMAT[:PATH]`: which, where each goes, and writing them.
import { appendFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { makeDirectory } from "./directories.js";
import { ToolError } from "./errors.js";
import type { Grading } from "./grade.js";
import { githubAnnotations, githubSummary } from "./report-github.js";
import { gradescopeReport } from "./report-gradescope.js";
import { junitReport } from "./report-junit.js";
import { tapReport } from "./report-tap.js";

export const FORMATS = ["junit", "tap", "github", "gradescope"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportRequest {
  format: Format;
  /** A file, "-" for standard output, or null for the format's default. */
  path: string | null;
}

export const UNKNOWN_FORMAT = (format: string) => `unknown report format "${format}" (the formats are ${FORMATS.join(", ")})`;
export const TWO_ON_STDOUT = "only one report can go to standard output";

const GRADESCOPE_RESULTS = "/autograder/results";

/** "junit", "tap:-", "gradescope:out/results.json" */
export function parseReport(value: string): ReportRequest {
  const colon = value.indexOf(":");
  const format = colon < 0 ? value : value.slice(0, colon);
  if (!(FORMATS as readonly string[]).includes(format)) throw new ToolError(UNKNOWN_FORMAT(format));
  const path = colon < 0 ? null : value.slice(colon + 1);
  if (path === "") throw new ToolError(`--report ${format}: empty path`);
  return { format: format as Format, path };
}

/** The requests, plus github on GitHub Actions (GITHUB_ACTIONS=true) when not asked for already. */
export function withGithub(requests: ReportRequest[], env: NodeJS.ProcessEnv): ReportRequest[] {
  const onActions = env.GITHUB_ACTIONS === "true" && !requests.some((r) => r.format === "github");
  return onActions ? [...requests, { format: "github", path: null }] : requests;
}

/** Where a file report goes when no path is given: Gradescope's results folder when there is one. */
function defaultPath(format: Exclude<Format, "github">): string {
  if (format === "gradescope") {
    return existsSync(GRADESCOPE_RESULTS) && statSync(GRADESCOPE_RESULTS).isDirectory() ? `${GRADESCOPE_RESULTS}/results.json` : "results.json";
  }
  return format === "junit" ? "autograd-ex-junit.xml" : "autograd-ex.tap";
}

const RENDER = { junit: junitReport, tap: tapReport, gradescope: gradescopeReport };

export interface ReportContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The graded workspace, for annotations on the student's files. */
  workspace: string;
}

/** What goes where: files written now, and the text for standard output (a report sent there, annotations). */
export interface Written {
  files: string[];
  /** A report that replaces the text report on standard output, or null. */
  stdout: string | null;
  /** GitHub's annotations, printed after the (fenced) text report. */
  annotations: string;
  /** Why each report that could not be written was not: the others are written all the same. */
  failed: string[];
}

export function stdoutCount(requests: ReportRequest[]): number {
  return requests.filter((r) => r.path === "-" && r.format !== "github").length;
}

export function writeReports(grading: Grading, requests: ReportRequest[], context: ReportContext): Written {
  if (stdoutCount(requests) > 1) throw new ToolError(TWO_ON_STDOUT);
  const written: Written = { files: [], stdout: null, annotations: "", failed: [] };
  const write = (file: string, text: string, append: boolean) => {
    try {
      makeDirectory(dirname(file));
      (append ? appendFileSync : writeFileSync)(file, text);
      written.files.push(file);
    } catch (error) {
      written.failed.push(`cannot write the report to ${file}: ${(error as Error).message}`);
    }
  };
  for (const { format, path } of requests) {
    if (format === "github") {
      written.annotations += githubAnnotations(grading, { workspace: context.workspace, root: context.env.GITHUB_WORKSPACE ?? context.cwd });
      const summary = path ?? context.env.GITHUB_STEP_SUMMARY;
      if (summary) write(resolve(context.cwd, summary), githubSummary(grading), true);
      continue;
    }
    const text = RENDER[format](grading);
    if (path === "-") written.stdout = text;
    else write(resolve(context.cwd, path ?? defaultPath(format)), text, false);
  }
  return written;
}

/** The one-line error for reports not written, or null when all were. */
export function reportsFailed({ failed }: Written): ToolError | null {
  if (failed.length === 0) return null;
  return new ToolError(failed.length === 1 ? failed[0] : `${failed[0]} (and ${failed.length - 1} more reports not written)`);
}

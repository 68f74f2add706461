// Grades a workspace: for each question, find the solution, bundle it, run its checks in a child, decide, score.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { SourceMap } from "node:module";
import { bundleSolution } from "./bundle.js";
import { Child, type Limits } from "./child.js";
import { explainThrown } from "./explain.js";
import { bundledFiles, filesHash, graderVersion, sha256, uniqueFiles, type GradedFile } from "./provenance.js";
import { randomizedChecks } from "./randomized.js";
import { runQuestion, type CheckOutcome } from "./run.js";
import type { Thrown } from "./protocol.js";
import { loadChecks, type CheckSpec, type Question } from "./spec.js";
import { allChecks, scoreCheck, type ScoredCheck } from "./summary.js";
import { decide, unanswered, withDetail, type CheckResult, type Detail } from "./verdict.js";
import { realInside, solutionFile } from "./workspace.js";

export interface QuestionReport {
  question: Question;
  /** The graded file's name, or null when there is none. */
  file: string | null;
  checks: ScoredCheck[];
  /** What the solution printed while it ran, sanitized. */
  output: string;
  /** The files graded: the solution and the helper files it imports. */
  files: GradedFile[];
}

/** What an instructor may change; without options, the public checks at 1 point per assertion. */
export interface GradeOptions {
  /** Adds the randomized checks made from this seed. */
  seed?: number | null;
  /** A check's own time limit in ms, when it has one. */
  timeoutMs?: (check: string) => number | undefined;
  /** Points for each assertion of a check. */
  points?: (check: CheckSpec) => number[];
  /** How much of a randomized check's failure the reports show. */
  detail?: Detail;
}

/** One run's grades with where they came from. */
export interface Grading {
  reports: QuestionReport[];
  /** The randomized checks' seed, or null when there were none. */
  seed: number | null;
  version: string;
  files: GradedFile[];
  files_sha256: string;
}

export const MISSING_FILE = (file: string) => `${file} is missing: run "npx autograd-ex init" to restore the stub`;
export const OUTSIDE = (file: string) => `${file} leads outside the workspace (a symbolic link?); grading only files inside it`;

export const NOT_GRADABLE = (reason: string) => `not gradable: ${reason}`;

/** The question's checks: the public ones, then the randomized ones when there is a seed. */
export function questionChecks(question: string, seed: number | null = null): CheckSpec[] {
  const specs = loadChecks(question).checks;
  return seed === null ? specs : [...specs, ...randomizedChecks(question, seed)];
}

type Graded = Omit<QuestionReport, "checks"> & { checks: CheckResult[] };

function unrun(question: Question, file: string | null, specs: CheckSpec[], message: string, files: GradedFile[] = []): Graded {
  return { question, file, checks: specs.map((spec) => unanswered(spec, question.id, "error", message)), output: "", files };
}

/** Runs the checks in groups that share a time limit, a child each; `first` is booting already for the first group. */
async function runGroups(module: { code: string; filename: string }, groups: Map<number, number[]>, specs: CheckSpec[], limits: Limits, first: Child) {
  const outcomes: CheckOutcome[] = [], outputs: string[] = [];
  let child: Child | undefined = first;
  for (const [timeoutMs, indices] of groups) {
    const checks = indices.map((index) => ({ index, inputs: specs[index].inputs, calls: specs[index].calls.map((c) => ({ function: c.function, args: c.args })) }));
    const run = await runQuestion(module, checks, { ...limits, timeoutMs }, child ?? new Child({ ...limits, timeoutMs }));
    child = undefined;
    indices.forEach((index, k) => (outcomes[index] = run.outcomes[k]));
    outputs.push(run.output);
  }
  return { outcomes, output: outputs.filter(Boolean).join("\n") };
}

export type Prepared =
  | { ok: true; file: string; child: Child; module: { code: string; filename: string }; map: string; explain: (thrown: Thrown) => string }
  | { ok: false; file: string | null; message: string; /** The file that failed to bundle, when it got that far. */ entry: string | null };

/** Finds the question's file inside the workspace and bundles it, with a child booting meanwhile. */
export async function prepareSolution(question: Question, workspace: string, limits: Limits): Promise<Prepared> {
  const found = solutionFile(workspace, question);
  if (found === null) return { ok: false, file: null, message: MISSING_FILE(question.file), entry: null };
  const file = basename(found);
  const entry = realInside(found, workspace);
  if (entry === null) return { ok: false, file, message: OUTSIDE(file), entry: null };
  const child = new Child(limits); // boots while esbuild bundles
  const bundle = await bundleSolution(entry, workspace);
  if (!bundle.ok) {
    child.dispose();
    return { ok: false, file, message: bundle.message, entry };
  }
  const filename = `autograd-ex-solution/${question.id}.js`;
  const info = { filename, map: new SourceMap(JSON.parse(bundle.map)) };
  const explain = (thrown: Thrown) => explainThrown(thrown, info);
  return { ok: true, file, child, module: { code: bundle.code, filename }, map: bundle.map, explain };
}

async function runChecks(question: Question, workspace: string, specs: CheckSpec[], limits: Limits, options: GradeOptions): Promise<Graded> {
  const timeouts = specs.map((spec) => options.timeoutMs?.(spec.name) ?? limits.timeoutMs);
  const groups = new Map<number, number[]>();
  timeouts.forEach((ms, index) => groups.set(ms, [...(groups.get(ms) ?? []), index]));
  const prepared = await prepareSolution(question, workspace, { ...limits, timeoutMs: timeouts[0] });
  if (!prepared.ok) {
    const { file, entry } = prepared;
    const files = file !== null && entry !== null ? [{ path: file, sha256: sha256(readFileSync(entry)) }] : [];
    return unrun(question, file, specs, prepared.message, files);
  }
  const run = await runGroups(prepared.module, groups, specs, limits, prepared.child);
  const context = { question: question.id, file: prepared.file, explainThrown: prepared.explain };
  const checks = specs.map((spec, i) => decide(spec, run.outcomes[i], context, timeouts[i]));
  return { question, file: prepared.file, checks, output: run.output, files: bundledFiles(prepared.map) };
}

/** Points on every check, and a randomized check's failure shown only at the detail the options allow. */
function scored(graded: Graded, specs: CheckSpec[], options: GradeOptions): QuestionReport {
  const checks = graded.checks.map((check, i) => {
    const spec = specs[i], randomized = spec.randomized === true;
    const points = options.points?.(spec) ?? spec.assertions.map(() => 1);
    return scoreCheck(randomized ? withDetail(check, options.detail ?? "full") : check, points, randomized);
  });
  return { ...graded, checks };
}

async function gradeQuestion(question: Question, workspace: string, limits: Limits, options: GradeOptions): Promise<QuestionReport> {
  const specs = questionChecks(question.id, options.seed);
  return scored(await runChecks(question, workspace, specs, limits, options), specs, options);
}

/** Every question graded at once, each in its own child process, reported in the order given. */
export function grade(workspace: string, questions: Question[], limits: Limits, options: GradeOptions = {}): Promise<QuestionReport[]> {
  return Promise.all(questions.map((question) => gradeQuestion(question, workspace, limits, options)));
}

/** A run's reports with what every report carries: the seed, the grader's version, the graded files and their hash. */
export function grading(reports: QuestionReport[], seed: number | null): Grading {
  const files = uniqueFiles(reports.flatMap((report) => report.files));
  return { reports, seed, version: graderVersion(), files, files_sha256: filesHash(files) };
}

export async function gradeRun(workspace: string, questions: Question[], limits: Limits, options: GradeOptions = {}): Promise<Grading> {
  return grading(await grade(workspace, questions, limits, options), options.seed ?? null);
}

/** The grades of a run that could not happen: every check an error, so that a report still says so. */
export function notGradable(questions: Question[], options: GradeOptions, reason: string): Grading {
  const reports = questions.map((question) => {
    const specs = questionChecks(question.id, options.seed);
    return scored(unrun(question, null, specs, NOT_GRADABLE(reason)), specs, options);
  });
  return grading(reports, options.seed ?? null);
}

export const passedAll = (grading: Grading): boolean => allChecks(grading.reports).every((check) => check.status === "pass");

// Grades a workspace: for each question, find the solution, bundle it, run its checks in a child, decide, score.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { SourceMap } from "node:module";
import { bundleSolution } from "./bundle.js";
import { Child, type Limits } from "./child.js";
import { explainThrown } from "./explain.js";
import { once } from "./lazy.js";
import { bundledFiles, filesHash, graderVersion, sha256, uniqueFiles, type GradedFile } from "./provenance.js";
import { randomizedChecks } from "./randomized.js";
import { runWorkspace, type RunCheck } from "./run.js";
import type { JobModule, Thrown } from "./protocol.js";
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
  /** Where bundles are kept between runs (bundle-cache.ts); none by default. */
  bundleCache?: string | null;
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

type Bundled =
  | { ok: true; file: string; module: JobModule; map: string; explain: (thrown: Thrown) => string }
  | { ok: false; file: string | null; message: string; /** The file that failed to bundle, when it got that far. */ entry: string | null };

export type Prepared = (Bundled & { ok: false }) | (Bundled & { ok: true; child: Child });

type Located = { ok: true; file: string; entry: string } | (Bundled & { ok: false });

/** The question's file, as a real path inside the workspace. */
function locate(question: Question, workspace: string): Located {
  const found = solutionFile(workspace, question);
  if (found === null) return { ok: false, file: null, message: MISSING_FILE(question.file), entry: null };
  const file = basename(found);
  const entry = realInside(found, workspace);
  return entry === null ? { ok: false, file, message: OUTSIDE(file), entry: null } : { ok: true, file, entry };
}

async function bundleLocated(question: Question, located: Located, workspace: string, cacheDir: string | null = null): Promise<Bundled> {
  if (!located.ok) return located;
  const { file, entry } = located;
  const bundle = await bundleSolution(entry, workspace, cacheDir);
  if (!bundle.ok) return { ok: false, file, message: bundle.message, entry };
  const filename = `autograd-ex-solution/${question.id}.js`;
  const map = once(() => new SourceMap(JSON.parse(bundle.map))); // read only to explain an error: most runs throw none
  const explain = (thrown: Thrown) => explainThrown(thrown, { filename, map: map() });
  return { ok: true, file, module: { code: bundle.code, filename }, map: bundle.map, explain };
}

/** Finds the question's file inside the workspace and bundles it, with a child booting meanwhile. */
export async function prepareSolution(question: Question, workspace: string, limits: Limits): Promise<Prepared> {
  const located = locate(question, workspace);
  if (!located.ok) return located;
  const child = new Child(limits); // boots while esbuild bundles
  const bundled = await bundleLocated(question, located, workspace);
  if (bundled.ok) return { ...bundled, child };
  child.dispose();
  return bundled;
}

function notBundled(question: Question, specs: CheckSpec[], { file, entry, message }: Bundled & { ok: false }): Graded {
  const files = file !== null && entry !== null ? [{ path: file, sha256: sha256(readFileSync(entry)) }] : [];
  return unrun(question, file, specs, message, files);
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

/** A question's checks for the run: indices unique across the workspace, `module` the question's place in it. */
function runChecks(specs: CheckSpec[], timeouts: number[], module: number, first: number): RunCheck[] {
  return specs.map((spec, i) => ({
    index: first + i,
    module,
    timeoutMs: timeouts[i],
    inputs: spec.inputs,
    calls: spec.calls.map((c) => ({ function: c.function, args: c.args })),
  }));
}

/**
 * Every question graded in one child process (each solution in a realm of its own, see harness-realm.ts),
 * reported in the order given. The child boots while esbuild bundles the solutions.
 */
export async function grade(workspace: string, questions: Question[], limits: Limits, options: GradeOptions = {}): Promise<QuestionReport[]> {
  const specs = questions.map((question) => questionChecks(question.id, options.seed));
  const timeouts = specs.map((list) => list.map((spec) => options.timeoutMs?.(spec.name) ?? limits.timeoutMs));
  const located = questions.map((question) => locate(question, workspace));
  const child = located.some((l) => l.ok) ? new Child(limits) : undefined;
  const bundled = await Promise.all(questions.map((question, i) => bundleLocated(question, located[i], workspace, options.bundleCache))).catch((error: unknown) => {
    child?.dispose(); // esbuild itself failed: its pipes would keep this process alive
    throw error;
  });
  // each bundled question is a module of the run, its checks a slice of the run's, starting at `first`
  const modules: JobModule[] = [], checks: RunCheck[] = [];
  const place = bundled.map((b, i) => {
    if (!b.ok) return null;
    const at = { module: modules.length, first: checks.length };
    modules.push(b.module);
    checks.push(...runChecks(specs[i], timeouts[i], at.module, at.first));
    return at;
  });
  if (modules.length === 0) child?.dispose();
  const running = modules.length > 0 ? runWorkspace(modules, checks, limits, child) : null;
  // NOTE: read while the child runs
  const files = bundled.map((b) => (b.ok ? bundledFiles(b.map) : []));
  const run = await running;
  return questions.map((question, i) => {
    const b = bundled[i];
    if (!b.ok) return scored(notBundled(question, specs[i], b), specs[i], options);
    const at = place[i]!, { outcomes, outputs } = run!; // a bundled question always has its place in the run
    const context = { question: question.id, file: b.file, explainThrown: b.explain };
    const results = specs[i].map((spec, j) => decide(spec, outcomes[at.first + j], context, timeouts[i][j]));
    return scored({ question, file: b.file, checks: results, output: outputs[at.module], files: files[i] }, specs[i], options);
  });
}

/** A run's reports with what every report carries: the seed, the grader's version, the graded files and their hash. */
export function grading(reports: QuestionReport[], seed: number | null): Grading {
  const files = uniqueFiles(reports.flatMap((report) => report.files));
  const hash = once(() => filesHash(files)); // when a report reads it, as each file's
  return {
    reports,
    seed,
    version: graderVersion(),
    files,
    get files_sha256() {
      return hash();
    },
  };
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

// Runs a workspace file in the sandbox with an adapter of ours appended to its bundle: for commands that need
// more from a solution than the checks' verdicts (the graph it builds, the answers it writes down).
// NOTE: the adapter goes after the bundle, so the source map still maps the student's own lines.
import { SourceMap } from "node:module";
import { basename } from "node:path";
import { bundleSolution } from "./bundle.js";
import { Child, type Limits } from "./child.js";
import { explainThrown } from "./explain.js";
import { MISSING_FILE, OUTSIDE } from "./grade.js";
import { bundledFiles, type GradedFile } from "./provenance.js";
import type { JobCheck, Thrown } from "./protocol.js";
import { runQuestion, type CheckOutcome } from "./run.js";
import type { Question } from "./spec.js";
import { realInside, solutionFile } from "./workspace.js";

export type AdaptedRun =
  | { ok: true; file: string; outcomes: CheckOutcome[]; output: string; explain: (thrown: Thrown) => string; files: GradedFile[] }
  | { ok: false; file: string | null; message: string };

type Adapter = (module: { exports: Record<string, unknown> }, require: (id: string) => unknown, ...data: never[]) => void;

/**
 * `adapter(module, require, ...data)` as a statement for the child. It runs after the solution's top-level code
 * and may replace `module.exports` with the functions the job calls.
 * NOTE: the child gets the adapter's source text, so it may use only its parameters: no imports, no outer names.
 */
export const adapterCall = (adapter: Adapter, ...data: unknown[]): string =>
  `\n;(${adapter.toString()})(module, require${data.map((item) => `, ${JSON.stringify(item)}`).join("")});\n`;

/** Finds the question's file, bundles it, appends `adapter` and runs `checks` in a child. */
export async function runAdapted(question: Question, workspace: string, adapter: string, checks: JobCheck[], limits: Limits): Promise<AdaptedRun> {
  const found = solutionFile(workspace, question);
  if (found === null) return { ok: false, file: null, message: MISSING_FILE(question.file) };
  const file = basename(found);
  const entry = realInside(found, workspace);
  if (entry === null) return { ok: false, file, message: OUTSIDE(file) };
  const child = new Child(limits); // boots while esbuild bundles
  const bundle = await bundleSolution(entry, workspace);
  if (!bundle.ok) {
    child.dispose();
    return { ok: false, file, message: bundle.message };
  }
  const filename = `autograd-ex-solution/${question.id}.js`;
  const run = await runQuestion({ code: bundle.code + adapter, filename }, checks, limits, child);
  const info = { filename, map: new SourceMap(JSON.parse(bundle.map)) };
  const explain = (thrown: Thrown) => explainThrown(thrown, info);
  return { ok: true, file, outcomes: run.outcomes, output: run.output, explain, files: bundledFiles(bundle.map) };
}

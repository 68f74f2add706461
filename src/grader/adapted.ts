// Runs a workspace file in the sandbox with an adapter of ours appended to its bundle: for commands that need
// more from a solution than the checks' verdicts (the graph it builds, the answers it writes down).
// NOTE: the adapter goes after the bundle, so the source map still maps the student's own lines.
import type { Limits } from "./child.js";
import { prepareSolution } from "./grade.js";
import { bundledFiles, type GradedFile } from "./provenance.js";
import type { JobCheck, Thrown } from "./protocol.js";
import { runWorkspace, type CheckOutcome } from "./run.js";
import type { Question } from "./spec.js";

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
  const prepared = await prepareSolution(question, workspace, limits);
  if (!prepared.ok) return { ok: false, file: prepared.file, message: prepared.message };
  const module = { code: prepared.module.code + adapter, filename: prepared.module.filename };
  const run = await runWorkspace([module], checks.map((check) => ({ ...check, module: 0, timeoutMs: limits.timeoutMs })), limits, prepared.child);
  return { ok: true, file: prepared.file, outcomes: run.outcomes, output: run.outputs[0], explain: prepared.explain, files: bundledFiles(prepared.map) };
}

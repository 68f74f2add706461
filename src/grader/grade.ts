// Grades a workspace: for each question, find the solution, bundle it, run its checks in a child, decide.
import { basename } from "node:path";
import { SourceMap } from "node:module";
import { bundleSolution } from "./bundle.js";
import { Child, type Limits } from "./child.js";
import { explainThrown } from "./explain.js";
import { runQuestion } from "./run.js";
import { loadChecks, type CheckSpec, type Question } from "./spec.js";
import { decide, unanswered, type CheckResult } from "./verdict.js";
import { realInside, solutionFile } from "./workspace.js";

export interface QuestionReport {
  question: Question;
  /** The graded file's name, or null when there is none. */
  file: string | null;
  checks: CheckResult[];
  /** What the solution printed while it ran, sanitized. */
  output: string;
}

export const MISSING_FILE = (file: string) => `${file} is missing: run "npx autograd-ex init" to restore the stub`;
export const OUTSIDE = (file: string) => `${file} leads outside the workspace (a symbolic link?); grading only files inside it`;

function unrun(question: Question, file: string | null, specs: CheckSpec[], message: string): QuestionReport {
  return { question, file, checks: specs.map((spec) => unanswered(spec, question.id, "error", message)), output: "" };
}

async function gradeQuestion(question: Question, workspace: string, limits: Limits): Promise<QuestionReport> {
  const specs = loadChecks(question.id).checks;
  const found = solutionFile(workspace, question);
  if (found === null) return unrun(question, null, specs, MISSING_FILE(question.file));
  const file = basename(found);
  const entry = realInside(found, workspace);
  if (entry === null) return unrun(question, file, specs, OUTSIDE(file));
  const child = new Child(limits); // boots while esbuild bundles
  const bundle = await bundleSolution(entry, workspace);
  if (!bundle.ok) {
    child.dispose();
    return unrun(question, file, specs, bundle.message);
  }

  const filename = `autograd-ex-solution/${question.id}.js`;
  const jobChecks = specs.map((spec, index) => ({
    index,
    inputs: spec.inputs,
    calls: spec.calls.map((call) => ({ function: call.function, args: call.args })),
  }));
  const run = await runQuestion({ code: bundle.code, filename }, jobChecks, limits, child);
  const info = { filename, map: new SourceMap(JSON.parse(bundle.map)) };
  const context = { question: question.id, file, explainThrown: (thrown: Parameters<typeof explainThrown>[0]) => explainThrown(thrown, info) };
  const checks = specs.map((spec, i) => decide(spec, run.outcomes[i], context, limits.timeoutMs));
  return { question, file, checks, output: run.output };
}

/** Every question graded at once, each in its own child process, reported in the order given. */
export function grade(workspace: string, questions: Question[], limits: Limits): Promise<QuestionReport[]> {
  return Promise.all(questions.map((question) => gradeQuestion(question, workspace, limits)));
}

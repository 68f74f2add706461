// The written problems (the notebook's Problems 1–4): the answers in the workspace's problems.ts are read in the
// sandbox, then compared with the true derivatives at many points of the graph described in checks/problems.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adapterCall, runAdapted, type AdaptedRun } from "./adapted.js";
import type { Limits } from "./child.js";
import { codeFrame } from "./codeframe.js";
import { isclose } from "./compare.js";
import { ToolError } from "./errors.js";
import { describeValue } from "./explain.js";
import { readExpression, type Scope } from "./expression.js";
import type { QuestionReport } from "./grade.js";
import { paths } from "./paths.js";
import type { Described } from "./protocol.js";
import type { CheckOutcome } from "./run.js";
import { loadManifest, type Manifest, type Question } from "./spec.js";
import { scoreCheck } from "./summary.js";
import { CRASHED, TIMED_OUT, type AssertionResult, type CheckResult, type Status } from "./verdict.js";

export interface AnswerSpec {
  /** The field in problems.ts, e.g. `de_dc`. */
  name: string;
  /** What it asks for, e.g. `∂e/∂c`. */
  text: string;
  /** The true derivative, in the graph's names. */
  derivative: string;
}

export interface ProblemSpec {
  id: string;
  /** Asks for the value at these inputs (a number), instead of an expression. */
  at?: Scope;
  answers: AnswerSpec[];
}

export interface ProblemChecks {
  /** The graph: its inputs, and each other name defined from those before it. */
  graph: { inputs: string[]; define: Record<string, string> };
  problems: ProblemSpec[];
}

/** How many points of the graph an expression is compared at. */
export const POINTS = 32;

export const UNKNOWN_PROBLEM = (name: string, known: string[]) => `unknown problem "${name}" (the problems are ${known.join(", ")})`;
export const NO_ANSWERS = (file: string) => `no answers yet: write them between the quotes in ${file}`;
export const WRONG_ANSWERS = (wrong: number, total: number) => `${wrong} of ${total} answers are not right yet`;
export const MISSING_PROBLEM = (file: string, id: string) => `${file} does not export ${id}: keep "export const ${id} = { … }" from the template`;
export const NOT_A_STRING = (value: string) => `expected a string such as "c + d", got ${value}`;
export const CANNOT_READ = (text: string, reason: string) => `cannot read "${text}": ${reason}`;
export const NUMBER_EXPECTED = (at: string) => `this asks for a number: work out the value at ${at}`;
export const DIFFERS = (text: string, at: string, actual: number) => `not ${text}: at ${at} your answer is ${format(actual)}`;

const format = (value: number): string => String(Number(value.toPrecision(6)));

export function loadProblemChecks(dir = paths.checks): ProblemChecks {
  const file = join(dir, "problems.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ProblemChecks;
  } catch (error) {
    throw new ToolError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The problems' titles, files and hints, from the manifest. */
export const manifestProblems = (manifest: Manifest = loadManifest()): Question[] => (manifest as Manifest & { problems: Question[] }).problems;

/** The named problems in the manifest's order. */
export function selectProblems(names: string[], manifest?: Manifest): Question[] {
  const problems = manifestProblems(manifest), known = problems.map((p) => p.id);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new ToolError(UNKNOWN_PROBLEM(unknown, known));
  return problems.filter((problem) => names.includes(problem.id));
}

/** A data expression (ours, so it must read). */
function dataExpression(text: string, names: string[]) {
  const expression = readExpression(text, names);
  if (!expression.ok) throw new ToolError(`checks/problems.json: "${text}": ${expression.message}`);
  return expression;
}

/** The whole point of the graph from its inputs' values. */
export function graphPoint(graph: ProblemChecks["graph"], inputs: Scope): Scope {
  const scope: Scope = { ...inputs }, known = [...graph.inputs];
  for (const [name, text] of Object.entries(graph.define)) {
    scope[name] = dataExpression(text, known).evaluate(scope);
    known.push(name);
  }
  return scope;
}

/** `count` points with inputs on a grid of quarters in [-4, 4] (exact in binary), no value zero; the same each run. */
export function graphPoints(graph: ProblemChecks["graph"], count = POINTS): Scope[] {
  let state = 0x9e3779b9;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0; // mulberry32
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const points: Scope[] = [];
  for (let tries = 0; points.length < count; tries++) {
    if (tries > count * 100) throw new ToolError("checks/problems.json: the graph has too few points without a zero");
    const point = graphPoint(graph, Object.fromEntries(graph.inputs.map((name) => [name, Math.floor(random() * 33 - 16) / 4])));
    if (Object.values(point).every((value) => value !== 0)) points.push(point);
  }
  return points;
}

const pointText = (point: Scope, inputs: string[]): string => {
  const values = (names: string[]) => names.map((name) => `${name} = ${format(point[name])}`).join(", ");
  const rest = Object.keys(point).filter((name) => !inputs.includes(name));
  return rest.length === 0 ? values(inputs) : `${values(inputs)} (so ${values(rest)})`;
};

/** What judging answers needs, worked out once: the graph's names and its points. */
export interface Judging {
  checks: ProblemChecks;
  names: string[];
  points: Scope[];
}

export const judging = (checks: ProblemChecks): Judging =>
  ({ checks, names: [...checks.graph.inputs, ...Object.keys(checks.graph.define)], points: graphPoints(checks.graph) });

/** The verdict on one answer: its text is compared with the true derivative at every point. */
export function judgeAnswer(answer: Described, spec: AnswerSpec, problem: ProblemSpec, { checks, names, points }: Judging): AssertionResult {
  const result = (status: Status, actual: string | null, detail: string): AssertionResult => ({ text: spec.text, status, expected: null, actual, detail });
  if (answer.kind === "undefined" || (answer.kind === "string" && answer.value.trim() === "")) return result("not_attempted", null, "");
  if (answer.kind !== "string" && answer.kind !== "number") return result("fail", null, NOT_A_STRING(describeValue(answer)));
  const text = answer.kind === "number" ? String(answer.value) : answer.value;
  const expression = readExpression(text, names);
  if (!expression.ok) {
    const frame = expression.column === undefined ? "" : `\n${codeFrame(text, 1, expression.column)}`;
    return result("fail", text, CANNOT_READ(text, expression.message) + frame);
  }
  const truth = dataExpression(spec.derivative, names);
  const at = problem.at;
  if (at !== undefined && expression.names.length > 0) return result("fail", text, NUMBER_EXPECTED(pointText(at, checks.graph.inputs)));
  for (const point of at === undefined ? points : [graphPoint(checks.graph, at)]) {
    const actual = expression.evaluate(point);
    if (!isclose(actual, truth.evaluate(point), 1e-9, 1e-12)) {
      return result("fail", text, DIFFERS(spec.text.replace(/ at .*/, ""), pointText(at ?? point, checks.graph.inputs), actual));
    }
  }
  return result("pass", text, "");
}

/**
 * The adapter (see adapterCall): each problem's exported object becomes a function that returns its fields'
 * values in order, for the child to send back.
 */
export function readAnswers(module: { exports: Record<string, unknown> }, _require: unknown, fields: Record<string, string[]>): void {
  const written = module.exports;
  const exported: Record<string, () => unknown[]> = {};
  for (const [id, names] of Object.entries(fields)) {
    const group = written[id] as Record<string, unknown> | undefined;
    if (typeof group === "object" && group !== null) exported[id] = () => names.map((name) => group[name]);
  }
  module.exports = exported;
}

function checkResult(id: string, name: string, status: Status, message: string, assertions: AssertionResult[], durationMs: number): CheckResult {
  return { question: id, name, status, message, assertions, duration_ms: Math.round(durationMs) };
}

/** Every answer of the problem with the same status and message: for a run that never got to the answers. */
function unanswered(spec: ProblemSpec, name: string, message: string, durationMs = 0): CheckResult {
  const assertions = spec.answers.map((answer) => ({ text: answer.text, status: "error" as const, expected: null, actual: null, detail: "" }));
  return checkResult(spec.id, name, "error", message, assertions, durationMs);
}

function problemResult(spec: ProblemSpec, name: string, outcome: CheckOutcome, run: AdaptedRun & { ok: true }, judged: Judging, timeoutMs: number): CheckResult {
  const fail = (message: string) => unanswered(spec, name, message, outcome.durationMs);
  const file = run.file;
  if (outcome.kind === "timeout") return fail(TIMED_OUT(timeoutMs / 1000, outcome.atLoad === true));
  if (outcome.kind === "crashed") return fail(CRASHED(outcome.reason, outcome.atLoad === true));
  if (outcome.kind === "load-threw") return fail(`${file} threw while loading: ${run.explain(outcome.thrown)}`);
  const call = outcome.calls[0];
  if ("missing" in call) return fail(MISSING_PROBLEM(file, spec.id));
  const values = "returned" in call && call.returned.kind === "array" ? call.returned.items : [];
  const assertions = spec.answers.map((answer, i) => judgeAnswer(values[i] ?? { kind: "undefined" }, answer, spec, judged));
  const open = assertions.filter((a) => a.status !== "pass").length;
  if (assertions.every((a) => a.status === "not_attempted")) return checkResult(spec.id, name, "not_attempted", NO_ANSWERS(file), assertions, outcome.durationMs);
  return checkResult(spec.id, name, open > 0 ? "fail" : "pass", open > 0 ? WRONG_ANSWERS(open, assertions.length) : "", assertions, outcome.durationMs);
}

/** Grades the named problems from the workspace's problems file, in one sandboxed run. */
export async function gradeProblems(workspace: string, problems: Question[], limits: Limits): Promise<QuestionReport[]> {
  if (problems.length === 0) return [];
  const checks = loadProblemChecks();
  const specs = problems.map((problem) => checks.problems.find((spec) => spec.id === problem.id) ?? noSpec(problem.id));
  const names = problems.map((problem) => `problem_${problem.id.replace(/^p/, "")}`);
  const fields = Object.fromEntries(specs.map((spec) => [spec.id, spec.answers.map((answer) => answer.name)]));
  const jobs = specs.map((spec, index) => ({ index, inputs: [], calls: [{ function: spec.id, args: [] }] }));
  const run = await runAdapted(problems[0], workspace, adapterCall(readAnswers, fields), jobs, limits);
  const judged = judging(checks);
  return problems.map((question, i) => {
    const result = run.ok ? problemResult(specs[i], names[i], run.outcomes[i], run, judged, limits.timeoutMs) : unanswered(specs[i], names[i], run.message);
    const scored = scoreCheck(result, result.assertions.map(() => 1), false);
    return { question, file: run.file, checks: [scored], output: run.ok && i === 0 ? run.output : "", files: run.ok ? run.files : [] };
  });
}

const noSpec = (id: string): never => {
  throw new ToolError(`checks/problems.json has no problem ${id}`);
};

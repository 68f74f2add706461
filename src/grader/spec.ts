// The exercises' manifest and the checks as data (exercises/manifest.json, checks/<question>.json), validated on load.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "./errors.js";
import { paths } from "./paths.js";

/** The written problems are named p1, p2, …, graded apart from the questions (see src/cli/check-problems.ts). */
export const isProblemName = (name: string): boolean => /^p\d+$/.test(name);

export interface Question {
  id: string;
  title: string;
  /** The stub's file name; a student may write the same name with `.js` instead. */
  file: string;
  hint: string;
}

export interface Manifest {
  questions: Question[];
  /** Workspace file → template under exercises/. */
  workspace: Record<string, string>;
}

/** A tensor the child builds before the calls, in order: `Variable(FloatTensor(tensor))` or `randn(...randn)`. */
export interface Input {
  name: string;
  tensor?: number[];
  randn?: number[];
  manual_seed?: number;
  requires_grad?: boolean;
}

export interface Call {
  function: string;
  args: string[];
  /** One name for the result, or names to unpack a returned list into (it must have exactly that many items). */
  returns: string | string[];
}

export interface Assertion {
  text: string;
  value: string;
  /** `first`: the first element, as `t.data[0]`; `all`: every element with its shape, as `t.data.numpy()`. */
  take: "first" | "all";
  equals?: number;
  allclose?: number | number[];
  /** The slope of the solution's own function, (plus − minus) / spacing, from two values its calls returned. */
  finite_difference?: { plus: string; minus: string; spacing: number };
  rtol?: number;
  atol?: number;
}

export interface CheckSpec {
  name: string;
  inputs: Input[];
  calls: Call[];
  assertions: Assertion[];
  /** Made for this run from a seed (checks/randomized/), rather than one of the seed's public checks. */
  randomized?: boolean;
}

export interface QuestionChecks {
  question: string;
  checks: CheckSpec[];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ToolError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function loadManifest(dir = paths.exercises): Manifest {
  return readJson(join(dir, "manifest.json")) as Manifest;
}

export function loadChecks(question: string, dir = paths.checks): QuestionChecks {
  const file = join(dir, `${question}.json`);
  const data = readJson(file) as QuestionChecks;
  const problem = data.checks.map(checkProblem).find((p) => p !== null);
  if (problem) throw new ToolError(`${file}: ${problem}`);
  return data;
}

/** What is wrong with a check's data (a name used before it is bound, no expected value), or null. */
export function checkProblem(check: CheckSpec): string | null {
  const bound = new Set(check.inputs.map((input) => input.name));
  for (const call of check.calls) {
    const missing = call.args.find((arg) => !bound.has(arg));
    if (missing !== undefined) return `${check.name}: ${call.function}(${missing}) uses an unknown input`;
    for (const name of [call.returns].flat()) bound.add(name);
  }
  for (const assertion of check.assertions) {
    const { plus, minus } = assertion.finite_difference ?? {};
    const unknown = [assertion.value, plus, minus].find((name) => name !== undefined && !bound.has(name));
    if (unknown !== undefined) return `${check.name}: "${assertion.text}" reads unknown value ${unknown}`;
    const expected = [assertion.equals, assertion.allclose, assertion.finite_difference].filter((e) => e !== undefined);
    if (expected.length !== 1) return `${check.name}: "${assertion.text}" needs exactly one of equals, allclose or finite_difference`;
  }
  return null;
}

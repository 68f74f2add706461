// The verdict on one check, decided in the parent from the child's plain data and the expected values.
import { compare, isclose, isequal, RTOL, ATOL, type Numeric } from "./compare.js";
import { describeValue, formatNumber, formatValues } from "./explain.js";
import type { CallOutcome, Described, Thrown } from "./protocol.js";
import type { CheckOutcome } from "./run.js";
import type { Assertion, CheckSpec } from "./spec.js";

export type Status = "pass" | "fail" | "error" | "timeout" | "not_attempted";
/** Values as JSON can carry them: NaN and ±Infinity as strings. */
export type JsonValue = number | string | null | JsonValue[];

export interface AssertionResult {
  text: string;
  status: Status;
  expected: JsonValue;
  actual: JsonValue;
  /** For people: the max difference, or what was wrong with the value. */
  detail: string;
}

export interface CheckResult {
  question: string;
  name: string;
  status: Status;
  message: string;
  assertions: AssertionResult[];
  duration_ms: number;
}

export interface CheckContext {
  question: string;
  /** The solution's file name, e.g. "q2.ts". */
  file: string;
  explainThrown: (thrown: Thrown) => string;
}

export const NOT_ATTEMPTED = (fns: string[], file: string) =>
  `${fns.join(" and ")} ${fns.length > 1 ? "return" : "returns"} nothing yet: write your solution at the TODO in ${file}`;
export const TIMED_OUT = (seconds: number, top: boolean) =>
  `stopped after ${seconds} s: ${top ? "the file's top-level code" : "the check"} did not finish (an endless loop, or a promise that never settles?)`;
export const CRASHED = (reason: string, top: boolean) =>
  `the process running your solution ${reason}${top ? " while loading the file" : ""}`;
export const MISSING_EXPORT = (file: string, fn: string, found: string) =>
  found === "undefined" ? `${file} does not export a function named ${fn}` : `${file} exports ${fn}, but as a ${found}, not a function`;
export const WRONG_COUNT = (fn: string, names: string[], got: string) =>
  `${fn} should return a list of ${names.length} values [${names.join(", ")}]; it returned ${got}`;
export const FAILED_COUNT = (failed: number, total: number) => `${failed} of ${total} assertions failed`;
export const NO_SLOPE = (reason: string) => `no finite difference to compare with: ${reason}`;

/** How much of a hidden check's failure a report shows: everything, only what the solution returned, or nothing. */
export type Detail = "full" | "actual-only" | "none";

const json = (value: number): JsonValue => (Number.isFinite(value) ? value : String(value));

/** What an assertion can read: a value, or why there is none. */
type Bound = { value: Described } | { error: string } | { problem: string };

function bind(spec: CheckSpec, calls: CallOutcome[], context: CheckContext): Map<string, Bound> {
  const bound = new Map<string, Bound>();
  spec.calls.forEach((call, i) => {
    const outcome = calls[i] ?? { threw: { kind: "error", name: "Error", message: "no answer", stack: "" } };
    const names = [call.returns].flat();
    let each: (k: number) => Bound;
    if ("missing" in outcome) each = () => ({ error: MISSING_EXPORT(context.file, call.function, outcome.missing) });
    else if ("threw" in outcome) each = () => ({ error: `${call.function} threw ${context.explainThrown(outcome.threw)}` });
    else if (typeof call.returns === "string") each = () => ({ value: outcome.returned });
    else {
      const value = outcome.returned;
      const fits = value.kind === "array" && value.length === names.length && value.items.length === names.length;
      each = fits ? (k) => ({ value: value.items[k] }) : () => ({ problem: WRONG_COUNT(call.function, names, describeValue(value)) });
    }
    names.forEach((name, k) => bound.set(name, each(k)));
  });
  return bound;
}

function numeric(value: Described, take: Assertion["take"]): Numeric | string {
  if (value.kind !== "tensor") return `expected a tensor, got ${describeValue(value)}`;
  if (value.numel === 0) return "expected a tensor with at least one element, got an empty one";
  if (take === "first") return { shape: [], values: value.values.slice(0, 1) };
  if (value.numel > value.values.length) return `expected a small tensor, got one with ${value.numel} elements`;
  return { shape: value.shape, values: value.values };
}

function expectedOf(assertion: Assertion): Numeric {
  const expected = assertion.equals ?? assertion.allclose!;
  return typeof expected === "number" ? { shape: [], values: [expected] } : { shape: [expected.length], values: expected };
}

/** The slope between two of the solution's own answers, (plus − minus) / spacing, or why there is none. */
function slope({ plus, minus, spacing }: NonNullable<Assertion["finite_difference"]>, values: Map<string, Bound>): Numeric | Bound {
  const ends: number[] = [];
  for (const end of [values.get(plus), values.get(minus)]) {
    if (end === undefined || !("value" in end)) return end ?? { error: "no value" };
    const value = numeric(end.value, "first");
    if (typeof value === "string") return { problem: NO_SLOPE(value) };
    ends.push(value.values[0]);
  }
  return { shape: [], values: [(ends[0] - ends[1]) / spacing] };
}

const shown = (n: Numeric): JsonValue => (n.shape.length === 0 ? json(n.values[0]) : Array.from(n.values, json));
const formatted = (n: Numeric): string => (n.shape.length === 0 ? formatNumber(n.values[0]) : formatValues(n.values));

/** "expected 0, got -1 (max difference 1)"; lists go on lines of their own so they line up. */
function differenceText(expected: string, actual: string, maxDifference: number): string {
  const difference = `max difference ${formatNumber(maxDifference)}`;
  if (!expected.startsWith("[") && !actual.startsWith("[")) return `expected ${expected}, got ${actual} (${difference})`;
  return `expected ${expected}\ngot      ${actual}\n${difference}`;
}

function judge(assertion: Assertion, values: Map<string, Bound>): AssertionResult {
  const expected = assertion.finite_difference ? slope(assertion.finite_difference, values) : expectedOf(assertion);
  const bound = values.get(assertion.value);
  const result = (status: Status, actual: JsonValue, detail: string): AssertionResult =>
    ({ text: assertion.text, status, expected: "shape" in expected ? shown(expected) : null, actual, detail });
  const refuse = (given: Bound | undefined) =>
    given === undefined || "error" in given ? result("error", null, given?.error.split("\n")[0] ?? "no value")
      : result("fail", null, "problem" in given ? given.problem : "no value");
  if (bound === undefined || !("value" in bound)) return refuse(bound);
  if (!("shape" in expected)) return refuse(expected);
  const actual = numeric(bound.value, assertion.take);
  if (typeof actual === "string") return result("fail", describeValue(bound.value), actual);
  const close = assertion.equals !== undefined ? isequal : (a: number, e: number) => isclose(a, e, assertion.rtol ?? RTOL, assertion.atol ?? ATOL);
  const { ok, maxDifference, shapeMismatch } = compare(actual, expected, close);
  const detail = shapeMismatch ?? differenceText(formatted(expected), formatted(actual), maxDifference);
  return result(ok ? "pass" : "fail", shown(actual), detail);
}

function allNothing(calls: CallOutcome[]): boolean {
  return calls.length > 0 && calls.every((call) => "returned" in call && call.returned.kind === "undefined");
}

/** The same status and message on every assertion: for checks that never got to compare anything. */
export function unanswered(spec: CheckSpec, question: string, status: Status, message: string, durationMs = 0): CheckResult {
  const assertions = spec.assertions.map((assertion) => ({
    text: assertion.text,
    status,
    expected: assertion.finite_difference ? null : shown(expectedOf(assertion)),
    actual: null,
    detail: "",
  }));
  return { question, name: spec.name, status, message, assertions, duration_ms: Math.round(durationMs) };
}

export function decide(spec: CheckSpec, outcome: CheckOutcome, context: CheckContext, timeoutMs: number): CheckResult {
  const fail = (status: Status, message: string) => unanswered(spec, context.question, status, message, outcome.durationMs);
  switch (outcome.kind) {
    case "timeout":
      return fail("timeout", TIMED_OUT(timeoutMs / 1000, outcome.atLoad === true));
    case "crashed":
      return fail("error", CRASHED(outcome.reason, outcome.atLoad === true));
    case "load-threw":
      return fail("error", `${context.file} threw while loading: ${context.explainThrown(outcome.thrown)}`);
  }
  if (allNothing(outcome.calls)) {
    const fns = [...new Set(spec.calls.map((call) => call.function))];
    return fail("not_attempted", NOT_ATTEMPTED(fns, context.file));
  }
  const bound = bind(spec, outcome.calls, context);
  const assertions = spec.assertions.map((assertion) => judge(assertion, bound));
  const errors = assertions.filter((a) => a.status === "error"), failed = assertions.filter((a) => a.status !== "pass");
  const firstError = [...bound.values()].find((b): b is { error: string } => "error" in b);
  const status: Status = errors.length > 0 ? "error" : failed.length > 0 ? "fail" : "pass";
  const message = status === "error" ? firstError!.error : status === "fail" ? FAILED_COUNT(failed.length, assertions.length) : "";
  return { question: context.question, name: spec.name, status, message, assertions, duration_ms: Math.round(outcome.durationMs) };
}

const formatJson = (value: JsonValue): string =>
  Array.isArray(value) ? formatValues(value.map(Number)) : typeof value === "number" ? formatNumber(value) : String(value);

/** The check as a report shows it at `detail`: `actual-only` drops the expected values, `none` every value. */
export function withDetail(check: CheckResult, detail: Detail): CheckResult {
  if (detail === "full") return check;
  const assertions = check.assertions.map((a) => {
    const numericActual = typeof a.actual === "number" || Array.isArray(a.actual);
    const shown = detail === "none" ? "" : a.status === "fail" && numericActual ? `got ${formatJson(a.actual)}` : a.detail;
    return { ...a, expected: null, actual: detail === "none" ? null : a.actual, detail: shown };
  });
  return { ...check, assertions };
}

// Counting checks by outcome and adding up their points, for the summary lines, the reports and the exit code.
import type { QuestionReport } from "./grade.js";
import type { AssertionResult, CheckResult } from "./verdict.js";

/** A check with its points: each assertion has its share, and the check earns the shares that passed. */
export interface ScoredCheck extends CheckResult {
  randomized: boolean;
  assertions: (AssertionResult & { points: number })[];
  score: number;
  max_score: number;
}

export interface Score {
  score: number;
  max_score: number;
}

export interface Summary {
  passed: number;
  failed: number;
  /** Checks that could not be evaluated: errors and timeouts. */
  errors: number;
  not_attempted: number;
}

export const allChecks = (reports: QuestionReport[]): ScoredCheck[] => reports.flatMap((report) => report.checks);

/** Sums without float noise: points such as 1/3 add up to what a person would write. */
const total = (values: number[]): number => Math.round(values.reduce((sum, v) => sum + v, 0) * 1e6) / 1e6;

/** `points[i]` for the i-th assertion, earned when it passed: partial credit is per assertion. */
export function scoreCheck(check: CheckResult, points: number[], randomized: boolean): ScoredCheck {
  const assertions = check.assertions.map((assertion, i) => ({ ...assertion, points: points[i] }));
  const score = total(assertions.filter((a) => a.status === "pass").map((a) => a.points));
  return { ...check, randomized, assertions, score, max_score: total(points) };
}

export function totalScore(checks: ScoredCheck[]): Score {
  return { score: total(checks.map((c) => c.score)), max_score: total(checks.map((c) => c.max_score)) };
}

/** Points as people write them: 7, 2.5, 0.33. */
export const formatPoints = (points: number): string => String(Math.round(points * 100) / 100);

export function summarize(checks: CheckResult[]): Summary {
  const count = (...statuses: string[]) => checks.filter((check) => statuses.includes(check.status)).length;
  return { passed: count("pass"), failed: count("fail"), errors: count("error", "timeout"), not_attempted: count("not_attempted") };
}

/** "pass" when every check passed, "error" when any could not be evaluated, else "fail". */
export function overall(summary: Summary): "pass" | "fail" | "error" {
  if (summary.errors > 0) return "error";
  return summary.failed + summary.not_attempted > 0 ? "fail" : "pass";
}

// Counting checks by outcome, for the summary line, the JSON report and the exit code.
import type { QuestionReport } from "./grade.js";
import type { CheckResult } from "./verdict.js";

export interface Summary {
  passed: number;
  failed: number;
  /** Checks that could not be evaluated: errors and timeouts. */
  errors: number;
  not_attempted: number;
}

export const allChecks = (reports: QuestionReport[]): CheckResult[] => reports.flatMap((report) => report.checks);

export function summarize(checks: CheckResult[]): Summary {
  const count = (...statuses: string[]) => checks.filter((check) => statuses.includes(check.status)).length;
  return { passed: count("pass"), failed: count("fail"), errors: count("error", "timeout"), not_attempted: count("not_attempted") };
}

/** "pass" when every check passed, "error" when any could not be evaluated, else "fail". */
export function overall(summary: Summary): "pass" | "fail" | "error" {
  if (summary.errors > 0) return "error";
  return summary.failed + summary.not_attempted > 0 ? "fail" : "pass";
}

// The `--json` report: one object, exactly the fields the issue names, for CI and other tools.
import type { QuestionReport } from "./grade.js";
import { allChecks, overall, summarize } from "./summary.js";

export function jsonReport(reports: QuestionReport[]): string {
  const checks = allChecks(reports);
  const summary = summarize(checks);
  return JSON.stringify({
    status: overall(summary),
    summary,
    checks: checks.map((check) => ({
      question: check.question,
      name: check.name,
      status: check.status,
      message: check.message,
      assertions: check.assertions.map(({ text, status, expected, actual }) => ({ text, status, expected, actual })),
      duration_ms: check.duration_ms,
    })),
  });
}

/** The report for a run that could not happen (exit code 2). */
export function jsonFailure(message: string): string {
  return JSON.stringify({ status: "error", message, summary: { passed: 0, failed: 0, errors: 0, not_attempted: 0 }, checks: [] });
}

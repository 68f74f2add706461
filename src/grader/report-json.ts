// The `--json` report: one object for CI and other tools, with the points, the seed and where the grade came from.
import type { Grading } from "./grade.js";
import { allChecks, overall, summarize, totalScore } from "./summary.js";

/** The report as an object; a batch adds the student's name and the time it took. */
export function jsonObject(grading: Grading) {
  const checks = allChecks(grading.reports);
  const summary = summarize(checks);
  return {
    status: overall(summary),
    summary,
    score: totalScore(checks),
    seed: grading.seed,
    grader: { name: "autograd-ex", version: grading.version },
    files_sha256: grading.files_sha256,
    files: grading.files,
    checks: checks.map((check) => ({
      question: check.question,
      name: check.name,
      randomized: check.randomized,
      status: check.status,
      message: check.message,
      score: check.score,
      max_score: check.max_score,
      assertions: check.assertions.map(({ text, status, expected, actual, points }) => ({ text, status, expected, actual, points })),
      duration_ms: check.duration_ms,
    })),
  };
}

export const jsonReport = (grading: Grading): string => JSON.stringify(jsonObject(grading));

/** The report for a run that could not happen (exit code 2). */
export function jsonFailure(message: string): string {
  return JSON.stringify({ status: "error", message, summary: { passed: 0, failed: 0, errors: 0, not_attempted: 0 }, checks: [] });
}

// Gradescope's results.json (its autograder specification): a test per check with score, max_score, status, name,
// number, output and visibility, so that a Gradescope autograder is a two-line run_autograder.
import type { Grading } from "./grade.js";
import { checkText, headline } from "./report-text.js";
import { allChecks, formatPoints, totalScore } from "./summary.js";

/** Public checks show at once; randomized ones once the instructor publishes the grades. */
export const VISIBILITY = { public: "visible", randomized: "after_published" } as const;

export function gradescopeReport(grading: Grading): string {
  const checks = allChecks(grading.reports);
  const { score, max_score } = totalScore(checks);
  const duration = checks.reduce((sum, check) => sum + check.duration_ms, 0);
  const words = headline(checks);
  const lines = [
    ...(words === null ? [] : [words]),
    `Score: ${formatPoints(score)}/${formatPoints(max_score)}`,
    ...(grading.seed === null ? [] : [`Randomized checks from seed ${grading.seed}.`]),
    `autograd-ex ${grading.version}, graded files sha256 ${grading.files_sha256}`,
  ];
  const results = {
    execution_time: Math.ceil(duration / 1000),
    output: lines.join("\n"),
    output_format: "text",
    stdout_visibility: "hidden",
    extra_data: { autograd_ex_version: grading.version, files_sha256: grading.files_sha256, files: grading.files, seed: grading.seed },
    tests: grading.reports.flatMap((report, q) =>
      report.checks.map((check, c) => ({
        name: `${check.question}: ${check.name}`,
        number: `${q + 1}.${c + 1}`,
        score: check.score,
        max_score: check.max_score,
        status: check.status === "pass" ? "passed" : "failed",
        output: [checkText(check), c === 0 && report.output !== "" ? `Output of ${report.file}:\n${report.output}` : ""].filter(Boolean).join("\n\n"),
        output_format: "text",
        visibility: check.randomized ? VISIBILITY.randomized : VISIBILITY.public,
        tags: [check.question, check.randomized ? "randomized" : "public"],
      })),
    ),
  };
  return JSON.stringify(results, null, 2) + "\n";
}

// TAP version 14: a test point per check, YAML diagnostics (expected and actual) under each one that did not pass,
// a check not attempted as `# SKIP`, and the grader's version, the files' hash and the solutions' output as comments.
import type { Grading } from "./grade.js";
import { quoted } from "./output.js";
import { checkText } from "./report-text.js";
import { allChecks, formatPoints, totalScore, type ScoredCheck } from "./summary.js";
import type { JsonValue } from "./verdict.js";

/** A YAML double-quoted scalar: JSON's, with the characters YAML also wants escaped. */
const yamlString = (value: string): string =>
  JSON.stringify(value).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** JSON flow style is YAML too; NaN and the infinities already travel as strings. */
const yamlValue = (value: JsonValue | number): string =>
  typeof value === "string" ? yamlString(value) : Array.isArray(value) ? `[${value.map(yamlValue).join(", ")}]` : String(value);

/** TAP 14 descriptions escape `\` and `#`, and are one line. */
const description = (text: string): string => text.replace(/[\\#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, " ");

function diagnostics(check: ScoredCheck): string[] {
  const failing = check.assertions.find((a) => a.status !== "pass");
  const lines = [
    `message: ${yamlString(check.message)}`,
    `severity: ${check.status === "fail" ? "fail" : "error"}`,
    `status: ${check.status}`,
    ...(failing ? [`expected: ${yamlValue(failing.expected)}`, `actual: ${yamlValue(failing.actual)}`] : []),
    `score: ${check.score}`,
    `max_score: ${check.max_score}`,
    `duration_ms: ${check.duration_ms}`,
    `detail: ${yamlString(checkText(check))}`,
    "assertions:",
    ...check.assertions.flatMap((a) => [
      `  - text: ${yamlString(a.text)}`,
      `    status: ${a.status}`,
      `    expected: ${yamlValue(a.expected)}`,
      `    actual: ${yamlValue(a.actual)}`,
    ]),
  ];
  return ["  ---", ...lines.map((line) => `  ${line}`), "  ..."];
}

function testPoint(check: ScoredCheck, number: number): string[] {
  const name = `${number} - ${description(`${check.question}: ${check.name}`)}`;
  if (check.status === "pass") return [`ok ${name}`];
  if (check.status === "not_attempted") return [`not ok ${name} # SKIP ${description(check.message)}`];
  return [`not ok ${name}`, ...diagnostics(check)];
}

const comment = (text: string): string[] => text.split("\n").map((line) => `# ${line}`);

export function tapReport(grading: Grading): string {
  const checks = allChecks(grading.reports);
  const { score, max_score } = totalScore(checks);
  const seed = grading.seed === null ? "" : `, seed ${grading.seed}`;
  const outputs = grading.reports
    .filter((report) => report.output !== "")
    .flatMap((report) => comment(`Output of ${report.file}:\n${quoted(report.output)}`));
  return [
    "TAP version 14",
    `1..${checks.length}`,
    `# autograd-ex ${grading.version}, graded files sha256 ${grading.files_sha256}${seed}`,
    ...checks.flatMap((check, i) => testPoint(check, i + 1)),
    `# Score: ${formatPoints(score)}/${formatPoints(max_score)}`,
    ...outputs,
    "",
  ].join("\n");
}

// JUnit XML, as GitLab and Jenkins read it: a testsuite per question, a testcase per check (classname = the
// question), failure vs. error vs. skipped, times in seconds, and the message people read in the element's body.
import type { Grading, QuestionReport } from "./grade.js";
import { checkText } from "./report-text.js";
import { formatPoints, summarize, totalScore, type ScoredCheck } from "./summary.js";

// NOTE: XML 1.0 cannot carry most control characters, not even escaped, and a thrown message may hold any.
const NOT_XML = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };

// NOTE: line breaks are escaped in text too, so that no line of this file starts with a solution's words: sent to
// standard output on GitHub Actions, such a line could be a workflow command (`::error::`).
const text = (value: string): string => value.replace(NOT_XML, "").replace(/[&<>\n\r]/g, (c) => TEXT_ESCAPES[c]);
const attribute = (value: string | number): string => String(value).replace(NOT_XML, "").replace(/[&<>"\n\r\t]/g, (c) => TEXT_ESCAPES[c]);
const attributes = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs).map(([name, value]) => ` ${name}="${attribute(value)}"`).join("");
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function counts(checks: ScoredCheck[]) {
  const summary = summarize(checks);
  return { tests: checks.length, failures: summary.failed, errors: summary.errors, skipped: summary.not_attempted };
}

const firstLine = (message: string): string => message.split("\n")[0];

function testcase(check: ScoredCheck): string {
  const head = `    <testcase${attributes({ name: check.name, classname: check.question, time: seconds(check.duration_ms) })}`;
  const body = `${checkText(check)}\npoints: ${formatPoints(check.score)}/${formatPoints(check.max_score)}`;
  switch (check.status) {
    case "pass":
      return `${head}/>`;
    case "not_attempted":
      return `${head}>\n      <skipped${attributes({ message: firstLine(check.message) })}>${text(body)}</skipped>\n    </testcase>`;
    case "fail":
      return `${head}>\n      <failure${attributes({ message: firstLine(check.message), type: "fail" })}>${text(body)}</failure>\n    </testcase>`;
    case "error":
    case "timeout":
      return `${head}>\n      <error${attributes({ message: firstLine(check.message), type: check.status })}>${text(body)}</error>\n    </testcase>`;
  }
}

function properties(grading: Grading): string {
  const { score, max_score } = totalScore(grading.reports.flatMap((report) => report.checks));
  const pairs: [string, string][] = [
    ["autograd-ex.version", grading.version],
    ["files.sha256", grading.files_sha256],
    ["score", `${formatPoints(score)}/${formatPoints(max_score)}`],
    ...(grading.seed === null ? [] : [["seed", String(grading.seed)] as [string, string]]),
  ];
  return ["    <properties>", ...pairs.map(([name, value]) => `      <property${attributes({ name, value })}/>`), "    </properties>"].join("\n");
}

function testsuite(report: QuestionReport, grading: Grading): string {
  const time = report.checks.reduce((sum, check) => sum + check.duration_ms, 0);
  const output = report.output === "" ? [] : [`    <system-out>${text(report.output)}</system-out>`];
  return [
    `  <testsuite${attributes({ name: report.question.id, ...counts(report.checks), time: seconds(time) })}>`,
    properties(grading),
    ...report.checks.map(testcase),
    ...output,
    "  </testsuite>",
  ].join("\n");
}

export function junitReport(grading: Grading): string {
  const checks = grading.reports.flatMap((report) => report.checks);
  const time = checks.reduce((sum, check) => sum + check.duration_ms, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: "autograd-ex", ...counts(checks), time: seconds(time) })}>`,
    ...grading.reports.map((report) => testsuite(report, grading)),
    "</testsuites>",
    "",
  ].join("\n");
}

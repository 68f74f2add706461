// GitHub Actions: `::error` annotations on the student's own lines (at most 10 per step, the rest summed up in
// the last), a Markdown table for the job summary (under 1 MiB), and a fence around everything else printed, so
// nothing a solution wrote (its output, its error messages) is ever read as a workflow command.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Grading, QuestionReport } from "./grade.js";
import { questionChecks } from "./grade.js";
import { crypto } from "./lazy.js";
import { sanitize } from "./output.js";
import { checkText, headline } from "./report-text.js";
import { allChecks, formatPoints, totalScore, type ScoredCheck } from "./summary.js";

/** GitHub shows at most 10 error annotations per step. */
export const ANNOTATION_LIMIT = 10;
/** A step's summary may hold 1 MiB; this leaves room for what other steps' tools append. */
export const SUMMARY_BYTES = 900 * 1024;

const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** Between `::stop-commands::TOKEN` and `::TOKEN::` the runner runs no workflow command; TOKEN is unguessable. */
export function fenced(text: string, token = crypto().randomBytes(16).toString("hex")): string {
  return `::stop-commands::${token}\n${text}${text.endsWith("\n") ? "" : "\n"}::${token}::\n`;
}

export interface GithubContext {
  /** The graded workspace. */
  workspace: string;
  /** Where annotation paths start: the repository's root (GITHUB_WORKSPACE). */
  root: string;
}

const FRAME = /([\w./-]+\.(?:m?ts|m?js)):(\d+):(\d+)/g;

function definitionLine(source: string, fn: string): number {
  const definition = new RegExp(`^[ \\t]*(?:export\\s+)?(?:async\\s+)?(?:function\\s*\\*?\\s*${fn}\\b|(?:const|let|var)\\s+${fn}\\b)`, "m");
  const match = definition.exec(source);
  return match === null ? 1 : source.slice(0, match.index).split("\n").length;
}

/** The student's line for a check: the first of their frames in its message, else where the function is defined. */
function place(check: ScoredCheck, report: QuestionReport, seed: number | null, context: GithubContext): { file: string; line: number } {
  const ours = new Set([report.file, ...report.files.map((f) => f.path)]);
  const frame = [...check.message.matchAll(FRAME)].find((m) => ours.has(m[1]));
  const file = frame?.[1] ?? report.file ?? report.question.file;
  const path = join(context.workspace, file);
  let line = frame ? Number(frame[2]) : 1;
  if (!frame && existsSync(path)) {
    const fn = questionChecks(report.question.id, seed).find((spec) => spec.name === check.name)?.calls[0]?.function;
    if (fn) line = definitionLine(readFileSync(path, "utf8"), fn);
  }
  return { file: relative(context.root, path).split(sep).join("/"), line };
}

function title(check: ScoredCheck): string {
  const failing = check.assertions.find((a) => a.status !== "pass");
  return `${check.name}: ${check.status === "fail" && failing ? failing.text : check.message.split("\n")[0]}`;
}

/** Annotations for the checks that did not pass; past the limit, the last one counts the rest. */
export function githubAnnotations(grading: Grading, context: GithubContext): string {
  const missed = grading.reports.flatMap((report) => report.checks.filter((c) => c.status !== "pass").map((check) => ({ check, report })));
  const shown = missed.length > ANNOTATION_LIMIT ? missed.slice(0, ANNOTATION_LIMIT - 1) : missed;
  const lines = shown.map(({ check, report }) => {
    const { file, line } = place(check, report, grading.seed, context);
    const level = check.status === "not_attempted" ? "warning" : "error";
    return `::${level} file=${escapeProperty(file)},line=${line},title=${escapeProperty(sanitize(title(check)))}::${escapeData(sanitize(checkText(check)))}`;
  });
  if (shown.length < missed.length) {
    lines.push(`::error title=autograd-ex::${missed.length - shown.length} more checks did not pass: see the job summary`);
  }
  return lines.map((line) => line + "\n").join("");
}

const STATUS: Record<ScoredCheck["status"], string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  error: "❌ error",
  timeout: "⏱️ timeout",
  not_attempted: "➖ not attempted",
};

/** A code block no text can close early: its fence is longer than any run of backticks inside. */
function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function details(check: ScoredCheck): string {
  const summary = cell(sanitize(check.message.split("\n")[0])).replace(/</g, "&lt;");
  return `<details><summary>${cell(check.name)}: ${summary}</summary>\n\n${codeBlock(sanitize(checkText(check)))}\n\n</details>`;
}

/** The job summary in Markdown: the score, a table of checks, then details and output while they fit. */
export function githubSummary(grading: Grading): string {
  const checks = allChecks(grading.reports);
  const { score, max_score } = totalScore(checks);
  const words = headline(checks);
  const head = [
    `## autograd-ex: Score ${formatPoints(score)}/${formatPoints(max_score)}`,
    ...(words === null ? [] : [words]),
    [
      "| Question | Check | Result | Points |",
      "| --- | --- | --- | --- |",
      ...checks.map((c) => `| ${c.question} | ${cell(c.name)} | ${STATUS[c.status]} | ${formatPoints(c.score)}/${formatPoints(c.max_score)} |`),
    ].join("\n"),
  ];
  const seed = grading.seed === null ? "" : ` · randomized checks from seed ${grading.seed}`;
  const foot = `<sub>autograd-ex ${grading.version} · graded files sha256 \`${grading.files_sha256}\`${seed}</sub>`;
  const extras = [
    ...checks.filter((c) => c.status !== "pass").map(details),
    ...grading.reports.filter((r) => r.output !== "").map((r) => `### Output of ${cell(r.file ?? r.question.file)}\n\n${codeBlock(r.output)}`),
  ];
  const parts = [...head];
  let bytes = Buffer.byteLength(head.join("\n\n") + foot) + 16;
  for (const extra of extras) {
    bytes += Buffer.byteLength(extra) + 2;
    if (bytes > SUMMARY_BYTES) {
      parts.push("_More details did not fit in the job summary: see the step's log._");
      break;
    }
    parts.push(extra);
  }
  return [...parts, foot].join("\n\n") + "\n";
}

// The report people read: a line per check and per assertion, what went wrong, the solution's output, a summary.
import { Chalk, type ChalkInstance } from "chalk";
import type { QuestionReport } from "./grade.js";
import { quoted } from "./output.js";
import { allChecks, formatPoints, summarize, totalScore, type ScoredCheck, type Summary } from "./summary.js";
import type { CheckResult, Status } from "./verdict.js";

const indent = (text: string, spaces: number) => text.replace(/^(?=.)/gm, " ".repeat(spaces));

function marks(c: ChalkInstance): Record<Status, string> {
  return { pass: c.green("✓"), fail: c.red("✗"), error: c.red("✗"), timeout: c.red("✗"), not_attempted: c.yellow("–") };
}

const LABELS: Record<Status, string> = { pass: "", fail: "", error: "error", timeout: "timed out", not_attempted: "not attempted" };

function checkLines(check: CheckResult, c: ChalkInstance): string[] {
  const mark = marks(c);
  const label = LABELS[check.status] ? `  ${c.bold(LABELS[check.status])}` : "";
  const lines = [`  ${mark[check.status]} ${check.name}${label}  ${c.dim(`${check.duration_ms} ms`)}`];
  const evaluated = check.assertions.some((a) => a.status === "pass" || a.status === "fail");
  if (evaluated) {
    for (const assertion of check.assertions) {
      lines.push(`      ${mark[assertion.status]} ${assertion.text}`);
      if (assertion.status !== "pass" && assertion.detail) lines.push(indent(assertion.detail, 10));
    }
  }
  if (check.status !== "pass" && (check.status !== "fail" || !evaluated)) lines.push(indent(check.message, 6));
  return lines;
}

const plain = new Chalk({ level: 0 });

/** What the text report says under a check, without colour or indent: the message body of the other reports. */
export const checkText = (check: CheckResult): string => checkLines(check, plain).slice(1).join("\n").replace(/^ {6}/gm, "");

export function summaryLine(summary: Summary, c: ChalkInstance): string {
  const parts = [c.green(`${summary.passed} passed`), (summary.failed ? c.red : c.dim)(`${summary.failed} failed`)];
  if (summary.errors) parts.push(c.red(`${summary.errors} error${summary.errors > 1 ? "s" : ""}`));
  if (summary.not_attempted) parts.push(c.yellow(`${summary.not_attempted} not attempted`));
  return parts.join(", ");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What passed, in words that never say "all passed" while anything did not; null without randomized checks. */
export function headline(checks: ScoredCheck[]): string | null {
  const randomized = checks.filter((check) => check.randomized), published = checks.filter((check) => !check.randomized);
  if (randomized.length === 0) return null;
  const missed = (list: ScoredCheck[]) => list.filter((check) => check.status !== "pass").length;
  const [p, r] = [missed(published), missed(randomized)];
  if (p + r === 0) return "All public and randomized checks passed.";
  const first = p === 0 ? "All public checks passed" : `${published.length - p} of ${plural(published.length, "public check")} passed`;
  return `${first}; ${r === 0 ? "all randomized checks passed" : `${plural(r, "randomized check")} failed`}.`;
}

/** The closing lines: the seed to rerun with, the headline, the score, the counts. */
function tail(checks: ScoredCheck[], seed: number | null, c: ChalkInstance): string {
  const { score, max_score } = totalScore(checks);
  const seedLine = seed === null ? [] : [c.dim(`Randomized checks from seed ${seed}: rerun them with --seed ${seed}`)];
  const words = headline(checks);
  const scoreLine = c.bold(`Score: ${formatPoints(score)}/${formatPoints(max_score)}`);
  return [...seedLine, ...(words === null ? [] : [c.bold(words)]), scoreLine, summaryLine(summarize(checks), c)].join("\n");
}

export function textReport(reports: QuestionReport[], color: boolean, seed: number | null = null): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const blocks = reports.map((report) => {
    const title = `${c.bold(report.file ?? report.question.file)} ${c.dim(`— ${report.question.title}`)}`;
    const tried = report.checks.some((check) => check.status === "fail" || check.status === "error");
    const hint = tried ? [c.dim(`  hint: ${report.question.hint}`)] : [];
    return [title, ...report.checks.flatMap((check) => checkLines(check, c)), ...hint].join("\n");
  });
  const outputs = reports
    .filter((report) => report.output !== "")
    .map((report) => `${c.bold(`Output of ${report.file}`)} ${c.dim("(printed by the solution while it ran)")}\n${quoted(report.output)}`);
  return [...blocks, ...outputs, tail(allChecks(reports), seed, c)].join("\n\n") + "\n";
}

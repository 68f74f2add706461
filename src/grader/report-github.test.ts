// The GitHub Actions report: annotations in the runner's workflow-command syntax, on the student's own lines and
// never more than a step shows; the job summary's Markdown and its size; the fence around everything else.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli/run-cli.js";
import { sampleGrading } from "../../test/helpers/gradings.js";
import { ANNOTATION_LIMIT, fenced, githubAnnotations, githubSummary, SUMMARY_BYTES } from "./report-github.js";

/** One workflow command per line: `::name k=v,…::data`, with its data and properties escaped as the runner expects. */
const COMMAND = /^::(error|warning)(?: ((?:file|line|title)=[^,:\n]*(?:,(?:file|line|title)=[^,:\n]*)*))?::([^\n\r]*)$/;

function workspace(): { root: string; workspace: string } {
  const root = tempDir();
  const dir = join(root, "exercises");
  mkdirSync(dir);
  writeFileSync(join(dir, "q1.ts"), 'import { torch } from "autograd-ex";\n\nexport function q1(x) {\n  return x;\n}\n\nexport const grad_q1 = (x) => x;\n');
  return { root, workspace: dir };
}

describe("githubAnnotations", () => {
  it("annotates each check that did not pass on the student's line, escaped so that one command stays one line", () => {
    const lines = githubAnnotations(sampleGrading(), workspace()).trimEnd().split("\n");
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line).toMatch(COMMAND);
    // grad_q1 is defined on line 7; the thrown error's own frame is q1.ts:4
    expect(lines[0]).toBe("::error file=exercises/q1.ts,line=7,title=check_grad_q1%3A grad_q1(x) is 0 for x = [-10]::✗ grad_q1(x) is 0 for x = [-10]%0A    expected 0, got 1 (max difference 1)%0A✓ grad_q1(x) is 1 for x = [100]");
    expect(lines[1]).toBe(
      "::error file=exercises/q1.ts,line=4,title=random_q1%3A q1 threw Error%3A bad \ud800 <b>&amp;</b> ]]> \"quoted\" 'x' # not a directive \\ " +
        "::q1 threw Error: bad \ud800 <b>&amp;</b> ]]> \"quoted\" 'x' # not a directive \\ %0A: :error::pwned%0A✓ passed%0A    at q1 (q1.ts:4:11)",
    );
    expect(lines.find((l) => l.includes("check_q2"))).toMatch(/^::warning file=exercises\/q2.ts,line=1,title=check_q2%3A q2 returns nothing yet%3A write your solution at the TODO in q2.ts::/);
  });

  it("shows at most 10 per step and sums up the rest in the last", () => {
    const grading = sampleGrading();
    grading.reports[2].checks.push(...Array.from({ length: 6 }, (_, i) => ({ ...grading.reports[2].checks[0], name: `extra_${i}` })));
    const lines = githubAnnotations(grading, workspace()).trimEnd().split("\n");
    expect(lines).toHaveLength(ANNOTATION_LIMIT);
    expect(lines.at(-1)).toBe("::error title=autograd-ex::5 more checks did not pass: see the job summary");
  });

  it("annotates nothing when every check passed", () => {
    const grading = sampleGrading(null);
    for (const report of grading.reports) report.checks = report.checks.filter((c) => c.status === "pass");
    expect(githubAnnotations(grading, workspace())).toBe("");
  });
});

describe("fenced", () => {
  it("turns workflow commands off around the text with a token nobody can guess", () => {
    const [a, b] = [fenced("::error::fake\nline\n"), fenced("x")];
    const token = /^::stop-commands::([0-9a-f]{32})\n/.exec(a)![1];
    expect(a).toBe(`::stop-commands::${token}\n::error::fake\nline\n::${token}::\n`);
    expect(b).not.toContain(token);
  });
});

describe("githubSummary", () => {
  it("is Markdown: the score, the honest headline, a table of checks, details in fences no output can close", () => {
    const summary = githubSummary(sampleGrading());
    expect(summary.startsWith("## autograd-ex: Score 3/41\n\n1 of 4 public checks passed; 5 randomized checks failed.\n\n| Question | Check | Result | Points |\n")).toBe(true);
    expect(summary).toContain("| q1 | check_grad_q1 | ❌ fail | 1/2 |\n| q1 | random_q1 | ❌ error | 0/3 |\n| q1 | random_grad_q1 | ⏱️ timeout | 0/6 |");
    expect(summary).toContain("<details><summary>check_grad_q1: 1 of 2 assertions failed</summary>\n\n```text\n✗ grad_q1(x)");
    expect(summary.trimEnd().endsWith(`<sub>autograd-ex 0.1.0 · graded files sha256 \`${"f".repeat(64)}\` · randomized checks from seed 7</sub>`)).toBe(true);
  });

  it("fences output with more backticks than it holds", () => {
    const grading = sampleGrading();
    grading.reports[0].output = "````\n# heading\n</details>";
    expect(githubSummary(grading)).toContain("### Output of q1.ts\n\n`````text\n````\n# heading\n</details>\n`````");
  });

  it("stays under the step summary's limit, keeping the table and saying what it left out", () => {
    const grading = sampleGrading();
    for (const report of grading.reports) report.output = "x".repeat(400 * 1024);
    const summary = githubSummary(grading);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BYTES);
    expect(summary).toContain("| q3 | random_q3 | ❌ error | 0/9 |");
    expect(summary).toContain("_More details did not fit in the job summary: see the step's log._");
  });
});

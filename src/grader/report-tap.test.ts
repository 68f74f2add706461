// The TAP report against the TAP 14 grammar (checked line by line here) and against tap-parser, the reference
// TAP 14 parser (node-tap's), in strict mode: plan, test points, directives and YAML diagnostics.
import { Parser, type FinalResults, type Result, type TapError } from "tap-parser";
import { describe, expect, it } from "vitest";
import { brokenGrading, HOSTILE, sampleGrading } from "../../test/helpers/gradings.js";
import { quoted, sanitize } from "./output.js";
import { tapReport } from "./report-tap.js";

const TEST_POINT = /^(not )?ok (\d+)(?: - ((?:[^#\\]|\\[\\#])+?))?(?: # (SKIP|TODO)(?: (.+))?)?$/i;
const PLAN = /^1\.\.(\d+)(?: # .+)?$/;

/** Departures from TAP 14's grammar (version, one plan, test points numbered in order, 2-space YAML blocks). */
function grammarProblems(document: string): string[] {
  const lines = document.split("\n");
  const problems: string[] = [];
  if (lines.pop() !== "") problems.push("the document does not end with a newline");
  if (lines[0] !== "TAP version 14") problems.push("the first line is not the version");
  const plans = lines.filter((line) => PLAN.test(line));
  if (plans.length !== 1 || (lines[1] !== plans[0] && lines.at(-1) !== plans[0])) problems.push("the plan is not one line, first or last");
  let next = 1, yaml = false;
  for (const line of lines.slice(1)) {
    if (yaml) yaml = line !== "  ...";
    else if (line === "  ---") yaml = true;
    else if (/^(not )?ok\b/.test(line)) {
      if (!TEST_POINT.test(line)) problems.push(`not a test point: ${line}`);
      if (Number(/^(?:not )?ok (\d+)/.exec(line)?.[1]) !== next++) problems.push(`out of order: ${line}`);
    } else if (!PLAN.test(line) && !/^#/.test(line)) problems.push(`not TAP: ${line}`);
    if (yaml && line !== "  ---" && !line.startsWith("  ")) problems.push(`YAML line not indented: ${line}`);
  }
  if (yaml) problems.push("a YAML block is not closed");
  if (plans.length === 1 && Number(PLAN.exec(plans[0])![1]) !== next - 1) problems.push("the plan does not count the test points");
  return problems;
}

function parse(document: string): Promise<{ ok: boolean; count: number; fail: number; skip: number; failures: string[]; asserts: Result[] }> {
  return new Promise((resolve) => {
    const parser = new Parser({ strict: true });
    const asserts: Result[] = [];
    parser.on("assert", (a: Result) => asserts.push(a));
    parser.on("complete", (r: FinalResults) =>
      resolve({ ok: r.ok, count: r.count, fail: r.fail, skip: r.skip, failures: r.failures.map((f: TapError) => f.tapError ?? f.name), asserts }));
    parser.end(document);
  });
}

describe("tapReport", () => {
  it("follows the TAP 14 grammar, with hostile text from the solution in it", () => {
    const tap = tapReport(sampleGrading());
    expect(grammarProblems(tap)).toEqual([]);
    expect(tap.split("\n").slice(0, 4)).toEqual([
      "TAP version 14",
      "1..9",
      `# autograd-ex 0.1.0, graded files sha256 ${"f".repeat(64)}, seed 7`,
      "ok 1 - q1: check_q1",
    ]);
    expect(tap).toContain("not ok 6 - q2: check_q2 # SKIP q2 returns nothing yet: write your solution at the TODO in q2.ts\n");
    expect(tap).toContain("# Score: 3/41\n");
  });

  it("parses with tap-parser in strict mode: the failures, the skips and the YAML diagnostics with expected and actual", async () => {
    const result = await parse(tapReport(sampleGrading()));
    expect(result.failures).toEqual(["q1: check_grad_q1", "q1: random_q1", "q1: random_grad_q1", "q1: slope_grad_q1", "q3: check_q3", "q3: random_q3"]);
    expect(result).toMatchObject({ ok: false, count: 9, skip: 2 });
    const gradQ1 = result.asserts[1];
    expect(gradQ1.diag).toMatchObject({
      message: "1 of 2 assertions failed",
      severity: "fail",
      status: "fail",
      expected: 0,
      actual: 1,
      score: 1,
      max_score: 2,
      assertions: [
        { text: "grad_q1(x) is 0 for x = [-10]", status: "fail", expected: 0, actual: 1 },
        { text: "grad_q1(x) is 1 for x = [100]", status: "pass", expected: 1, actual: 1 },
      ],
    });
  });

  it("keeps a solution's message inside its YAML string, and its output in comments", async () => {
    const tap = tapReport(sampleGrading());
    const result = await parse(tap);
    expect(result.asserts[2].diag.message).toBe(`q1 threw Error: ${HOSTILE}\n    at q1 (q1.ts:4:11)`);
    const output = quoted(sanitize(HOSTILE)).split("\n");
    expect(tap).toContain(["# Output of q1.ts:", ...output.map((line) => `# ${line}`)].join("\n") + "\n");
    expect(output).toHaveLength(3);
    expect(tap).not.toMatch(/^\s*::/m);
  });

  it("escapes # and \\ in a description, as TAP 14 asks", async () => {
    const grading = sampleGrading(null);
    grading.reports[0].checks[0] = { ...grading.reports[0].checks[0], name: "check #1 \\ x" };
    const tap = tapReport(grading);
    expect(tap).toContain("ok 1 - q1: check \\#1 \\\\ x\n");
    expect((await parse(tap)).asserts[0].name).toBe("q1: check #1 \\ x");
  });

  it("reports a run that could not happen: every check not ok, with the reason", async () => {
    const tap = tapReport(brokenGrading());
    expect(grammarProblems(tap)).toEqual([]);
    const result = await parse(tap);
    expect(result).toMatchObject({ ok: false, count: 4, fail: 4 });
    expect(result.asserts.map((a) => a.diag.message)).toEqual(Array(4).fill("not gradable: no exercises found"));
  });

  it("notices a document that breaks the grammar (the checker is really checking)", () => {
    const tap = tapReport(sampleGrading()).replace("ok 1 - q1: check_q1", "ok 1 - q1: check #1").replace("1..9", "1..8");
    expect(grammarProblems(tap)).toEqual(["not a test point: ok 1 - q1: check #1", "the plan does not count the test points"]);
  });
});

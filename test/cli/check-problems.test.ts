// `check p1 … p4` reads problems.ts in the sandbox (the built harness: run `npm run build` first).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MISSING_FILE } from "../../src/grader/grade.js";
import { CANNOT_READ, MISSING_PROBLEM, NO_ANSWERS, UNKNOWN_PROBLEM } from "../../src/grader/problems.js";
import { PROBLEMS_APART } from "../../src/cli/check-problems.js";
import { initWorkspace, runCli } from "./run-cli.js";

const answers = (p1: string, p2: string, p3: string, p4: string) =>
  `export const p1 = { ${p1} };\nexport const p2 = { ${p2} };\nexport const p3 = { ${p3} };\nexport const p4 = { ${p4} };\n`;

async function workspace(problems?: string): Promise<string> {
  const cwd = await initWorkspace();
  if (problems !== undefined) writeFileSync(join(cwd, "problems.ts"), problems);
  return cwd;
}

describe("autograd-ex check p1 … p4", () => {
  it("reports the template's blanks as not attempted, exit 1", async () => {
    const run = await runCli(["check", "p1", "p4"], await workspace());
    expect(run.code).toBe(1);
    expect(run.out).toContain("problems.ts — Problem 1: ∂e/∂c and ∂e/∂d\n  – problem_1  not attempted");
    expect(run.out).toContain(NO_ANSWERS("problems.ts"));
    expect(run.out.trimEnd().split("\n").pop()).toBe("0 passed, 0 failed, 2 not attempted");
  });

  it("passes right answers in any equivalent form, exit 0", async () => {
    const cwd = await workspace(
      answers('de_dc: "(e/c)", de_dd: "a + b"', 'dc_da: "1", dc_db: "c/c", dd_db: "1"', 'de_da: "b + 1", de_db: "c + d"', 'de_da: 2, de_db: "5"'),
    );
    const run = await runCli(["check", "p1", "p2", "p3", "p4"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toContain("  ✓ problem_3");
    expect(run.out.trimEnd().split("\n").pop()).toBe("4 passed, 0 failed");
  });

  it("fails near misses and unreadable answers, saying where, exit 1", async () => {
    const cwd = await workspace(answers('de_dc: "c", de_dd: "c +"', 'dc_da: "", dc_db: "", dd_db: ""', 'de_da: "", de_db: ""', 'de_da: "", de_db: ""'));
    const run = await runCli(["check", "p1"], cwd);
    expect(run.code).toBe(1);
    expect(run.out).toContain("      ✗ ∂e/∂c\n          not ∂e/∂c: at a = -1.25, b = -3.25 (so c = -4.5, d = -2.25, e = 10.125) your answer is -4.5\n");
    expect(run.out).toContain(`      ✗ ∂e/∂d\n          ${CANNOT_READ("c +", "unexpected end of expression")}\n          > 1 | c +\n              |    ^\n`);
    expect(run.out).toContain("  hint: Hold the other variable still");
  });

  it("prints JSON with the answers as written and no expected values", async () => {
    const cwd = await workspace(answers('de_dc: "d", de_dd: "d"', "", "", ""));
    const report = JSON.parse((await runCli(["check", "p1", "--json"], cwd)).out);
    expect(report.status).toBe("fail");
    expect(report.checks[0].assertions).toEqual([
      { text: "∂e/∂c", status: "pass", expected: null, actual: "d", points: 1 },
      { text: "∂e/∂d", status: "fail", expected: null, actual: "d", points: 1 },
    ]);
  });

  it("reports a syntax error in problems.ts with its place, and a problem it no longer exports", async () => {
    const broken = await runCli(["check", "p1"], await workspace('export const p1 = { de_dc: "d" \n'));
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('problems.ts:2:1: Expected "}" but found end of file\n\n        1 | export const p1 = { de_dc: "d"\n      > 2 |\n          | ^\n');
    const missing = await runCli(["check", "p2"], await workspace('export const p1 = { de_dc: "d", de_dd: "c" };\n'));
    expect(missing.out).toContain(MISSING_PROBLEM("problems.ts", "p2"));
  });

  it("asks for init when a workspace made before problems.ts has none", async () => {
    const cwd = await workspace();
    rmSync(join(cwd, "problems.ts"));
    const run = await runCli(["check", "p1"], cwd);
    expect(run.code).toBe(1);
    expect(run.out).toContain(MISSING_FILE("problems.ts"));
  });

  it.each([
    ["an unknown problem", ["check", "p9"], UNKNOWN_PROBLEM("p9", ["p1", "p2", "p3", "p4"])],
    ["problems mixed with questions", ["check", "q1", "p1"], PROBLEMS_APART],
  ])("exits 2 with one line for %s", async (_, args, message) => {
    const run = await runCli(args, await workspace());
    expect(run.code).toBe(2);
    expect(run.err).toBe(`autograd-ex: ${message}\n`);
  });
});

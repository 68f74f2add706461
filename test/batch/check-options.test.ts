// `autograd-ex check` as CI and instructors run it: --report files, GitHub Actions, --config and the workspace's
// own autograd-ex.json, and reports that are written even when nothing could be graded.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/cli/check.js";
import { paths } from "../../src/grader/paths.js";
import { runCli, tempDir } from "../cli/run-cli.js";

const reference = join(paths.root, "test", "solutions", "reference");

async function workspace(solutions = reference): Promise<string> {
  const cwd = tempDir();
  await runCli(["init"], cwd);
  for (const file of readdirSync(solutions)) copyFileSync(join(solutions, file), join(cwd, file));
  return cwd;
}

function capture(cwd: string) {
  const io = { out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), color: false, cwd, stdout: "", stderr: "" };
  return io;
}

describe("check --report", () => {
  it("writes every report asked for, next to the text report", async () => {
    const cwd = await workspace();
    const run = await runCli(["check", "q1", "q2", "q3", "--report", "junit", "--report", "tap:out/run.tap", "--report", "gradescope:gs/results.json"], cwd);
    expect(run.code).toBe(0);
    expect(run.out.trimEnd().split("\n").pop()).toBe("4 passed, 0 failed");
    expect(readFileSync(join(cwd, "autograd-ex-junit.xml"), "utf8")).toContain('<testsuites name="autograd-ex" tests="4" failures="0" errors="0" skipped="0"');
    expect(readFileSync(join(cwd, "out", "run.tap"), "utf8")).toMatch(/^TAP version 14\n1\.\.4\n/);
    expect(JSON.parse(readFileSync(join(cwd, "gs", "results.json"), "utf8")).tests.map((t: { score: number }) => t.score)).toEqual([2, 2, 3, 3]);
  });

  it("sends one report to standard output instead of the text report, and refuses two", async () => {
    const cwd = await workspace();
    const run = await runCli(["check", "q2", "--report", "tap:-"], cwd);
    expect(run.out).toMatch(/^TAP version 14\n1\.\.1\n# autograd-ex .*\nok 1 - q2: check_q2\n# Score: 3\/3\n$/);
    const both = await runCli(["check", "q2", "--report", "tap:-", "--json"], cwd);
    expect([both.code, both.err]).toEqual([2, "autograd-ex: only one report can go to standard output\n"]);
  });

  it("exits 2 with one line for an unknown format", async () => {
    const run = await runCli(["check", "--report", "xml"], tempDir());
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown report format "xml" (the formats are junit, tap, github, gradescope)');
  });

  it("writes the reports, every check an error, when there is nothing to grade, then exits 2", async () => {
    const cwd = tempDir();
    const run = await runCli(["check", "--report", "gradescope:results.json", "--report", "junit"], cwd);
    expect(run.code).toBe(2);
    expect(run.err.trimEnd().split("\n")).toHaveLength(1);
    const results = JSON.parse(readFileSync(join(cwd, "results.json"), "utf8"));
    expect(results.tests).toHaveLength(4);
    for (const test of results.tests) expect(test).toMatchObject({ score: 0, status: "failed", output: expect.stringMatching(/^not gradable: no exercises found in /) });
    expect(readFileSync(join(cwd, "autograd-ex-junit.xml"), "utf8").match(/<error message="not gradable: /g)).toHaveLength(4);
  });
});

describe("check on GitHub Actions", () => {
  it("fences the report, annotates the failures and appends the job summary, without being asked", async () => {
    const cwd = await workspace(join(paths.root, "test", "solutions", "wrong"));
    writeFileSync(join(cwd, "q1.ts"), 'console.log("::error::all good");\n' + readFileSync(join(cwd, "q1.ts"), "utf8"));
    const io = capture(cwd);
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(cwd, "summary.md"), GITHUB_WORKSPACE: cwd };
    expect(await check(["q1", "q2", "q3"], { dir: ".", json: false, report: [] }, io, env)).toBe(1);
    const token = /^::stop-commands::([0-9a-f]{32})\n/.exec(io.stdout)![1];
    const [fencedPart, annotations] = io.stdout.split(`::${token}::\n`);
    expect(fencedPart).toContain("Output of q1.ts");
    expect(annotations.trimEnd().split("\n")).toEqual([
      // one line down: the console.log added above
      "::error file=q1.ts,line=5,title=check_q1%3A q1(x) is 0 for x = [-1]::✗ q1(x) is 0 for x = [-1]%0A    expected 0, got -1 (max difference 1)%0A✓ q1(x) is 1 for x = [1]",
      expect.stringMatching(/^::error file=q1.ts,line=10,title=check_grad_q1%3A /),
      expect.stringMatching(/^::error file=q2.ts,line=4,title=check_q2%3A df\/dx at \(x%2C y%2C z\) = \(4%2C 5%2C 6\)::/),
      expect.stringMatching(/^::error file=q3.ts,line=4,title=check_q3%3A df\/dx for x = randn\(5\) after manual_seed\(0\)::/),
    ]);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8")).toMatch(/^## autograd-ex: Score 4\/10\n/);
  });
});

describe("check --config and autograd-ex.json", () => {
  it("grades with the workspace's own configuration: its points, questions and hints", async () => {
    const cwd = await workspace(join(paths.root, "test", "solutions", "wrong"));
    writeFileSync(join(cwd, "autograd-ex.json"), JSON.stringify({ questions: ["q3"], checks: { check_q3: { points: [4, 1, 1] } }, hints: { q3: "Weights first." } }));
    const run = await runCli(["check"], cwd);
    expect(run.out).toContain("hint: Weights first.");
    expect(run.out).not.toContain("q1.ts");
    expect(run.out.trimEnd().split("\n").slice(-2)).toEqual(["Score: 2/6", "0 passed, 1 failed"]);
  });

  it("takes --config over the workspace's file, and exits 2 naming the wrong field", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "autograd-ex.json"), JSON.stringify({ questions: ["q3"] }));
    writeFileSync(join(cwd, "instructor.json"), JSON.stringify({ questions: ["q2"], checks: { check_q2: { points: 6 } } }));
    expect((await runCli(["check", "--config", "instructor.json"], cwd)).out.trimEnd().split("\n").slice(-2)).toEqual(["Score: 6/6", "1 passed, 0 failed"]);
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ checks: { check_q2: { points: "six" } } }));
    const bad = await runCli(["check", "--config", "bad.json"], cwd);
    expect([bad.code, bad.err]).toEqual([2, `autograd-ex: ${join(cwd, "bad.json")}: checks.check_q2.points: Invalid input\n`]);
  });

  it("hides a randomized check's expected values at hidden_detail actual-only", async () => {
    const cwd = await workspace(join(paths.root, "test", "solutions", "wrong"));
    writeFileSync(join(cwd, "autograd-ex.json"), JSON.stringify({ questions: ["q2"], randomized: true, hidden_detail: "actual-only" }));
    const run = await runCli(["check", "--json"], cwd);
    const [open, hidden] = JSON.parse(run.out).checks;
    expect(open.assertions[0].expected).toBe(56.46809387207031);
    expect(hidden.assertions.map((a: { expected: unknown }) => a.expected)).toEqual(Array(9).fill(null));
    expect(hidden.assertions[0].actual).toEqual(expect.any(Number));
    expect(existsSync(join(cwd, "results.json"))).toBe(false);
  });
});

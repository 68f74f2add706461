import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { runCli, tempDir } from "./run-cli.js";

const reference = join(paths.root, "test", "solutions", "reference");

async function workspace(): Promise<string> {
  const cwd = tempDir();
  await runCli(["init"], cwd);
  return cwd;
}

describe("autograd-ex check", () => {
  it("reports stubs as not attempted and exits 1", async () => {
    const run = await runCli(["check"], await workspace());
    expect(run.code).toBe(1);
    expect(run.out).toContain("– check_q2  not attempted");
    expect(run.out).toContain("q2 returns nothing yet: write your solution at the TODO in q2.ts");
    expect(run.out.trimEnd().split("\n").pop()).toBe("0 passed, 0 failed, 4 not attempted");
  });

  it("passes the reference solutions and exits 0", async () => {
    const cwd = await workspace();
    for (const file of readdirSync(reference)) copyFileSync(join(reference, file), join(cwd, file));
    const run = await runCli(["check", "q2", "q3"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toContain("✓ df/dz at (x, y, z) = (4, 5, 6)");
    expect(run.out.trimEnd().split("\n").pop()).toBe("2 passed, 0 failed");
  });

  it("shows the results, then fails in one line, when a report cannot be written", async () => {
    const cwd = await workspace();
    for (const file of readdirSync(reference)) copyFileSync(join(reference, file), join(cwd, file));
    const run = await runCli(["check", "q2", "--report", "junit:q2.ts/report.xml", "--report", "tap:out/q2.tap"], cwd);
    expect(run.code).toBe(2);
    expect(run.out.trimEnd().split("\n").pop()).toBe("1 passed, 0 failed");
    expect(run.err).toMatch(/^autograd-ex: cannot write the report to .*q2\.ts\/report\.xml: EEXIST[^\n]*\n$/);
    expect(readdirSync(join(cwd, "out"))).toEqual(["q2.tap"]);
  });

  it("prints one JSON object with --json", async () => {
    const run = await runCli(["check", "q2", "--json"], await workspace());
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toEqual({
      status: "fail",
      summary: { passed: 0, failed: 0, errors: 0, not_attempted: 1 },
      score: { score: 0, max_score: 3 },
      seed: null,
      grader: { name: "autograd-ex", version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      files_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      files: [{ path: "q2.ts", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      checks: [
        {
          question: "q2",
          name: "check_q2",
          randomized: false,
          status: "not_attempted",
          message: "q2 returns nothing yet: write your solution at the TODO in q2.ts",
          score: 0,
          max_score: 3,
          assertions: [
            { text: "df/dx at (x, y, z) = (4, 5, 6)", status: "not_attempted", expected: 56.46809387207031, actual: null, points: 1 },
            { text: "df/dy at (x, y, z) = (4, 5, 6)", status: "not_attempted", expected: 119.21041870117188, actual: null, points: 1 },
            { text: "df/dz at (x, y, z) = (4, 5, 6)", status: "not_attempted", expected: 181.95274353027344, actual: null, points: 1 },
          ],
          duration_ms: expect.any(Number),
        },
      ],
    });
  });

  it("colours only when asked to (a terminal without NO_COLOR)", async () => {
    const cwd = await workspace();
    expect((await runCli(["check", "q2"], cwd, false)).out).not.toContain("\x1b[");
    expect((await runCli(["check", "q2"], cwd, true)).out).toContain("\x1b[33m–\x1b[39m");
  });

  it.each([
    ["an unknown question", ["check", "q9"], 'autograd-ex: unknown question "q9" (the questions are q1, q2, q3)\n'],
    ["a directory that is not there", ["check", "--dir", "nowhere"], "autograd-ex: no such directory: "],
    ["a directory without exercises", ["check", "--dir", "."], 'autograd-ex: no exercises found in '],
  ])("exits 2 with one line for %s", async (_, args, message) => {
    const run = await runCli(args, tempDir());
    expect(run.code).toBe(2);
    expect(run.err.startsWith(message)).toBe(true);
    expect(run.err.trimEnd().split("\n")).toHaveLength(1);
    expect(run.out).toBe("");
  });

  it("exits 2 on a bad --timeout, and reports usage errors as JSON with --json", async () => {
    expect((await runCli(["check", "--timeout", "-1"], tempDir())).code).toBe(2);
    const run = await runCli(["check", "q9", "--json"], tempDir());
    expect(JSON.parse(run.out)).toMatchObject({ status: "error", message: 'unknown question "q9" (the questions are q1, q2, q3)', checks: [] });
  });
});

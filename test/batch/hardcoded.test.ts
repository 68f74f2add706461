// Hard-coded answers pass the public checks and fail the randomized ones, and the report says so honestly; the
// seed reproduces the run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../cli/run-cli.js";
import { VARIANTS } from "./workspaces.js";

async function workspace(variant: string): Promise<string> {
  const cwd = tempDir();
  await runCli(["init"], cwd);
  for (const question of ["q1", "q2", "q3"] as const) {
    for (const [file, text] of Object.entries(VARIANTS[question][variant].files)) writeFileSync(join(cwd, file), text);
  }
  return cwd;
}

describe("hard-coded solutions", () => {
  it("pass every public check", async () => {
    const run = await runCli(["check", "q1", "q2", "q3"], await workspace("hardcoded"));
    expect(run.code).toBe(0);
    expect(run.out.trimEnd().split("\n").slice(-2)).toEqual(["Score: 10/10", "4 passed, 0 failed"]);
  });

  it("fail the randomized ones, and the report never says all passed", async () => {
    const cwd = await workspace("hardcoded");
    const run = await runCli(["check", "q1", "q2", "q3", "--seed", "31337"], cwd);
    expect(run.code).toBe(1);
    expect(run.out).toContain("✗ random_q1  error");
    expect(run.out).toContain("q1 threw ValueError: only one element tensors can be converted to Python scalars");
    expect(run.out).toMatch(/✗ random_grad_q1 {2}\d+ ms\n {6}[✓✗] grad_q1/);
    expect(run.out.trimEnd().split("\n").slice(-4)).toEqual([
      "Randomized checks from seed 31337: rerun them with --seed 31337",
      "All public checks passed; 4 randomized checks failed.",
      "Score: 20/41",
      "5 passed, 3 failed, 1 error",
    ]);
    expect(run.out).not.toMatch(/all passed|All public and randomized checks passed/);
  });

  it("get the same randomized checks from the same seed, and others from another", async () => {
    const cwd = await workspace("reference");
    const checks = async (seed: string) => JSON.parse((await runCli(["check", "--seed", seed, "--json"], cwd)).out).checks.filter((c: { randomized: boolean }) => c.randomized);
    const [a, b, c] = [await checks("7"), await checks("7"), await checks("8")];
    const texts = (list: { assertions: { text: string }[] }[]) => list.flatMap((check) => check.assertions.map((x) => x.text));
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).not.toEqual(texts(c));
    expect(a.every((check: { status: string }) => check.status === "pass")).toBe(true);
  });
});

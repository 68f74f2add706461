import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { runCli, tempDir } from "./run-cli.js";

describe("autograd-ex list", () => {
  it("shows each question, its file and where it stands", async () => {
    const cwd = tempDir();
    await runCli(["init"], cwd);
    copyFileSync(join(paths.root, "test", "solutions", "reference", "q2.ts"), join(cwd, "q2.ts"));
    copyFileSync(join(paths.root, "test", "solutions", "wrong", "q3.ts"), join(cwd, "q3.ts"));
    rmSync(join(cwd, "q1.ts"));
    const run = await runCli(["list"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      [
        "q1  ReLU from autograd operations      q1.ts  missing",
        "q2  Partial derivatives of f(x, y, z)  q2.ts  passed",
        "q3  Gradients of a perceptron          q3.ts  failed",
        "",
      ].join("\n"),
    );
  });
});

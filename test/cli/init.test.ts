import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli.js";

const FILES = ["q1.ts", "q2.ts", "q3.ts", "problems.ts", "README.md", "tsconfig.json", ".gitignore", ".github/workflows/check.yml", "package.json"];

describe("autograd-ex init", () => {
  it("writes the stubs and a workspace around them", async () => {
    const cwd = tempDir();
    const run = await runCli(["init", "my-autograd"], cwd);
    expect(run.code).toBe(0);
    for (const file of FILES) expect(existsSync(join(cwd, "my-autograd", file)), file).toBe(true);
    expect(run.out).toContain("Wrote 9 files in my-autograd");
    const pkg = JSON.parse(readFileSync(join(cwd, "my-autograd", "package.json"), "utf8"));
    expect(pkg).toEqual({
      name: "my-autograd",
      private: true,
      type: "module",
      scripts: { check: "autograd-ex check" },
      devDependencies: { "autograd-ex": "^0.1.0" },
    });
    expect(readFileSync(join(cwd, "my-autograd", "q1.ts"), "utf8")).toContain("const zero = Variable(torch.FloatTensor([0]));");
    expect(readFileSync(join(cwd, "my-autograd", ".github/workflows/check.yml"), "utf8")).toContain("npx autograd-ex check");
  });

  it("never overwrites: a second run writes nothing and lists what it skipped", async () => {
    const cwd = tempDir();
    await runCli(["init"], cwd);
    writeFileSync(join(cwd, "q2.ts"), "my work");
    const run = await runCli(["init"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Wrote 0 files in .");
    expect(run.out).toContain("Skipped 9 that already exist (--force overwrites them):\n  q1.ts\n  q2.ts");
    expect(readFileSync(join(cwd, "q2.ts"), "utf8")).toBe("my work");
  });

  it("overwrites with --force", async () => {
    const cwd = tempDir();
    await runCli(["init"], cwd);
    writeFileSync(join(cwd, "q2.ts"), "my work");
    await runCli(["init", "--force"], cwd);
    expect(readFileSync(join(cwd, "q2.ts"), "utf8")).toContain("export function q2(");
  });
});

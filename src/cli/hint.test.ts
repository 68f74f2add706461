import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initWorkspace, runCli, tempDir } from "../../test/cli/run-cli.js";
import { paths } from "../grader/paths.js";
import { LAST, MORE, STATE_FILE } from "./hint.js";

const manifest = JSON.parse(readFileSync(join(paths.root, "exercises", "manifest.json"), "utf8"));
const hintsOf = (id: string): string[] => [...manifest.questions, ...manifest.problems].find((q: { id: string }) => q.id === id).hints;

const workspace = () => initWorkspace();

describe("autograd-ex hint", () => {
  it("shows one more hint each time, remembers it in the workspace, and says when there are no more", async () => {
    const cwd = await workspace();
    const hints = hintsOf("q2");
    const first = await runCli(["hint", "q2"], cwd);
    expect(first.code).toBe(0);
    expect(first.out.replace(/\n   /g, " ")).toBe(`q2 — Partial derivatives of f(x, y, z): hint 1 of 4\n\n1. ${hints[0]}\n\n${MORE("q2")}\n`);
    const second = await runCli(["hint", "q2"], cwd);
    expect(second.out.replace(/\n   /g, " ")).toContain(`hint 2 of 4\n\n1. ${hints[0]}\n2. JavaScript's`);
    expect(JSON.parse(readFileSync(join(cwd, STATE_FILE), "utf8"))).toEqual({ hints: { q2: 2 } });
    await runCli(["hint", "q2"], cwd);
    const fourth = await runCli(["hint", "q2"], cwd);
    const fifth = await runCli(["hint", "q2"], cwd);
    expect(fourth.out).toContain(`hint 4 of 4`);
    expect(fourth.out.trimEnd().endsWith(LAST("q2"))).toBe(true);
    expect(fifth.out).toBe(fourth.out);
  });

  it("keeps each question's count apart, written problems too", async () => {
    const cwd = await workspace();
    await runCli(["hint", "q1"], cwd);
    const run = await runCli(["hint", "p3"], cwd);
    expect(run.out).toContain("p3 — Problem 3: ∂e/∂a and ∂e/∂b by the chain rule: hint 1 of 3\n\n1. The chain rule:");
    expect(JSON.parse(readFileSync(join(cwd, STATE_FILE), "utf8"))).toEqual({ hints: { q1: 1, p3: 1 } });
  });

  it("shows every hint with --all, wrapped under its number", async () => {
    const run = await runCli(["hint", "q3", "--all"], await workspace());
    expect(run.out).toContain("hint 4 of 4");
    expect(run.out).toContain(
      "2. Draw the weights (5 numbers) with torch.randn first and the bias (1 number) second: the check\n   replays the same random numbers",
    );
    const hintLines = run.out.split("\n").filter((line) => /^(\d\. | {3})/.test(line));
    expect(hintLines.length).toBeGreaterThan(4);
    expect(hintLines.every((line) => line.length <= 100)).toBe(true);
  });

  it("starts again from a damaged state file", async () => {
    const cwd = await workspace();
    await runCli(["hint", "q1"], cwd);
    writeFileSync(join(cwd, STATE_FILE), "{ not json");
    expect((await runCli(["hint", "q1"], cwd)).out).toContain("hint 1 of 4");
  });

  it("never gives the solution: no hint holds the code that answers", () => {
    const all = [...manifest.questions, ...manifest.problems].flatMap((q: { hints: string[] }) => q.hints).join("\n");
    for (const answer of ["torch.max(x, zero)", ".backward();", "x.grad", "w.dot(x)", "return [", "c + d", "d + c", "is 5", "is 2"]) {
      expect(all).not.toContain(answer);
    }
  });

  it.each([
    ["an unknown question", ["hint", "q9"], 'autograd-ex: unknown question "q9" (the questions are q1, q2, q3, p1, p2, p3, p4)\n'],
    ["a folder that is no workspace", ["hint", "q1", "--dir", "."], "autograd-ex: no exercises found in "],
  ])("exits 2 for %s", async (_, args, message) => {
    const run = await runCli(args, tempDir());
    expect(run.code).toBe(2);
    expect(run.err.startsWith(message)).toBe(true);
  });
});

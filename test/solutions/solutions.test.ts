// Every check fails on the stubs as shipped, passes on the reference solutions, and fails on the known-wrong
// ones with the assertions PyTorch says are wrong (see the comments in wrong/).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/grader/child.js";
import { grade } from "../../src/grader/grade.js";
import { paths } from "../../src/grader/paths.js";
import { loadManifest } from "../../src/grader/spec.js";

const questions = loadManifest().questions;

async function statuses(dir: string) {
  const reports = await grade(dir, questions, DEFAULT_LIMITS);
  return Object.fromEntries(reports.flatMap((r) => r.checks.map((c) => [c.name, [c.status, ...c.assertions.map((a) => a.status)]])));
}

describe("the exercises", () => {
  it("are all not attempted as shipped", async () => {
    expect(await statuses(paths.exercises)).toEqual({
      check_q1: ["not_attempted", "not_attempted", "not_attempted"],
      check_grad_q1: ["not_attempted", "not_attempted", "not_attempted"],
      check_q2: ["not_attempted", "not_attempted", "not_attempted", "not_attempted"],
      check_q3: ["not_attempted", "not_attempted", "not_attempted", "not_attempted"],
    });
  });

  it("all pass with the reference solutions", async () => {
    expect(await statuses(join(paths.root, "test", "solutions", "reference"))).toEqual({
      check_q1: ["pass", "pass", "pass"],
      check_grad_q1: ["pass", "pass", "pass"],
      check_q2: ["pass", "pass", "pass", "pass"],
      check_q3: ["pass", "pass", "pass", "pass"],
    });
  });

  it("fail on the known-wrong solutions exactly where the answers differ", async () => {
    expect(await statuses(join(paths.root, "test", "solutions", "wrong"))).toEqual({
      check_q1: ["fail", "fail", "pass"], // q1 returns x: -1 instead of 0
      check_grad_q1: ["fail", "fail", "pass"], // the gradient of x is 1 everywhere
      check_q2: ["fail", "fail", "fail", "fail"], // (y − 3)³ changes all three partials
      check_q3: ["fail", "fail", "pass", "pass"], // bias first: w, and so df/dx, are other numbers
    });
  });
});

// The Gradescope report against Gradescope's autograder specification (results.json), written out as a schema:
// the fields it knows, their types and allowed values, and a score on every test since there is no top-level one.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { brokenGrading, sampleGrading } from "../../test/helpers/gradings.js";
import { gradescopeReport } from "./report-gradescope.js";

const format = z.enum(["text", "html", "simple_format", "md", "ansi"]);
const visibility = z.enum(["hidden", "after_due_date", "after_published", "visible"]);
const GradescopeTest = z.strictObject({
  score: z.number(),
  max_score: z.number().optional(),
  status: z.enum(["passed", "failed"]).optional(),
  name: z.string().optional(),
  name_format: format.optional(),
  number: z.string().optional(),
  output: z.string().optional(),
  output_format: format.optional(),
  tags: z.array(z.string()).optional(),
  visibility: visibility.optional(),
  extra_data: z.record(z.string(), z.unknown()).optional(),
});
const GradescopeResults = z.strictObject({
  score: z.number().optional(),
  execution_time: z.number().int().nonnegative().optional(),
  output: z.string().optional(),
  output_format: format.optional(),
  test_output_format: format.optional(),
  test_name_format: format.optional(),
  visibility: visibility.optional(),
  stdout_visibility: visibility.optional(),
  extra_data: z.record(z.string(), z.unknown()).optional(),
  tests: z.array(GradescopeTest),
});

describe("gradescopeReport", () => {
  it("follows Gradescope's results.json specification", () => {
    const parsed = GradescopeResults.safeParse(JSON.parse(gradescopeReport(sampleGrading())));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("has a test per check with its partial score, status, number and visibility", () => {
    const results = JSON.parse(gradescopeReport(sampleGrading()));
    expect(results.tests.map((t: { number: string }) => t.number)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "3.1", "3.2"]);
    expect(results.tests[1]).toEqual({
      name: "q1: check_grad_q1",
      number: "1.2",
      score: 1,
      max_score: 2,
      status: "failed",
      output: "✗ grad_q1(x) is 0 for x = [-10]\n    expected 0, got 1 (max difference 1)\n✓ grad_q1(x) is 1 for x = [100]",
      output_format: "text",
      visibility: "visible",
      tags: ["q1", "public"],
    });
    expect(results.tests[2]).toMatchObject({ name: "q1: random_q1", status: "failed", visibility: "after_published", tags: ["q1", "randomized"] });
    const total = results.tests.reduce((sum: number, t: { score: number }) => sum + t.score, 0);
    expect(total).toBe(3);
    expect(results.score).toBeUndefined(); // the tests' scores add up to the grade
  });

  it("says the score, the headline, the seed, the version and the files' hash in its output", () => {
    const results = JSON.parse(gradescopeReport(sampleGrading()));
    expect(results.output).toBe(`1 of 4 public checks passed; 5 randomized checks failed.\nScore: 3/41\nRandomized checks from seed 7.\nautograd-ex 0.1.0, graded files sha256 ${"f".repeat(64)}`);
    expect(results.extra_data).toMatchObject({ autograd_ex_version: "0.1.0", files_sha256: "f".repeat(64), seed: 7 });
  });

  it("is still a valid results.json, every test failed with the reason, when nothing could be graded", () => {
    const results = JSON.parse(gradescopeReport(brokenGrading()));
    expect(GradescopeResults.safeParse(results).success).toBe(true);
    expect(results.tests.map((t: { status: string; score: number; output: string }) => [t.status, t.score, t.output])).toEqual(
      Array(4).fill(["failed", 0, "not gradable: no exercises found"]),
    );
  });
});

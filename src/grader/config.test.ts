// autograd-ex.json: what it may say, the message naming the field when it is wrong, and what it changes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli/run-cli.js";
import { DEFAULT_LIMITS } from "./child.js";
import { CONFIG_FILE, gradeSettings, loadConfig, parseConfig, pointsOf, withHints } from "./config.js";
import { questionChecks } from "./grade.js";
import { paths } from "./paths.js";
import { loadManifest } from "./spec.js";

const manifest = loadManifest();
const parse = (config: unknown) => parseConfig(JSON.stringify(config), "autograd-ex.json", manifest);
const problem = (config: unknown) => {
  try {
    parse(config);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
};

describe("parseConfig", () => {
  it("accepts the instructor template's configuration", () => {
    const text = readFileSync(join(paths.exercises, "instructor", "autograd-ex.json"), "utf8");
    expect(parseConfig(text, "autograd-ex.json", manifest)).toMatchObject({ randomized: true, hidden_detail: "actual-only", checks: { random_q2: { points: 6 } } });
  });

  it.each([
    [{ pionts: 3 }, 'autograd-ex.json: pionts: unknown field'],
    [{ timeout: "3" }, "autograd-ex.json: timeout: Invalid input: expected number, received string"],
    [{ timeout: 0 }, "autograd-ex.json: timeout: Too small: expected number to be >0"],
    [{ hidden_detail: "some" }, 'autograd-ex.json: hidden_detail: Invalid option: expected one of "full"|"actual-only"|"none"'],
    [{ questions: ["q1", "q9"] }, "autograd-ex.json: questions[1]: unknown question (the questions are q1, q2, q3"],
    [{ hints: { q7: "think" } }, "autograd-ex.json: hints.q7: unknown question"],
    [{ checks: { check_q9: { points: 1 } } }, "autograd-ex.json: checks.check_q9: unknown check (the checks are check_q1, check_grad_q1, random_q1, random_grad_q1, slope_grad_q1, check_q2, random_q2, check_q3, random_q3)"],
    [{ checks: { check_q2: { points: [1, 2] } } }, "autograd-ex.json: checks.check_q2.points: 2 values given, but check_q2 has 3 assertions"],
    [{ checks: { check_q2: { points: [1, -2, 1] } } }, "autograd-ex.json: checks.check_q2.points[1]: Too small: expected number to be >=0"],
    [{ checks: { check_q2: { point: 2 } } }, "autograd-ex.json: checks.check_q2.point: unknown field"],
  ])("names the field that is wrong: %j", (config, message) => {
    expect(problem(config)).toContain(message);
  });

  it("reports every wrong field in one line, and a file that is not JSON", () => {
    expect(problem({ timeout: -1, randomized: "yes" })).toBe(
      "autograd-ex.json: timeout: Too small: expected number to be >0; randomized: Invalid input: expected boolean, received string",
    );
    expect(() => parseConfig("{ points: 1 }", "autograd-ex.json", manifest)).toThrow(/^autograd-ex.json is not valid JSON: /);
  });
});

describe("loadConfig", () => {
  it("reads --config, else the workspace's own file, else none", () => {
    const dir = tempDir();
    expect(loadConfig(undefined, dir, manifest)).toBeNull();
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify({ timeout: 5 }));
    expect(loadConfig(undefined, dir, manifest)).toEqual({ timeout: 5 });
    expect(loadConfig(undefined, null, manifest)).toBeNull();
    expect(() => loadConfig(join(dir, "missing.json"), dir, manifest)).toThrow(/^cannot read .*missing.json: ENOENT/);
  });
});

describe("what a configuration changes", () => {
  const [checkQ2] = questionChecks("q2");

  it("shares a check's points among its assertions, or gives each its own; 1 each by default", () => {
    expect(pointsOf(undefined, checkQ2)).toEqual([1, 1, 1]);
    expect(pointsOf(6, checkQ2)).toEqual([2, 2, 2]);
    expect(pointsOf([1, 0, 4], checkQ2)).toEqual([1, 0, 4]);
  });

  it("lets the command line win: its timeout, and a seed that turns the randomized checks on", () => {
    const config = parse({ timeout: 5, checks: { check_q2: { timeout: 10, points: 6 } }, hidden_detail: "none" });
    const { limits, options } = gradeSettings(config, { timeout: 2, seed: 42 });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, timeoutMs: 2000 });
    expect(options.seed).toBe(42);
    expect(options.detail).toBe("none");
    expect(options.timeoutMs!("check_q2")).toBe(10_000);
    expect(options.timeoutMs!("check_q1")).toBeUndefined();
    expect(options.points!(checkQ2)).toEqual([2, 2, 2]);
    expect(gradeSettings(config, {}).limits.timeoutMs).toBe(5000);
    expect(gradeSettings(null, {}).limits.timeoutMs).toBe(3000);
  });

  it("draws a seed from the clock when randomized checks are asked for without one, and none otherwise", () => {
    expect(gradeSettings(null, {}).options.seed).toBeNull();
    const before = Date.now() % 2 ** 32;
    const seed = gradeSettings(parse({ randomized: true }), {}).options.seed!;
    expect(seed).toBeGreaterThanOrEqual(before);
    expect(gradeSettings(null, { randomized: true }).options.seed).toEqual(expect.any(Number));
  });

  it("puts its hints in place of the manifest's", () => {
    const [q1, q2] = withHints(manifest.questions.slice(0, 2), parse({ hints: { q2: "Use the chain rule." } }));
    expect(q2.hint).toBe("Use the chain rule.");
    expect(q1.hint).toBe(manifest.questions[0].hint);
  });
});

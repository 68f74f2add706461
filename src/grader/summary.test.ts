// Points: partial credit per assertion, totals without float noise, and how randomized checks' failures show.
import { describe, expect, it } from "vitest";
import { sampleGrading } from "../../test/helpers/gradings.js";
import { headline, textReport } from "./report-text.js";
import { allChecks, formatPoints, scoreCheck, totalScore } from "./summary.js";
import { withDetail, type CheckResult } from "./verdict.js";

const check = (statuses: ("pass" | "fail")[]): CheckResult => ({
  question: "q2",
  name: "check_q2",
  status: statuses.every((s) => s === "pass") ? "pass" : "fail",
  message: "",
  assertions: statuses.map((status, i) => ({ text: `a${i}`, status, expected: 1, actual: status === "pass" ? 1 : [0.5, 2], detail: "expected 1, got 0.5 (max difference 0.5)" })),
  duration_ms: 1,
});

describe("scoreCheck", () => {
  it("gives each assertion that passed its points: partial credit", () => {
    const scored = scoreCheck(check(["pass", "fail", "pass"]), [1, 2, 4], false);
    expect([scored.score, scored.max_score]).toEqual([5, 7]);
    expect(scored.assertions.map((a) => a.points)).toEqual([1, 2, 4]);
  });

  it("adds up shares such as thirds to what a person would write", () => {
    const third = scoreCheck(check(["pass", "pass", "pass"]), [1 / 3, 1 / 3, 1 / 3], false);
    expect(totalScore([third, third, third])).toEqual({ score: 3, max_score: 3 });
    expect(formatPoints(2 / 3)).toBe("0.67");
    expect(formatPoints(7)).toBe("7");
  });
});

describe("withDetail", () => {
  const failed = check(["fail", "pass"]);

  it("keeps what the solution returned and drops the expected values at actual-only", () => {
    expect(withDetail(failed, "actual-only").assertions).toEqual([
      { text: "a0", status: "fail", expected: null, actual: [0.5, 2], detail: "got [0.5, 2]" },
      { text: "a1", status: "pass", expected: null, actual: 1, detail: "expected 1, got 0.5 (max difference 0.5)" },
    ]);
  });

  it("drops every value at none, and changes nothing at full", () => {
    expect(withDetail(failed, "none").assertions.map(({ expected, actual, detail }) => [expected, actual, detail])).toEqual([[null, null, ""], [null, null, ""]]);
    expect(withDetail(failed, "full")).toBe(failed);
  });
});

describe("the text report's closing lines", () => {
  it("say honestly what passed: never all passed while a randomized check did not", () => {
    const grading = sampleGrading();
    for (const report of grading.reports) for (const c of report.checks) if (!c.randomized) Object.assign(c, { status: "pass" });
    expect(headline(allChecks(grading.reports))).toBe("All public checks passed; 5 randomized checks failed.");
    const lines = textReport(grading.reports, false, grading.seed).trimEnd().split("\n").slice(-4);
    expect(lines).toEqual([
      "Randomized checks from seed 7: rerun them with --seed 7",
      "All public checks passed; 5 randomized checks failed.",
      "Score: 3/41",
      "4 passed, 0 failed, 4 errors, 1 not attempted",
    ]);
  });

  it("have no headline or seed without randomized checks, and the score before the counts", () => {
    const grading = sampleGrading(null);
    expect(headline(allChecks(grading.reports))).toBeNull();
    expect(textReport(grading.reports, false).trimEnd().split("\n").slice(-2)).toEqual(["Score: 3/10", "1 passed, 1 failed, 1 error, 1 not attempted"]);
  });
});

// Progress through a batch: a bar that redraws itself on a terminal, a plain line per student in a log.
import { describe, expect, it } from "vitest";
import type { StudentReport } from "../grader/batch.js";
import { progress } from "./progress.js";

const student = (name: string, score: number): StudentReport =>
  ({ student: name, duration_ms: 812, status: score === 41 ? "pass" : "fail", score: { score, max_score: 41 } }) as StudentReport;

describe("progress", () => {
  it("prints a line per student when standard error is not a terminal", () => {
    let text = "";
    const bar = progress(12, false, (t) => void (text += t));
    bar.graded(student("alice", 41));
    bar.graded(student("bob\x1b[2J", 17));
    bar.finish();
    expect(text).toBe("[ 1/12] alice: 41/41 pass (812 ms)\n[ 2/12] bob: 17/41 fail (812 ms)\n");
  });

  it("redraws one bar in place on a terminal, with the rate, and clears it at the end", () => {
    let text = "", now = 0;
    const bar = progress(4, true, (t) => void (text += t), () => now);
    now = 2000;
    bar.graded(student("alice", 41));
    expect(text).toBe(`\r\x1b[2K[${"█".repeat(6)}${"░".repeat(18)}] 1/4  0.5/s  alice`);
    bar.graded(student("bob", 41));
    bar.finish();
    expect(text.endsWith(`\r\x1b[2K[${"█".repeat(12)}${"░".repeat(12)}] 2/4  1.0/s  bob\r\x1b[2K`)).toBe(true);
  });
});

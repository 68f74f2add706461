// The gradebook's CSV: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from "vitest";
import { gradeRow, type StudentReport } from "./batch.js";
import { gradesCsv, gradesTable } from "./gradebook.js";

const report = (student: string, scores: Record<string, number>, extra: Partial<StudentReport> = {}): StudentReport =>
  ({
    student,
    duration_ms: 1234,
    status: "fail",
    files_sha256: "ab",
    score: { score: Object.values(scores).reduce((a, b) => a + b, 0), max_score: 10 },
    checks: Object.entries(scores).map(([name, score]) => ({ name, score })),
    ...extra,
  }) as StudentReport;

describe("gradesCsv", () => {
  it("has a column per check, and quotes what needs quoting", () => {
    const csv = gradesCsv([report("ann", { check_q1: 2, check_q2: 1.5 }), report('o"brien, jr', { check_q1: 0 })], ["check_q1", "check_q2"]);
    expect(csv).toBe(
      "student,check_q1,check_q2,total,max,status,files_sha256,duration_ms\r\n" +
        "ann,2,1.5,3.5,10,fail,ab,1234\r\n" +
        '"o""brien, jr",0,,0,10,fail,ab,1234\r\n',
    );
  });

  it("keeps a name that starts like a formula as text", () => {
    const csv = gradesCsv([report("=HYPERLINK(\"x\")", {}), report("+1", {}), report("-2", {}), report("@sum", {})], []);
    expect(csv.trimEnd().split("\r\n").slice(1).map((row) => row.split(",")[0])).toEqual(['"\'=HYPERLINK(""x"")"', "'+1", "'-2", "'@sum"]);
  });
});

describe("gradesTable", () => {
  it("lines up student, score, status and time, with control characters taken out of names", () => {
    expect(gradesTable([report("ann", { a: 7 }), report("bob\x1b[31m", { a: 10 }, { status: "pass" })])).toBe(
      "Student  Score  Status  Time\nann      7/10   fail    1.2 s\nbob      10/10  pass    1.2 s\n",
    );
  });
});

describe("gradeRow", () => {
  it("keeps of a report only what the CSV and the table need, and they come out the same", () => {
    const full = report("ann", { check_q1: 2 }, {
      checks: [{ name: "check_q1", score: 2, message: "m".repeat(5000), assertions: [{ text: "t", status: "pass" }] }],
      seed: 7,
    } as unknown as Partial<StudentReport>);
    const row = gradeRow(full);
    expect(row).toEqual({ student: "ann", score: full.score, status: "fail", files_sha256: "ab", duration_ms: 1234, checks: [{ name: "check_q1", score: 2 }] });
    expect(gradesCsv([row], ["check_q1"])).toBe(gradesCsv([full], ["check_q1"]));
    expect(gradesTable([row])).toBe(gradesTable([full]));
  });
});

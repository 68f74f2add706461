// --report FORMAT[:PATH]: parsing, GitHub chosen on GitHub Actions, and where each report is written.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli/run-cli.js";
import { sampleGrading } from "../../test/helpers/gradings.js";
import { parseReport, reportsFailed, TWO_ON_STDOUT, UNKNOWN_FORMAT, withGithub, writeReports, type ReportRequest } from "./reports.js";

describe("parseReport", () => {
  it("reads a format and an optional path, which may hold colons", () => {
    expect(parseReport("junit")).toEqual({ format: "junit", path: null });
    expect(parseReport("tap:-")).toEqual({ format: "tap", path: "-" });
    expect(parseReport("gradescope:C:/out/results.json")).toEqual({ format: "gradescope", path: "C:/out/results.json" });
  });

  it("refuses an unknown format and an empty path", () => {
    expect(() => parseReport("xml")).toThrow(UNKNOWN_FORMAT("xml"));
    expect(() => parseReport("junit:")).toThrow("--report junit: empty path");
  });
});

describe("withGithub", () => {
  it("adds the github report on GitHub Actions only, and only once", () => {
    expect(withGithub([], { GITHUB_ACTIONS: "true" })).toEqual([{ format: "github", path: null }]);
    expect(withGithub([], {})).toEqual([]);
    expect(withGithub([{ format: "github", path: "s.md" }], { GITHUB_ACTIONS: "true" })).toEqual([{ format: "github", path: "s.md" }]);
  });
});

describe("writeReports", () => {
  it("writes each file report to its default path or the one given, and one report to standard output", () => {
    const cwd = tempDir();
    const written = writeReports(sampleGrading(), [{ format: "junit", path: null }, { format: "gradescope", path: "out/r.json" }, { format: "tap", path: "-" }], { cwd, env: {}, workspace: cwd });
    expect(written.files).toEqual([join(cwd, "autograd-ex-junit.xml"), join(cwd, "out", "r.json")]);
    expect(readFileSync(join(cwd, "autograd-ex-junit.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(JSON.parse(readFileSync(join(cwd, "out", "r.json"), "utf8")).tests).toHaveLength(9);
    expect(written.stdout).toMatch(/^TAP version 14\n/);
  });

  it("appends the GitHub summary to $GITHUB_STEP_SUMMARY and returns the annotations", () => {
    const cwd = tempDir();
    const env = { GITHUB_STEP_SUMMARY: join(cwd, "summary.md"), GITHUB_WORKSPACE: cwd };
    writeReports(sampleGrading(), [{ format: "github", path: null }], { cwd, env, workspace: cwd });
    const written = writeReports(sampleGrading(), [{ format: "github", path: null }], { cwd, env, workspace: cwd });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8").match(/## autograd-ex: Score 3\/41/g)).toHaveLength(2);
    expect(written.annotations).toMatch(/^::error file=q1.ts,line=1,title=check_grad_q1/);
    expect(existsSync(join(cwd, "autograd-ex-junit.xml"))).toBe(false);
  });

  it("refuses two reports on standard output, and says where it could not write", () => {
    const cwd = tempDir();
    expect(() => writeReports(sampleGrading(), [{ format: "tap", path: "-" }, { format: "junit", path: "-" }], { cwd, env: {}, workspace: cwd })).toThrow(TWO_ON_STDOUT);
    writeFileSync(join(cwd, "file"), "");
    const requests: ReportRequest[] = [{ format: "junit", path: "file/x.xml" }, { format: "tap", path: "ok.tap" }];
    // where Node's own recursive mkdirSync never returns
    if (process.platform === "linux") requests.push({ format: "junit", path: "/proc/autograd-ex/x.xml" });
    const written = writeReports(sampleGrading(), requests, { cwd, env: {}, workspace: cwd });
    expect(written.files).toEqual([join(cwd, "ok.tap")]);
    expect(written.failed[0]).toMatch(`cannot write the report to ${join(cwd, "file", "x.xml")}: EEXIST`);
    if (process.platform === "linux") expect(written.failed[1]).toMatch("cannot write the report to /proc/autograd-ex/x.xml: ENOENT");
    expect(reportsFailed(written)?.message).toBe(`${written.failed[0]}${written.failed.length > 1 ? " (and 1 more reports not written)" : ""}`);
    expect(reportsFailed({ ...written, failed: [] })).toBeNull();
  });
});

// The JUnit report against what GitLab and Jenkins accept: well-formed XML (libxml2's parser) valid against the
// JUnit schema in test/fixtures/junit.xsd, with counts that match its testcases.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";
import { describe, expect, it } from "vitest";
import { brokenGrading, sampleGrading } from "../../test/helpers/gradings.js";
import { paths } from "./paths.js";
import { junitReport } from "./report-junit.js";

const schema = readFileSync(join(paths.root, "test", "fixtures", "junit.xsd"), "utf8");

async function validate(xml: string) {
  const result = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [schema] });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

const count = (xml: string, pattern: RegExp) => (xml.match(pattern) ?? []).length;

describe("junitReport", () => {
  it("is valid JUnit XML with every outcome, and hostile text from the solution", async () => {
    const xml = junitReport(sampleGrading());
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it("has a testcase per check, classname the question, and failure vs. error vs. skipped", () => {
    const xml = junitReport(sampleGrading());
    expect(xml).toContain('<testcase name="check_q1" classname="q1" time="0.012"/>');
    expect(xml).toMatch(/<testcase name="check_grad_q1" classname="q1" time="0.012">\n {6}<failure message="1 of 2 assertions failed" type="fail">/);
    expect(xml).toMatch(/<testcase name="random_grad_q1" classname="q1" time="0.500">\n {6}<error message="stopped after 0.5 s: the check did not finish/);
    expect(xml).toMatch(/<testcase name="check_q2" classname="q2" time="0.012">\n {6}<skipped message="q2 returns nothing yet/);
    expect(xml).toContain('<error message="the process running your solution exited with code 0 (does the code call process.exit?)" type="error">');
    expect(xml).toContain('<testsuites name="autograd-ex" tests="9" failures="1" errors="5" skipped="2" time="');
    expect(count(xml, /<testcase /g)).toBe(9);
    expect(count(xml, /<failure /g)).toBe(1);
    expect(count(xml, /<error /g)).toBe(5);
    expect(count(xml, /<skipped /g)).toBe(2);
  });

  it("puts the message people read in the body, and the grader's version, hash, score and seed in properties", () => {
    const xml = junitReport(sampleGrading());
    expect(xml).toContain("✓ grad_q1(x) is 1 for x = [100]&#10;points: 1/2</failure>");
    expect(xml).toContain("✗ grad_q1(x) is 0 for x = [-10]&#10;    expected 0, got 1 (max difference 1)");
    expect(xml).toContain('<property name="autograd-ex.version" value="0.1.0"/>');
    expect(xml).toContain(`<property name="files.sha256" value="${"f".repeat(64)}"/>`);
    expect(xml).toContain('<property name="score" value="3/41"/>');
    expect(xml).toContain('<property name="seed" value="7"/>');
  });

  it("strips what XML cannot carry and escapes the rest, so no line starts with the solution's words", () => {
    const xml = junitReport(sampleGrading());
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    expect(xml).not.toMatch(/^\s*::/m);
    expect(xml).toContain("&lt;b&gt;&amp;amp;&lt;/b&gt; ]]&gt;");
  });

  it("is valid for a run that could not happen: every check an error", async () => {
    const xml = junitReport(brokenGrading());
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(count(xml, /<error message="not gradable: no exercises found" type="error">/g)).toBe(4);
  });

  it("fails the schema check on a report that breaks its rules (the validator is really checking)", async () => {
    const broken = junitReport(sampleGrading()).replace('tests="9"', 'tests="nine"').replace(' classname="q2"', "");
    const { valid, errors } = await validate(broken);
    expect(valid).toBe(false);
    expect(errors.join("\n")).toMatch(/tests.*'nine' is not a valid value/);
    expect(errors.join("\n")).toMatch(/The attribute 'classname' is required/);
  });
});

// The notebook's graph: c = a + b, d = b + 1, e = c·d; at a = 2, b = 1 PyTorch gives de/da = 2 and de/db = 5.
import { describe, expect, it } from "vitest";
import { ToolError } from "./errors.js";
import { NOT_ALLOWED, readExpression, UNKNOWN_NAME } from "./expression.js";
import type { Described } from "./protocol.js";
import {
  CANNOT_READ,
  graphPoints,
  judgeAnswer,
  judging,
  loadProblemChecks,
  NOT_A_STRING,
  NUMBER_EXPECTED,
  POINTS,
  selectProblems,
  UNKNOWN_PROBLEM,
} from "./problems.js";

const checks = loadProblemChecks();
const judged = judging(checks);
const text = (value: string): Described => ({ kind: "string", value });

/** The verdict on `answer` for the field `name` of problem `id`. */
function judge(id: string, name: string, answer: Described) {
  const problem = checks.problems.find((p) => p.id === id)!;
  return judgeAnswer(answer, problem.answers.find((a) => a.name === name)!, problem, judged);
}

describe("the graph's points", () => {
  it("are the same each run, on the graph, with no value zero", () => {
    const points = graphPoints(checks.graph);
    expect(points).toHaveLength(POINTS);
    expect(graphPoints(checks.graph)).toEqual(points);
    for (const { a, b, c, d, e } of points) {
      expect([c, d, e]).toEqual([a + b, b + 1, (a + b) * (b + 1)]);
      expect([a, b, c, d, e].every((v) => v !== 0 && Number.isInteger(v * 16))).toBe(true);
    }
    expect(new Set(points.map((p) => `${p.a},${p.b}`)).size).toBeGreaterThan(POINTS - 4);
  });
});

describe("judging an answer", () => {
  it.each([
    ["p1", "de_dc", ["d", "b + 1", "(e/c)", "e / c", "1 + b", "2d - d", "d^1", "d**1"]],
    ["p1", "de_dd", ["c", "a + b", "e/d"]],
    ["p2", "dc_da", ["1", "c/c", "2 - 1"]],
    ["p2", "dd_db", ["1", "1.0"]],
    ["p3", "de_da", ["d", "b + 1", "e / c"]],
    ["p3", "de_db", ["c + d", "d + c", "a + 2b + 1", "(a + b) + (b + 1)", "e/c + e/d"]],
  ])("%s %s: every equivalent form is right", (id, name, answers) => {
    for (const answer of answers) expect(judge(id, name, text(answer)), answer).toMatchObject({ status: "pass", actual: answer, expected: null, detail: "" });
  });

  it.each([
    ["p1", "de_dc", "c"],
    ["p1", "de_dc", "d + 1"],
    ["p1", "de_dc", "b"],
    ["p1", "de_dd", "d"],
    ["p2", "dc_db", "0"],
    ["p3", "de_db", "c * d"],
    ["p3", "de_db", "c"],
    ["p3", "de_da", "c"],
  ])("%s %s: the near miss %j is wrong, shown at a point of the graph", (id, name, answer) => {
    const verdict = judge(id, name, text(answer));
    expect(verdict.status).toBe("fail");
    expect(verdict.detail).toMatch(/^not ∂[cde]\/∂[abcd]: at a = -?[\d.]+, b = -?[\d.]+ \(so c = -?[\d.]+, d = -?[\d.]+, e = -?[\d.]+\) your answer is -?[\d.]+$/);
  });

  it("shows the first point where a near miss differs, and its value there", () => {
    const { a, b, c, d, e } = graphPoints(checks.graph)[0];
    expect(judge("p1", "de_dc", text("d + 1")).detail).toBe(`not ∂e/∂c: at a = ${a}, b = ${b} (so c = ${c}, d = ${d}, e = ${e}) your answer is ${d + 1}`);
  });

  it("Problem 4 wants the numbers at a = 2, b = 1: 2 and 5", () => {
    expect(judge("p4", "de_da", text("2")).status).toBe("pass");
    expect(judge("p4", "de_da", { kind: "number", value: 2 })).toMatchObject({ status: "pass", actual: "2" });
    expect(judge("p4", "de_db", text("5")).status).toBe("pass");
    expect(judge("p4", "de_db", text("3")).detail).toBe("not ∂e/∂b: at a = 2, b = 1 your answer is 3");
    expect(judge("p4", "de_db", text("c + d")).detail).toBe(NUMBER_EXPECTED("a = 2, b = 1"));
  });

  it("reports a parse error with its column and a caret under it", () => {
    expect(judge("p1", "de_dc", text("c +")).detail).toBe(`${CANNOT_READ("c +", "unexpected end of expression")}\n> 1 | c +\n    |    ^`);
    expect(judge("p1", "de_dc", text("c ^^ d"))).toMatchObject({ status: "fail", detail: `${CANNOT_READ("c ^^ d", "value expected")}\n> 1 | c ^^ d\n    |    ^` });
    expect(judge("p1", "de_dc", text("(c * d")).detail).toBe(`${CANNOT_READ("(c * d", "parenthesis ) expected")}\n> 1 | (c * d\n    |       ^`);
  });

  it("refuses names outside the graph and syntax beyond arithmetic", () => {
    const names = ["a", "b", "c", "d", "e"];
    expect(judge("p1", "de_dc", text("x + 1")).detail).toBe(CANNOT_READ("x + 1", UNKNOWN_NAME("x", names)));
    expect(judge("p1", "de_dc", text("derivative(c*d, c)")).detail).toBe(CANNOT_READ("derivative(c*d, c)", NOT_ALLOWED('"derivative(c * d, c)"')));
    expect(judge("p1", "de_dc", text("d = 1")).detail).toBe(CANNOT_READ("d = 1", NOT_ALLOWED('"d = 1"')));
    expect(judge("p1", "de_dc", text("d!")).detail).toBe(CANNOT_READ("d!", NOT_ALLOWED("the operator !")));
    expect(judge("p1", "de_dc", text('"d"')).detail).toBe(CANNOT_READ('"d"', NOT_ALLOWED('the text "d"')));
  });

  it("takes a blank as not answered yet, and a value that is not a string as wrong", () => {
    expect(judge("p1", "de_dc", text("  ")).status).toBe("not_attempted");
    expect(judge("p1", "de_dc", { kind: "undefined" }).status).toBe("not_attempted");
    expect(judge("p1", "de_dc", { kind: "boolean", value: true }).detail).toBe(NOT_A_STRING("the boolean true"));
  });
});

describe("readExpression", () => {
  it("evaluates with the scope it is given, and lists the names it uses", () => {
    const expression = readExpression("sqrt(c) * 2d - exp(0) + log(1)", ["c", "d"]);
    expect(expression.ok && expression.names).toEqual(["c", "d"]);
    expect(expression.ok && expression.evaluate({ c: 4, d: 3 })).toBe(11);
  });
});

describe("selectProblems", () => {
  it("keeps the manifest's order, and names the problems when one is unknown", () => {
    expect(selectProblems(["p3", "p1"]).map((p) => p.id)).toEqual(["p1", "p3"]);
    expect(() => selectProblems(["p5"])).toThrowError(new ToolError(UNKNOWN_PROBLEM("p5", ["p1", "p2", "p3", "p4"])));
  });
});

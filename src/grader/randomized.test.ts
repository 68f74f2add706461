// Randomized checks: the same seed gives the same checks; their expected values, computed in the parent, are
// PyTorch's (test/fixtures/randomized.json, from scripts/fixtures/randomized.py); a correct solution passes them
// at every seed, and the finite-difference check compares grad_q1 with the slope of the student's own q1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as reference1 from "../../test/solutions/reference/q1.js";
import * as reference2 from "../../test/solutions/reference/q2.js";
import * as reference3 from "../../test/solutions/reference/q3.js";
import { torch, Variable, Tensor } from "../core/index.js";
import { isclose } from "./compare.js";
import { paths } from "./paths.js";
import type { CallOutcome, Described } from "./protocol.js";
import { perceptronGradients, q2Gradient, randomizedChecks } from "./randomized.js";
import type { CheckOutcome } from "./run.js";
import { checkProblem, type CheckSpec } from "./spec.js";
import { decide, NO_SLOPE, type CheckContext } from "./verdict.js";

interface Fixture {
  q2: { point: number[]; grad_float32: number[]; grad_float64: number[] }[];
  q3: { inputs: { seed: number; size: number }[]; calls: { x_grad: number[]; w_grad: number[]; b_grad: number[] }[] }[];
}
const fixture = JSON.parse(readFileSync(join(paths.root, "test", "fixtures", "randomized.json"), "utf8")) as Fixture;

const context: CheckContext = { question: "q1", file: "q1.ts", explainThrown: (t) => (t.kind === "error" ? `${t.name}: ${t.message}` : "a value") };
const byName = (question: string, seed: number) => Object.fromEntries(randomizedChecks(question, seed).map((spec) => [spec.name, spec]));

function described(value: unknown): Described {
  if (value instanceof Tensor) return { kind: "tensor", dtype: "float32", shape: value.shape, numel: value.numel(), values: Array.from(value._values) };
  if (Array.isArray(value)) return { kind: "array", length: value.length, items: value.map(described) };
  return { kind: "undefined" };
}

/** What the child does with a check's data (inputs first, in order, then the calls), here in this process. */
function runHere(spec: CheckSpec, solution: Record<string, (...args: Tensor[]) => unknown>): CheckOutcome {
  const scope: Record<string, Tensor> = {};
  for (const input of spec.inputs) {
    if (input.manual_seed !== undefined) torch.manual_seed(input.manual_seed);
    const data = input.randn ? torch.randn(...input.randn) : torch.FloatTensor(input.tensor!);
    scope[input.name] = Variable(data, { requires_grad: input.requires_grad === true });
  }
  const calls: CallOutcome[] = spec.calls.map((call) => ({ returned: described(solution[call.function](...call.args.map((a) => scope[a]))) }));
  return { kind: "result", calls, durationMs: 1 };
}

describe("the expected values", () => {
  it("of q2 are the analytic gradient PyTorch computes in float64", () => {
    for (const { point, grad_float64 } of fixture.q2) {
      const ours = q2Gradient(point[0], point[1], point[2]);
      ours.forEach((g, k) => expect(Math.abs(g - grad_float64[k])).toBeLessThanOrEqual(1e-12 * Math.abs(grad_float64[k])));
    }
  });

  it("of q2 are close, by numpy's allclose, to what PyTorch's float32 autograd returns (so the check is fair)", () => {
    for (const { point, grad_float32 } of fixture.q2) {
      q2Gradient(point[0], point[1], point[2]).forEach((g, k) => expect(isclose(grad_float32[k], g)).toBe(true));
    }
  });

  it("of q3 are the w and x PyTorch draws when the inputs are built first and q3 is called on each in turn", () => {
    for (const { inputs, calls } of fixture.q3) {
      expect(perceptronGradients(inputs)).toEqual(calls.map(({ x_grad, w_grad }) => ({ x_grad, w_grad })));
    }
  });
});

describe("randomizedChecks", () => {
  it("makes the same checks from the same seed and others from another, all valid check data", () => {
    for (const question of ["q1", "q2", "q3"]) {
      expect(randomizedChecks(question, 12345)).toEqual(randomizedChecks(question, 12345));
      expect(randomizedChecks(question, 12345)).not.toEqual(randomizedChecks(question, 12346));
      for (const spec of randomizedChecks(question, 99)) expect(checkProblem(spec)).toBeNull();
    }
    const counts = ["q1", "q2", "q3"].flatMap((q) => randomizedChecks(q, 1).map((s) => [s.name, s.assertions.length, s.randomized]));
    expect(counts).toEqual([["random_q1", 3, true], ["random_grad_q1", 6, true], ["slope_grad_q1", 4, true], ["random_q2", 9, true], ["random_q3", 9, true]]);
  });

  it("draws q1's inputs with both signs, sizes 2 to 6 and magnitudes 0.001 to 1000, and never 0", () => {
    for (let seed = 0; seed < 50; seed++) {
      const { random_q1, random_grad_q1, slope_grad_q1 } = byName("q1", seed);
      for (const input of random_q1.inputs) {
        const x = input.tensor!;
        expect(x.length).toBeGreaterThanOrEqual(2);
        expect(x.length).toBeLessThanOrEqual(6);
        expect(x.some((v) => v < 0) && x.some((v) => v > 0)).toBe(true);
        for (const v of x) expect(Math.abs(v) >= 0.001 * (1 - 1e-6) && Math.abs(v) <= 1000 * (1 + 1e-6)).toBe(true);
      }
      const signs = random_grad_q1.inputs.map((input) => Math.sign(input.tensor![0]));
      expect(signs.filter((s) => s < 0)).toHaveLength(3);
      // x ± h stays on x's side of 0, where the slope of max(x, 0) is 0 or 1
      for (let i = 0; i < slope_grad_q1.inputs.length; i += 3) {
        const [x, plus, minus] = slope_grad_q1.inputs.slice(i, i + 3).map((input) => input.tensor![0]);
        expect(Math.sign(plus)).toBe(Math.sign(x));
        expect(Math.sign(minus)).toBe(Math.sign(x));
      }
    }
  });

  it("draws q2's points away from the formula's zeros, with x + y + z ≥ 4", () => {
    for (let seed = 0; seed < 50; seed++) {
      const values = byName("q2", seed).random_q2.inputs.map((input) => input.tensor![0]);
      for (let i = 0; i < values.length; i += 3) {
        const [x, y, z] = values.slice(i, i + 3);
        expect(x + y + z).toBeGreaterThanOrEqual(4);
        [x - 1, y - 2, z - 3].forEach((offset) => expect(Math.abs(offset)).toBeGreaterThanOrEqual(0.5 - 1e-6));
      }
    }
  });

  it("gives checks that the reference solutions pass at every seed", () => {
    const solution = { ...reference1, ...reference2, ...reference3 } as Record<string, (...args: Tensor[]) => unknown>;
    for (let seed = 0; seed < 40; seed++) {
      for (const question of ["q1", "q2", "q3"]) {
        for (const spec of randomizedChecks(question, seed)) {
          const verdict = decide(spec, runHere(spec, solution), { ...context, question }, 3000);
          expect([seed, spec.name, verdict.status, verdict.message]).toEqual([seed, spec.name, "pass", ""]);
        }
      }
    }
  });
});

describe("the finite-difference check of grad_q1", () => {
  const { slope_grad_q1: spec } = byName("q1", 3);
  const points = spec.inputs.filter((input) => input.name.startsWith("x") && !/^x[pm]/.test(input.name)).map((input) => input.tensor![0]);

  it("fails a grad_q1 that disagrees with the student's own q1 where x < 0", () => {
    const solution = { q1: reference1.q1, grad_q1: () => torch.ones(1) };
    const verdict = decide(spec, runHere(spec, solution), context, 3000);
    expect(verdict.assertions.map((a) => a.status)).toEqual(points.map((x) => (x > 0 ? "pass" : "fail")));
    const negative = points.findIndex((x) => x < 0);
    expect(verdict.assertions[negative]).toMatchObject({ expected: 0, actual: 1, detail: "expected 0, got 1 (max difference 1)" });
  });

  it("passes a q1 and grad_q1 that agree with each other (the value checks are what catch a wrong q1)", () => {
    const solution = { q1: (x: Tensor) => x.mul(2), grad_q1: () => torch.FloatTensor([2]) };
    expect(decide(spec, runHere(spec, solution), context, 3000).status).toBe("pass");
  });

  it("is an error when q1 throws at x ± h, and a failure when it returns no tensor there", () => {
    const slopeOnly = (calls: CallOutcome[]): CheckOutcome => ({ kind: "result", calls, durationMs: 1 });
    const grad: CallOutcome = { returned: { kind: "tensor", dtype: "float32", shape: [1], numel: 1, values: [1] } };
    const thrown: CallOutcome = { threw: { kind: "error", name: "TypeError", message: "x.maximum is not a function", stack: "" } };
    const threw = decide(spec, slopeOnly(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? grad : thrown))), context, 3000);
    expect(threw).toMatchObject({ status: "error", message: "q1 threw TypeError: x.maximum is not a function" });
    const nothing = decide(spec, slopeOnly(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? grad : { returned: { kind: "null" } }))), context, 3000);
    expect(nothing.status).toBe("fail");
    expect(nothing.assertions[0]).toMatchObject({ status: "fail", expected: null, detail: NO_SLOPE("expected a tensor, got null") });
  });
});

// Forward values, grad_fn names and gradients of the core against PyTorch 1.13 (test/fixtures/ops.json,
// written by scripts/fixtures/ops.py): hand-picked single-op cases and random op graphs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Tensor } from "../src/core/index.js";
import {
  ALLCLOSE,
  compareTensor,
  compareValue,
  compareValues,
  decode,
  flatten,
  runStep,
  type Step,
  type TensorRecord,
} from "./helpers/ir.js";

interface Case {
  name: string;
  steps: Step[];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/ops.json", import.meta.url), "utf8")) as {
  torch: string;
  single: Case[];
  graphs: Case[];
};

/** Runs a program, checking each result right after its step and every `.grad` at the end. */
function problemsOf(c: Case): string[] {
  const env: unknown[] = [];
  const problems: string[] = [];
  for (const [i, step] of c.steps.entries()) {
    const label = `step ${i} ${step.op}`;
    try {
      env.push(runStep(step, env));
    } catch (e) {
      return [...problems, `${label} threw ${(e as Error).name}: ${(e as Error).message}`];
    }
    const out = step.out;
    if (out && "value" in out) problems.push(...compareValue(label, env[i], out.value, ALLCLOSE));
    else if (out) problems.push(...compareTensor(label, env[i], out as TensorRecord, ALLCLOSE));
  }
  c.steps.forEach((step, i) => {
    const t = env[i];
    if (!(t instanceof Tensor)) return;
    const want = step.grad ?? null;
    const label = `step ${i} ${step.op} .grad`;
    if (want === null) {
      if (t.grad !== null) problems.push(`${label}: expected null, got ${t.grad.toString()}`);
    } else if (t.grad === null) {
      problems.push(`${label}: expected ${JSON.stringify(want.values)}, got null`);
    } else {
      if (JSON.stringify(t.grad.shape) !== JSON.stringify(want.shape)) {
        problems.push(`${label} shape: expected ${JSON.stringify(want.shape)}, got ${JSON.stringify(t.grad.shape)}`);
      }
      problems.push(...compareValues(label, flatten(t.grad.tolist()), want.values.map(decode), ALLCLOSE));
    }
  });
  return problems;
}

describe(`golden ops from PyTorch ${fixture.torch}`, () => {
  it("has the fixture's cases", () => {
    expect(fixture.single.length).toBeGreaterThan(200);
    expect(fixture.graphs.length).toBe(300);
  });

  describe("single ops", () => {
    it.each(fixture.single.map((c, i) => [`${i}: ${c.name}`, c] as const))("%s", (_, c) => {
      expect(problemsOf(c)).toEqual([]);
    });
  });

  describe("random graphs", () => {
    it.each(fixture.graphs.map((c) => [c.name, c] as const))("%s", (_, c) => {
      expect(problemsOf(c)).toEqual([]);
    });
  });
});

// Every error a user can hit, with the exception type and message PyTorch 1.13 raises
// (test/fixtures/errors.json, written by scripts/fixtures/errors.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TorchError } from "../src/core/index.js";
import { runStep, type Step } from "./helpers/ir.js";

interface Case {
  name: string;
  steps: Step[];
  error: { type: string; message: string } | null;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/errors.json", import.meta.url), "utf8")) as {
  torch: string;
  cases: Case[];
};

/** Runs every step but the last, then returns what the last one throws (undefined when it does not). */
function lastStepError(steps: Step[]): unknown {
  const env: unknown[] = [];
  steps.slice(0, -1).forEach((step) => env.push(runStep(step, env)));
  try {
    runStep(steps[steps.length - 1], env);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe(`errors as PyTorch ${fixture.torch} raises them`, () => {
  it("has the fixture's cases", () => {
    expect(fixture.cases.length).toBeGreaterThan(80);
  });

  const raising = fixture.cases.filter((c) => c.error !== null);
  it.each(raising.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const error = lastStepError(c.steps);
    expect(error).toBeInstanceOf(TorchError);
    expect({ name: (error as Error).name, message: (error as Error).message }).toEqual({
      name: c.error!.type,
      message: c.error!.message,
    });
  });

  const quiet = fixture.cases.filter((c) => c.error === null);
  it.each(quiet.map((c) => [c.name, c] as const))("%s: PyTorch raises nothing", (_, c) => {
    expect(lastStepError(c.steps)).toBeUndefined();
  });
});

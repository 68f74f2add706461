import { describe, expect, it } from "vitest";
import type { CallOutcome, Described } from "./protocol.js";
import type { CheckOutcome } from "./run.js";
import { loadChecks } from "./spec.js";
import { decide, type CheckContext } from "./verdict.js";

const [checkQ2] = loadChecks("q2").checks;
const [checkQ3] = loadChecks("q3").checks;
const [checkQ1] = loadChecks("q1").checks;
const context: CheckContext = { question: "q2", file: "q2.ts", explainThrown: (t) => (t.kind === "error" ? `${t.name}: ${t.message}` : "a value") };

const scalar = (value: number): Described => ({ kind: "tensor", dtype: "float32", shape: [1], numel: 1, values: [value] });
const list = (...items: Described[]): Described => ({ kind: "array", length: items.length, items });
const returned = (value: Described): CallOutcome => ({ returned: value });
const result = (...calls: CallOutcome[]): CheckOutcome => ({ kind: "result", calls, durationMs: 2.4 });

describe("decide", () => {
  it("passes check_q2 on PyTorch's gradients of the graded formula", () => {
    const verdict = decide(checkQ2, result(returned(list(scalar(56.46809387207031), scalar(119.21041870117188), scalar(181.9527587890625)))), context, 3000);
    expect(verdict.status).toBe("pass");
    expect(verdict.assertions.map((a) => a.status)).toEqual(["pass", "pass", "pass"]);
    expect(verdict.duration_ms).toBe(2);
  });

  it("fails every assertion of check_q2 on the printed (y − 3)³ formula, showing expected and actual", () => {
    // PyTorch 1.13: df/dx, df/dy, df/dz of (x−1)(y−2)²(y−3)³/√(x+y+z) at (4, 5, 6)
    const verdict = decide(checkQ2, result(returned(list(scalar(16.73128890991211), scalar(118.97804260253906), scalar(-1.8590317964553833)))), context, 3000);
    expect(verdict.status).toBe("fail");
    expect(verdict.message).toBe("3 of 3 assertions failed");
    expect(verdict.assertions[0]).toEqual({
      text: "df/dx at (x, y, z) = (4, 5, 6)",
      status: "fail",
      expected: 56.46809387207031,
      actual: 16.73128890991211,
      detail: "expected 56.468094, got 16.731289 (max difference 39.736805)",
    });
  });

  it("fails only df/dx of check_q3 when the bias is drawn before the weights", () => {
    const vector = (values: number[]): Described => ({ kind: "tensor", dtype: "float32", shape: [5], numel: 5, values });
    const x = vector([0.40334683656692505, 0.8380263447761536, -0.7192575931549072, -0.40334352850914, -0.5966353416442871]);
    const w = vector([1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991, -1.0845223665237427]);
    const verdict = decide(checkQ3, result(returned(list(x, w, scalar(1)))), context, 3000);
    expect(verdict.assertions.map((a) => a.status)).toEqual(["fail", "pass", "pass"]);
    expect(verdict.assertions[0].detail).toBe(
      "expected [-1.3985955, 0.40334684, 0.83802634, -0.7192576, -0.40334353]\n" +
        "got      [0.40334684, 0.83802634, -0.71925759, -0.40334353, -0.59663534]\nmax difference 1.8019423",
    );
  });

  it("calls a stub that returns nothing not_attempted", () => {
    const verdict = decide(checkQ1, result(returned({ kind: "undefined" }), returned({ kind: "undefined" })), { ...context, file: "q1.ts" }, 3000);
    expect(verdict.status).toBe("not_attempted");
    expect(verdict.message).toBe("q1 returns nothing yet: write your solution at the TODO in q1.ts");
    expect(verdict.assertions.map((a) => a.status)).toEqual(["not_attempted", "not_attempted"]);
  });

  it("fails, not skips, a call that returned nothing when another returned a value", () => {
    const verdict = decide(checkQ1, result(returned(scalar(0)), returned({ kind: "undefined" })), context, 3000);
    expect(verdict.status).toBe("fail");
    expect(verdict.assertions[1]).toMatchObject({ status: "fail", actual: "nothing (undefined)", detail: "expected a tensor, got nothing (undefined)" });
  });

  it("fails a list of the wrong length, naming what was expected", () => {
    const verdict = decide(checkQ2, result(returned(list(scalar(1), scalar(2)))), context, 3000);
    expect(verdict.status).toBe("fail");
    expect(verdict.assertions[0].detail).toBe("q2 should return a list of 3 values [x_grad, y_grad, z_grad]; it returned a list of 2 values");
  });

  it("fails NaN gradients", () => {
    const verdict = decide(checkQ2, result(returned(list(scalar(NaN), scalar(119.21041870117188), scalar(181.9527587890625)))), context, 3000);
    expect(verdict.assertions[0]).toMatchObject({ status: "fail", actual: "NaN" });
  });

  it("makes a thrown error an error, with the thrown message", () => {
    const thrown: CallOutcome = { threw: { kind: "error", name: "RuntimeError", message: "grad can be implicitly created only for scalar outputs", stack: "" } };
    const verdict = decide(checkQ2, result(thrown), context, 3000);
    expect(verdict.status).toBe("error");
    expect(verdict.message).toBe("q2 threw RuntimeError: grad can be implicitly created only for scalar outputs");
    expect(verdict.assertions.map((a) => a.status)).toEqual(["error", "error", "error"]);
  });

  it("names a missing export and an export of the wrong kind", () => {
    expect(decide(checkQ2, result({ missing: "undefined" }), context, 3000).message).toBe("q2.ts does not export a function named q2");
    expect(decide(checkQ2, result({ missing: "number" }), context, 3000).message).toBe("q2.ts exports q2, but as a number, not a function");
  });

  it("reports timeouts and crashes without trusting anything from the child", () => {
    const timeout = decide(checkQ2, { kind: "timeout", durationMs: 3000, atLoad: true }, context, 3000);
    expect(timeout).toMatchObject({ status: "timeout", message: expect.stringContaining("stopped after 3 s: the file's top-level code did not finish") });
    const crash = decide(checkQ2, { kind: "crashed", reason: "exited with code 0 (does the code call process.exit?)", durationMs: 5 }, context, 3000);
    expect(crash).toMatchObject({ status: "error", message: "the process running your solution exited with code 0 (does the code call process.exit?)" });
  });
});

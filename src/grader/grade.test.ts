// Grading in real child processes (needs `npm run build`): errors mapped to the student's lines, and the
// sandbox's deadlines and restarts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "./child.js";
import { grade } from "./grade.js";
import { loadManifest } from "./spec.js";
import { scratch } from "../../test/helpers/scratch.js";

const questions = loadManifest().questions;
const limits = { ...DEFAULT_LIMITS, timeoutMs: 500 };
const Q2_OK =
  "export function q2(x, y, z) {\n  x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt()).backward();\n  return [x.grad, y.grad, z.grad];\n}\n";
/** q1's two functions, doing nothing: for files whose top-level code is what a test is about. */
const Q1_NOTHING = "export function q1() {}\nexport function grad_q1() {}\n";

function workspace(files: Record<string, string>): string {
  const dir = scratch("grade");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function gradeFiles(files: Record<string, string>, ids = ["q1", "q2"]) {
  const reports = await grade(workspace(files), questions.filter((q) => ids.includes(q.id)), limits);
  return Object.fromEntries(reports.flatMap((report) => report.checks.map((check) => [check.name, { ...check, output: report.output }])));
}

describe("grade", () => {
  it("shows an exception with the student's own frames and code, across their helper file", async () => {
    const checks = await gradeFiles({
      "helper.ts": 'import type { Tensor } from "autograd-ex";\n\nexport function grads(f: Tensor, inputs: Tensor[]) {\n  f.backward();\n  return inputs.map((t) => t.grad);\n}\n',
      "q1.ts": 'import { torch, type Tensor } from "autograd-ex";\nimport { grads } from "./helper";\n\nexport const q1 = (x: Tensor) => x;\n\nexport function grad_q1(x: Tensor) {\n  return grads(x.mul(torch.ones(3)), [x])[0];\n}\n',
    }, ["q1"]);
    expect(checks.check_grad_q1.status).toBe("error");
    expect(checks.check_grad_q1.message).toBe(
      [
        "grad_q1 threw RuntimeError: grad can be implicitly created only for scalar outputs",
        "    at grads (helper.ts:4:5)",
        "    at grad_q1 (q1.ts:7:10)",
        "",
        "  2 |",
        "  3 | export function grads(f: Tensor, inputs: Tensor[]) {",
        "> 4 |   f.backward();",
        "    |     ^",
        "  5 |   return inputs.map((t) => t.grad);",
      ].join("\n"),
    );
  });

  it("grades JavaScript and async solutions; a throw at the top level fails that file only", async () => {
    const checks = await gradeFiles({ "q1.js": 'throw new Error("boom");\n', "q2.js": Q2_OK.replace("export function", "export async function") });
    expect(checks.check_q2.status).toBe("pass");
    expect(checks.check_q1).toMatchObject({ status: "error", message: "q1.js threw while loading: Error: boom\n    at q1.js:1:7\n\n> 1 | throw new Error(\"boom\");\n    |       ^\n  2 |" });
    expect(checks.check_grad_q1.status).toBe("error");
  });

  it("times out an endless loop in one function, and still grades the other in a fresh process", async () => {
    const checks = await gradeFiles({
      "q1.js": 'import { torch } from "autograd-ex";\nexport function q1(x) { for (;;) {} }\nexport function grad_q1(x) { return torch.ones(1).mul(x.gt(0).float()); }\n',
    }, ["q1"]);
    expect(checks.check_q1).toMatchObject({ status: "timeout", message: expect.stringContaining("stopped after 0.5 s: the check did not finish") });
    expect(checks.check_grad_q1.status).toBe("pass");
  });

  it("times out an endless loop at the top level once for the whole file", async () => {
    const started = Date.now();
    const checks = await gradeFiles({ "q1.js": "for (;;) {}\n" }, ["q1"]);
    expect(checks.check_q1.status).toBe("timeout");
    expect(checks.check_grad_q1).toMatchObject({ status: "timeout", message: expect.stringContaining("the file's top-level code did not finish") });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("times out a promise that never settles", async () => {
    const checks = await gradeFiles({ "q2.js": "export const q2 = () => new Promise(() => {});\n" }, ["q2"]);
    expect(checks.check_q2.status).toBe("timeout");
  });

  it("survives process.exit mid-run and grades the next check in a fresh process", async () => {
    const checks = await gradeFiles({
      "q1.js": 'export function q1() { process.exit(0); }\nexport function grad_q1(x) { return x.gt(0).float(); }\n',
    }, ["q1"]);
    expect(checks.check_q1).toMatchObject({ status: "error", message: "the process running your solution exited with code 0 (does the code call process.exit?)" });
    expect(checks.check_grad_q1.status).toBe("pass");
  });

  it("keeps one file's tampering away from another's verdict, and its fake output away from the report", async () => {
    const hostile =
      'Math.sqrt = () => 0; Math.pow = () => 0; JSON.stringify = () => "{}"; Object.is = () => true;\n' +
      'Array.prototype.map = function () { return []; }; Object.prototype.toJSON = function () { return "hijacked"; };\n' +
      'console.log("\\u001b[32m✓ check_q1\\u001b[0m\\r::error::fake"); console.log(\'{"t":"done"}\');\n' +
      Q1_NOTHING;
    const checks = await gradeFiles({ "q1.js": hostile, "q2.js": Q2_OK });
    expect(checks.check_q2.status).toBe("pass");
    expect(checks.check_q1.status).toBe("not_attempted");
    expect(checks.check_q1.output).toBe('✓ check_q1\n: :error::fake\n{"t":"done"}');
  });

  it("runs each file in a realm of its own: globals, prototypes and the core's state stay with the file that set them", async () => {
    const q1 =
      'import { torch } from "autograd-ex";\nglobalThis.leak = 41; torch.set_grad_enabled(false);\n' +
      "torch.Tensor.prototype.mul = () => null; Math.sqrt = () => 0;\n" +
      'console.log("q1 here");\n' +
      Q1_NOTHING;
    const q2 = `console.log("q2 sees", typeof globalThis.leak);\n${Q2_OK}`;
    const checks = await gradeFiles({ "q1.js": q1, "q2.js": q2 });
    expect(checks.check_q2.status).toBe("pass");
    expect(checks.check_q2.output).toBe("q2 sees undefined");
    expect(checks.check_q1.output).toBe("q1 here");
  });

  it("shows what a file prints through the console and through process's streams, in order", async () => {
    const q1 =
      'console.log("one"); process.stdout.write(Buffer.from("two\\n")); console.error("three");\n' +
      'process.stderr.write("four\\n", () => console.log("written")); console.log(process.stdin.read(), process.stdout === process.stdout);\n' +
      Q1_NOTHING;
    const checks = await gradeFiles({ "q1.js": q1 }, ["q1"]);
    expect(checks.check_q1.output).toBe("one\ntwo\nthree\nfour\nnull true\nwritten");
  });

  it("gives each check its own time limit within one run", async () => {
    const q1 =
      'import { torch } from "autograd-ex";\nexport function q1(x) { for (;;) {} }\n' +
      "export function grad_q1(x) {\n  const until = Date.now() + 700;\n  while (Date.now() < until) {}\n  return x.gt(0).float();\n}\n";
    const timeoutMs = (check: string) => (check === "check_q1" ? 300 : 3000);
    const reports = await grade(workspace({ "q1.js": q1 }), questions.filter((q) => q.id === "q1"), limits, { timeoutMs });
    const [q1Check, gradCheck] = reports[0].checks;
    expect(q1Check).toMatchObject({ name: "check_q1", status: "timeout", message: expect.stringContaining("stopped after 0.3 s") });
    expect(gradCheck).toMatchObject({ name: "check_grad_q1", status: "pass" });
  });

  it("fails values it cannot read rather than trusting them", async () => {
    const checks = await gradeFiles({
      "q2.js": 'export const q2 = () => new Proxy([], { get() { throw new Error("gotcha"); } });\n',
    }, ["q2"]);
    expect(checks.check_q2.status).toBe("fail");
    expect(checks.check_q2.assertions[0].detail).toBe(
      "q2 should return a list of 3 values [x_grad, y_grad, z_grad]; it returned a value the grader cannot read (reading it threw gotcha)",
    );
  });
});

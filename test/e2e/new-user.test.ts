// What a new user does, end to end: pack the package, install the tarball into an empty folder (offline, from
// npm's cache), `npx autograd-ex init`, then `check` on the stubs, the reference and the known-wrong solutions.
// Packing runs the build through package.json's prepack script.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { scratch } from "../helpers/scratch.js";

const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
let app: string;

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function copySolutions(kind: "reference" | "wrong"): void {
  const dir = join(paths.root, "test", "solutions", kind);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) copyFileSync(join(dir, file), join(app, file));
}

beforeAll(() => {
  const root = scratch("e2e");
  const packed = run("npm", ["pack", "--silent", "--pack-destination", root], paths.root);
  expect(packed.code, packed.err).toBe(0);
  const tarball = join(root, packed.out.trim().split("\n").pop()!);
  app = join(root, "app");
  run("mkdir", [app], root);
  writeFileSync(join(app, "package.json"), '{ "name": "app", "private": true }\n');
  const installed = run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], app);
  expect(installed.code, installed.err).toBe(0);
}, 60_000);

describe("a new user", () => {
  it("imports the core by the package's name, with its type declarations", () => {
    const script =
      'import { torch, Variable, Tensor } from "autograd-ex";' +
      "const x = Variable(torch.ones(2), { requires_grad: true }); x.mul(x).sum().backward();" +
      "console.log(x.grad instanceof Tensor, String(x.grad));";
    const imported = run("node", ["--input-type=module", "-e", script], app);
    expect(imported.err).toBe("");
    expect(imported.out).toBe("true tensor([2., 2.])\n");
    expect(existsSync(join(app, "node_modules", "autograd-ex", "dist", "core", "index.d.ts"))).toBe(true);
  });


  it("scaffolds the exercises with npx autograd-ex init", () => {
    const init = run("npx", ["autograd-ex", "init"], app);
    expect(init.code).toBe(0);
    for (const file of ["q1.ts", "q2.ts", "q3.ts", "README.md", "tsconfig.json", ".github/workflows/check.yml"]) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
    expect(init.out).toContain("Skipped 1 that already exist (--force overwrites them):\n  package.json");
  });

  it("sees every stub as not attempted, exit code 1", () => {
    const check = run("npx", ["autograd-ex", "check", "--json"], app);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.out);
    expect(report.summary).toEqual({ passed: 0, failed: 0, errors: 0, not_attempted: 4 });
    expect(report.checks.map((c: { status: string }) => c.status)).toEqual(["not_attempted", "not_attempted", "not_attempted", "not_attempted"]);
  });

  it("passes with the reference solutions, exit code 0", () => {
    copySolutions("reference");
    const check = run("npx", ["autograd-ex", "check"], app);
    expect(check.code).toBe(0);
    expect(check.out.trimEnd().split("\n").pop()).toBe("4 passed, 0 failed");
  });

  it("fails the known-wrong solutions with expected against actual, exit code 1", () => {
    copySolutions("wrong");
    const check = run("npx", ["autograd-ex", "check"], app);
    expect(check.code).toBe(1);
    expect(check.out).toContain("✗ q1(x) is 0 for x = [-1]\n          expected 0, got -1 (max difference 1)");
    expect(check.out).toContain("✗ df/dx at (x, y, z) = (4, 5, 6)\n          expected 56.468094, got 16.731289 (max difference 39.736805)");
    expect(check.out).toContain("✗ df/dz at (x, y, z) = (4, 5, 6)\n          expected 181.95274, got -1.8590318 (max difference 183.81178)");
    expect(check.out).toContain(
      "✗ df/dx for x = randn(5) after manual_seed(0)\n" +
        "          expected [-1.3985955, 0.40334684, 0.83802634, -0.7192576, -0.40334353]\n" +
        "          got      [0.40334684, 0.83802634, -0.71925759, -0.40334353, -0.59663534]",
    );
    expect(check.out.trimEnd().split("\n").pop()).toBe("0 passed, 4 failed");
  });
});

// A class of generated student workspaces, for test/batch/batch.test.ts and bench/grade.js: each question's file
// is one variant (right, wrong, hard-coded, hostile or broken), and a workspace's expected points per check
// (1 per assertion, randomized checks on) follow from its variants. Plain JavaScript so the bench can use it too.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const solutions = fileURLToPath(new URL("../solutions/", import.meta.url));
const read = (kind, question) => readFileSync(join(solutions, kind, `${question}.ts`), "utf8");
const stub = (question) => readFileSync(fileURLToPath(new URL(`../../exercises/${question}.ts`, import.meta.url)), "utf8");

/** Each variant: the files it writes and the points it earns per check. */
export const VARIANTS = {
  q1: {
    reference: { files: { "q1.ts": read("reference", "q1") }, points: { check_q1: 2, check_grad_q1: 2, random_q1: 3, random_grad_q1: 6, slope_grad_q1: 4 } },
    // returns x: wrong below 0; its gradient, 1 everywhere, agrees with its own slope
    wrong: { files: { "q1.ts": read("wrong", "q1") }, points: { check_q1: 1, check_grad_q1: 1, random_q1: 0, random_grad_q1: 3, slope_grad_q1: 4 } },
    // right at the public inputs only: item() throws on the randomized vectors, grad_q1 is 0 but at 100
    hardcoded: {
      files: { "q1.ts": 'import { torch } from "autograd-ex";\nexport const q1 = (x) => (x.item() < 0 ? torch.zeros(1) : torch.ones(1));\nexport const grad_q1 = (x) => (x.item() === 100 ? torch.ones(1) : torch.zeros(1));\n' },
      points: { check_q1: 2, check_grad_q1: 2, random_q1: 0, random_grad_q1: 3, slope_grad_q1: 4 },
    },
    stub: { files: { "q1.ts": stub("q1") }, points: {} },
    throws: { files: { "q1.js": 'throw new Error("not today");\n' }, points: {} },
    syntax: { files: { "q1.ts": "export function q1(x) {\n  return x.maximum(\n}\n" }, points: {} },
    fake_output: {
      files: { "q1.ts": 'console.log("✓ all checks passed\\n::error::fake\\n{\\"status\\":\\"pass\\"}");\n' + read("reference", "q1") },
      points: { check_q1: 2, check_grad_q1: 2, random_q1: 3, random_grad_q1: 6, slope_grad_q1: 4 },
    },
    missing: { files: {}, points: {} },
  },
  q2: {
    reference: { files: { "q2.ts": read("reference", "q2") }, points: { check_q2: 3, random_q2: 9 } },
    helper: {
      files: {
        "q2.ts": 'import { f } from "./lib/f";\nexport function q2(x, y, z) {\n  f(x, y, z).backward();\n  return [x.grad, y.grad, z.grad];\n}\n',
        "lib/f.ts": "export const f = (x, y, z) => x.sub(1).mul(y.sub(2).pow(2)).mul(z.sub(3).pow(3)).div(x.add(y).add(z).sqrt());\n",
      },
      points: { check_q2: 3, random_q2: 9 },
    },
    wrong: { files: { "q2.ts": read("wrong", "q2") }, points: {} },
    hardcoded: {
      files: { "q2.ts": 'import { torch } from "autograd-ex";\nexport const q2 = () => [56.46809387207031, 119.21041870117188, 181.95274353027344].map((v) => torch.FloatTensor([v]));\n' },
      points: { check_q2: 3 },
    },
    stub: { files: { "q2.ts": stub("q2") }, points: {} },
    exit: { files: { "q2.js": "export function q2() {\n  process.exit(0);\n}\n" }, points: {} },
    fs_import: { files: { "q2.ts": 'import { readFileSync } from "node:fs";\nexport const q2 = () => readFileSync("/etc/passwd");\n' }, points: {} },
    loop: { files: { "q2.js": "export function q2() {\n  for (;;) {}\n}\n" }, points: {} },
  },
  q3: {
    reference: { files: { "q3.ts": read("reference", "q3") }, points: { check_q3: 3, random_q3: 9 } },
    // bias before weights: df/dx is wrong, df/dw = x and df/db = 1 are right
    wrong: { files: { "q3.ts": read("wrong", "q3") }, points: { check_q3: 2, random_q3: 6 } },
    // the public check's numbers: only df/db = 1 stays right at other seeds
    hardcoded: {
      files: {
        "q3.ts":
          'import { torch } from "autograd-ex";\nexport const q3 = () => [\n  torch.FloatTensor([-1.3985955, 0.40334684, 0.83802634, -0.7192576, -0.40334353]),\n  torch.FloatTensor([1.5409961, -0.2934289, -2.1787894, 0.56843126, -1.0845224]),\n  torch.ones(1),\n];\n',
      },
      points: { check_q3: 3, random_q3: 3 },
    },
    stub: { files: { "q3.ts": stub("q3") }, points: {} },
    never_settles: { files: { "q3.js": "export const q3 = () => new Promise(() => {});\n" }, points: {} },
    throws_null: { files: { "q3.js": "export function q3() {\n  throw null;\n}\n" }, points: {} },
    missing: { files: {}, points: {} },
  },
};

export const CHECKS = ["check_q1", "check_grad_q1", "random_q1", "random_grad_q1", "slope_grad_q1", "check_q2", "random_q2", "check_q3", "random_q3"];
export const MAX_POINTS = 41;

const cycle = (names, i, stride) => names[(i * stride) % names.length];
const COMMON = { q1: ["reference", "wrong", "hardcoded", "stub", "throws", "syntax", "fake_output", "missing"], q2: ["reference", "helper", "wrong", "hardcoded", "stub", "exit", "fs_import"], q3: ["reference", "wrong", "hardcoded", "stub", "throws_null", "missing"] };

/** Which variant of each question student `i` has: mostly a mix, with a few of the slow ones (deadlines) and empty folders. */
export function variantsOf(i) {
  if (i % 25 === 24) return null; // an empty folder: not a workspace at all
  return {
    q1: cycle(COMMON.q1, i, 1),
    q2: i % 40 === 13 ? "loop" : cycle(COMMON.q2, i, 3),
    q3: i % 40 === 17 ? "never_settles" : cycle(COMMON.q3, i, 5),
  };
}

/**
 * Writes `count` workspaces into `dir` (student-000, student-001, …) and returns, for each, its name, its variants
 * and the points it should get per check.
 */
export function generateClass(dir, count) {
  return Array.from({ length: count }, (_, i) => {
    const name = `student-${String(i).padStart(3, "0")}`;
    const variants = variantsOf(i);
    mkdirSync(join(dir, name), { recursive: true });
    const points = Object.fromEntries(CHECKS.map((check) => [check, 0]));
    for (const [question, variant] of Object.entries(variants ?? {})) {
      const { files, points: earned } = VARIANTS[question][variant];
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(dir, name, file, ".."), { recursive: true });
        writeFileSync(join(dir, name, file), text);
      }
      Object.assign(points, earned);
    }
    return { name, variants, points, total: Object.values(points).reduce((a, b) => a + b, 0) };
  });
}

// `watch` driven by real file edits: the built CLI in a child process, its screen read from a pipe (no terminal,
// so no escape codes), keys written to its stdin. Needs `npm run build` first, as the grader's tests do.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { alive } from "../../src/grader/standby.js";
import { until } from "../helpers/standbys.js";
import { ALL_DONE, KEYS } from "../../src/cli/watch.js";
import { initWorkspace, runCli, tempDir } from "../cli/run-cli.js";
import { spawnWatch, type Watching } from "./spawn-watch.js";

const solution = (kind: "reference" | "wrong", file: string) => readFileSync(join(paths.root, "test", "solutions", kind, file), "utf8");
let running: Watching | undefined;
afterEach(() => running?.stop());

const workspace = () => initWorkspace();

describe("autograd-ex watch", () => {
  it("sees a failing check turn green after a save, keeps going through a syntax error, and quits on q", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "q2.ts"), solution("wrong", "q2.ts"));
    running = spawnWatch(["q2"], cwd);
    const first = await running.waitFor(KEYS);
    expect(first).toContain("autograd-ex watch — q2");
    expect(first).toContain("✗ check_q2");
    expect(first).toContain("✗ df/dx at (x, y, z) = (4, 5, 6)");

    writeFileSync(join(cwd, "q2.ts"), "export function q2(x) {\n  return x.mul(;\n}\n");
    const broken = await running.waitFor(KEYS);
    expect(broken).toContain("q2.ts changed");
    expect(broken).toContain('q2.ts:2:16: Unexpected ";"');

    writeFileSync(join(cwd, "q2.ts"), solution("reference", "q2.ts"));
    const green = await running.waitFor(KEYS);
    expect(green).toContain("✓ check_q2");
    expect(green).toContain("✓ q2 passes. Next unfinished: q3 — Gradients of a perceptron (press n)");

    running.press("q");
    expect(await running.exited).toBe(0);
  });

  it.runIf(process.platform === "linux")("keeps a child booted for the next save, and leaves none behind on q", async () => {
    const cwd = await workspace();
    const watching = (running = spawnWatch(["q2"], cwd));
    await watching.waitFor(KEYS);
    const { pid } = watching.child;
    const cmdline = (child: number) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, "utf8");
      } catch {
        return ""; // gone meanwhile
      }
    };
    /** Its harness children (esbuild's service is a child too). */
    const children = () =>
      readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ").filter(Boolean).map(Number)
        .filter((child) => cmdline(child).includes("harness.bundle.cjs"));
    await until(() => children().length === 1);
    const [kept] = children();

    writeFileSync(join(cwd, "q2.ts"), solution("reference", "q2.ts"));
    expect(await watching.waitFor(KEYS)).toContain("✓ check_q2");
    // the save's run took it; another waits for the next save
    await until(() => children().length === 1 && children()[0] !== kept);
    const next = children()[0];

    watching.press("q");
    expect(await watching.exited).toBe(0);
    await until(() => !alive(next));
  });

  it.each(["SIGTERM", "SIGHUP"] as const)("ends on %s as on q: exit 0, its child killed and its folder removed", async (signal) => {
    const cwd = await workspace();
    const tmp = tempDir(); // where its children's folders go
    const watching = (running = spawnWatch(["q2"], cwd, { TMPDIR: tmp }));
    await watching.waitFor(KEYS);
    await until(() => readdirSync(tmp).some((name) => name.startsWith("autograd-ex-run-")));
    watching.child.kill(signal);
    expect(await watching.exited).toBe(0);
    await until(() => readdirSync(tmp).filter((name) => name.startsWith("autograd-ex-run-")).length === 0);
  });

  it("re-checks when a helper the solution imports is saved", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "scale.ts"), "export const scale = 2;\n");
    writeFileSync(
      join(cwd, "q1.ts"),
      'import { torch, Variable, type Tensor } from "autograd-ex";\nimport { scale } from "./scale";\n' +
        "export function q1(x: Tensor) { return torch.max(x.mul(scale), Variable(torch.FloatTensor([0]))); }\n" +
        "export function grad_q1(x: Tensor) { q1(x).backward(); return x.grad; }\n",
    );
    running = spawnWatch(["q1"], cwd);
    expect(await running.waitFor(KEYS)).toContain("✗ q1(x) is 1 for x = [1]\n          expected 1, got 2 (max difference 1)");
    writeFileSync(join(cwd, "scale.ts"), "export const scale = 1;\n");
    const screen = await running.waitFor(KEYS);
    expect(screen).toContain("scale.ts changed");
    expect(screen).toContain("✓ check_q1");
    expect(screen).toContain("✓ check_grad_q1");
  });

  it("starts at the first unfinished question and answers the keys h, n and l", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "problems.ts"), readFileSync(join(cwd, "problems.ts"), "utf8").replace('de_dc: ""', 'de_dc: "d"').replace('de_dd: ""', 'de_dd: "c"'));
    running = spawnWatch([], cwd);
    expect(await running.waitFor(KEYS)).toContain("autograd-ex watch — p2");
    running.press("h");
    expect(await running.waitFor(KEYS)).toContain("p2 — Problem 2: ∂c/∂a, ∂c/∂b and ∂d/∂b: hint 1 of 2\n\n1. c = a + b:");
    running.press("n");
    expect(await running.waitFor(KEYS)).toContain("autograd-ex watch — p3");
    running.press("l");
    const list = await running.waitFor(KEYS);
    expect(list).toContain("  p1  passed         Problem 1: ∂e/∂c and ∂e/∂d\n  p2  not attempted");
    expect(list).toContain("› p3  not attempted  Problem 3");
    running.press("q");
    expect(await running.exited).toBe(0);
  });

  it("switches to the question whose file was saved, and says when everything passes", async () => {
    const cwd = await workspace();
    for (const file of ["q1.ts", "q2.ts"]) copyFileSync(join(paths.root, "test", "solutions", "reference", file), join(cwd, file));
    writeFileSync(join(cwd, "problems.ts"), 'export const p1 = { de_dc: "d", de_dd: "c" };\nexport const p2 = { dc_da: "1", dc_db: "1", dd_db: "1" };\n' +
      'export const p3 = { de_da: "d", de_db: "c + d" };\nexport const p4 = { de_da: "2", de_db: "5" };\n');
    running = spawnWatch(["q1"], cwd);
    expect(await running.waitFor(KEYS)).toContain("Next unfinished: q3 — Gradients of a perceptron (press n)");
    writeFileSync(join(cwd, "q3.ts"), solution("reference", "q3.ts"));
    const done = await running.waitFor(KEYS);
    expect(done).toContain("autograd-ex watch — q3");
    expect(done).toContain("✓ check_q3");
    expect(done).toContain(ALL_DONE);
  });

  it("finds saves by polling with --poll", async () => {
    const cwd = await workspace();
    running = spawnWatch(["q3", "--poll"], cwd);
    expect(await running.waitFor(KEYS)).toContain("watching (polling for changes)");
    writeFileSync(join(cwd, "q3.ts"), solution("reference", "q3.ts"));
    expect(await running.waitFor(KEYS)).toContain("✓ check_q3");
  });

  it("exits 2 with one line for an unknown question or a folder without exercises", async () => {
    expect(await runCli(["watch", "q9"], await workspace())).toMatchObject({ code: 2, err: 'autograd-ex: unknown question "q9" (the questions are q1, q2, q3, p1, p2, p3, p4)\n' });
    expect((await runCli(["watch"], tempDir())).err).toMatch(/^autograd-ex: no exercises found in /);
  });
});

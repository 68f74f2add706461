// The spare child `check` starts before its CLI loads: only for commands that will use it, taken once, and
// never left behind (needs `npm run build`: the harness and bin/autograd-ex.cjs).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { paths } from "./paths.js";
import { DEFAULT_HEAP_MB, discard, HARNESS_ENV, keepSpare, startHarness, startSpareFor, takeSpare, type Started } from "./spawn.js";
import { scratch as makeScratch } from "../../test/helpers/scratch.js";

const taken: Started[] = [];
afterEach(() => taken.splice(0).forEach(discard));

const take = (heapMb = DEFAULT_HEAP_MB): Started | undefined => {
  const spare = takeSpare(heapMb);
  if (spare) taken.push(spare);
  return spare;
};

describe("the spare child", () => {
  it("is started for `check` of questions, and taken once", () => {
    startSpareFor(["check", "q2", "--json"]);
    const spare = take();
    expect(spare?.process.pid).toBeGreaterThan(0);
    expect(existsSync(spare!.cwd)).toBe(true);
    expect(take()).toBeUndefined();
  });

  it.runIf(existsSync("/proc/self/environ"))("starts with glibc's allocator settings and nothing of this environment", () => {
    expect(process.env.PATH).toBeDefined();
    const child = startHarness(DEFAULT_HEAP_MB);
    taken.push(child);
    // what the process started with, whatever it did with process.env since
    const environ = readFileSync(`/proc/${child.process.pid}/environ`, "utf8").split("\0").filter(Boolean);
    expect(environ.sort()).toEqual(["MALLOC_MMAP_THRESHOLD_=33554432", "MALLOC_TRIM_THRESHOLD_=67108864"]);
    expect(Object.entries(HARNESS_ENV).map(([key, value]) => `${key}=${value}`).sort()).toEqual(environ);
  });

  it("is not started for other commands, problems or help", () => {
    for (const args of [["grade", "class"], ["check", "p1"], ["check", "--help"], ["watch"], []]) {
      startSpareFor(args);
      expect(take(), args.join(" ")).toBeUndefined();
    }
  });

  it("is kept for watch's next run: one at a time, taken once", () => {
    keepSpare();
    const kept = takeSpare(DEFAULT_HEAP_MB);
    expect(kept?.process.pid).toBeGreaterThan(0);
    keepSpare();
    keepSpare(); // one is kept already: no second child
    const again = take();
    taken.push(kept!);
    expect(again?.process.pid).toBeGreaterThan(0);
    expect(again?.process.pid).not.toBe(kept?.process.pid);
    expect(take()).toBeUndefined();
  });

  it("is discarded, folder and all, when the heap limit asked for is another", () => {
    startSpareFor(["check"]);
    const spare = takeSpare(DEFAULT_HEAP_MB * 2);
    expect(spare).toBeUndefined();
  });

  it("is not left behind when check stops before using it", () => {
    const scratch = makeScratch("spare");
    const result = spawnSync(process.execPath, [join(paths.root, "bin", "autograd-ex.cjs"), "check", "--dir", join(scratch, "missing")], {
      env: { ...process.env, TMPDIR: scratch },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^autograd-ex: /);
    // the spare's working folder went with it: discard ran, after killing the process
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("ends by itself when its parent goes away before sending a job (stdin closes empty)", async () => {
    const orphan = startHarness(DEFAULT_HEAP_MB);
    taken.push(orphan);
    const exited = new Promise<number | null>((resolve) => orphan.process.once("exit", (code) => resolve(code)));
    orphan.process.stdin!.end();
    expect(await exited).not.toBe(0);
  });
});

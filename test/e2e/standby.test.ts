// `check` from the command line with standbys on (needs `npm run build`): a keeper leaves one for the next run
// after each, the next takes it, and the verdicts are the same as with a child spawned for the run. Off under CI.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { DEFAULT_HEAP_MB } from "../../src/grader/spawn.js";
import { alive, keeperFolder, standbyKey } from "../../src/grader/standby.js";
import { endStandbys, pidIn, until, waitingIn } from "../helpers/standbys.js";

let home: string, work: string;

beforeAll(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-standby-e2e-")));
  work = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-standby-work-")));
  cpSync(join(paths.root, "test", "solutions", "reference"), work, { recursive: true });
});

const waiting = (): number[] => waitingIn(home);
const keeper = (): number => pidIn(keeperFolder(home, standbyKey(paths.harness, DEFAULT_HEAP_MB)));

afterAll(() => {
  endStandbys(home);
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** This process's environment without CI, which turns standbys off (CI runners set it). */
const { CI: _ci, ...outsideCI } = process.env;

function check(env: Record<string, string>): { status: number | null; checks: { name: string; status: string; assertions: unknown[] }[] } {
  const run = spawnSync(process.execPath, [join(paths.root, "bin", "autograd-ex.cjs"), "check", "--dir", work, "--json"], {
    env: { ...outsideCI, AUTOGRAD_EX_STANDBY: home, ...env },
    encoding: "utf8",
  });
  const { checks } = JSON.parse(run.stdout) as { checks: { name: string; status: string; assertions: { durationMs?: number }[] }[] };
  return { status: run.status, checks: checks.map(({ name, status, assertions }) => ({ name, status, assertions: assertions.map(({ durationMs, ...rest }) => rest) })) };
}

describe("check with standbys", () => {
  it("leaves one, takes it on the next run, and grades as a spawned child does", async () => {
    const spawned = check({ AUTOGRAD_EX_STANDBY: "off" });
    expect(spawned.status).toBe(0);
    expect(readdirSync(home)).toEqual([]);

    // the first run finds no standby: it starts a keeper, which starts one once that run has ended
    expect(check({})).toEqual(spawned);
    await until(() => waiting().length === 1 && alive(waiting()[0]));
    const [first] = waiting();
    const keeperPid = keeper();
    expect(alive(keeperPid)).toBe(true);

    // the next takes it, and the same keeper starts the one after
    expect(check({})).toEqual(spawned);
    await until(() => waiting().length === 1 && waiting()[0] !== first);
    await until(() => !alive(first), 2000); // killed after its run; the kernel takes a moment to end it
    expect(keeper()).toBe(keeperPid);
    expect(waiting()).toHaveLength(1);
  });

  it("neither takes nor leaves one under CI", () => {
    const before = waiting();
    expect(check({ CI: "true" }).status).toBe(0);
    expect(waiting()).toEqual(before);
    expect(before.every(alive)).toBe(true);
  });
});

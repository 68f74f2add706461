// `check` from the command line with standbys on (needs `npm run build`): each run leaves one for the next, the
// next takes it, and the verdicts are the same as with a child spawned for the run. Off under CI.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";
import { alive } from "../../src/grader/standby.js";
import { endStandbys, pidIn, until } from "../helpers/standbys.js";

let home: string, work: string;

beforeAll(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-standby-e2e-")));
  work = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-standby-work-")));
  cpSync(join(paths.root, "test", "solutions", "reference"), work, { recursive: true });
});

/** The pids of the standbys waiting in `home`. */
const waiting = (): number[] => readdirSync(home).map((name) => pidIn(join(home, name)));

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

    expect(check({})).toEqual(spawned);
    const [first] = waiting();
    expect(waiting()).toHaveLength(1);
    expect(alive(first)).toBe(true);

    expect(check({})).toEqual(spawned);
    const [second] = waiting();
    expect(waiting()).toHaveLength(1);
    expect(second).not.toBe(first);
    await until(() => !alive(first), 2000); // killed after its run; the kernel takes a moment to end it
  });

  it("neither takes nor leaves one under CI", () => {
    const before = waiting();
    expect(check({ CI: "true" }).status).toBe(0);
    expect(waiting()).toEqual(before);
    expect(before.every(alive)).toBe(true);
  });
});

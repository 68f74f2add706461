// Standbys (needs `npm run build`: the harness): the private folder they live in, how one is claimed by exactly
// one `check`, and a claimed one running a job as a spawned child would, down to how it ends.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Child, DEFAULT_LIMITS } from "./child.js";
import { paths } from "./paths.js";
import type { Job } from "./protocol.js";
import { DEFAULT_HEAP_MB, discardSpare, startKeeper, startSpareFor } from "./spawn.js";
import { alive, claimStandby, keeperAlive, keeperFolder, pidIn, STANDBY_FILES, standbyHome, standbyKey, startStandby } from "./standby.js";
import { endStandbys, listeningStandby, standbysOn, until, waitingIn } from "../../test/helpers/standbys.js";

let home: string;
const strangers: ChildProcess[] = [];
const key = standbyKey(paths.harness, DEFAULT_HEAP_MB);

beforeEach(() => {
  home = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-standby-")));
});

afterEach(async () => {
  discardSpare();
  strangers.forEach((p) => p.kill("SIGKILL"));
  await until(() => strangers.every((p) => p.exitCode !== null || p.signalCode !== null));
  endStandbys(home);
  strangers.length = 0;
  rmSync(home, { recursive: true, force: true });
});

/** A process that is alive and is no standby. */
function stranger(): number {
  const p = spawn("sleep", ["30"], { stdio: "ignore" });
  strangers.push(p);
  return p.pid!;
}

const Q1: Job = {
  modules: [{ code: 'exports.q1 = (x) => require("autograd-ex").torch.relu(x);', filename: "q1.js" }],
  checks: [{ module: 0, index: 0, inputs: [{ name: "x", tensor: [-1, 2], requires_grad: false }], calls: [{ function: "q1", args: ["x"] }] }],
};

describe("the standbys' folder", () => {
  it("is off when asked, under CI, and otherwise made private", () => {
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: "off" })).toBeNull();
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: "0" })).toBeNull();
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: join(home, "s"), CI: "true" })).toBeNull();
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: join(home, "s"), CI: "false" })).toBe(join(home, "s"));
    expect(readdirSync(home)).toEqual(["s"]);
  });

  it("is refused when others may write in it", () => {
    mkdirSync(join(home, "shared"));
    chmodSync(join(home, "shared"), 0o777);
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: join(home, "shared") })).toBeNull();
  });

  it("is refused when it cannot be made", () => {
    writeFileSync(join(home, "file"), "");
    expect(standbyHome({ AUTOGRAD_EX_STANDBY: join(home, "file", "s") })).toBeNull();
  });
});

describe("claiming a standby", () => {
  const plant = (name: string, pid: number) => {
    mkdirSync(join(home, name));
    writeFileSync(join(home, name, STANDBY_FILES.pid), String(pid));
  };

  it("takes a live one once, under a name of its own", () => {
    const pid = stranger();
    plant(`${key}.aaaaaa`, pid);
    expect(claimStandby(home, key)).toEqual({ folder: join(home, `c.${process.pid}.aaaaaa`), pid });
    expect(claimStandby(home, key)).toBeNull();
  });

  it("removes the folders of standbys and claimers that are gone, and leaves the others", () => {
    const gone = spawnSync("true").pid!, live = stranger();
    plant(`${key}.dead00`, gone);
    plant("0000beef.dead01", gone);
    plant("0000beef.live00", live);
    plant(`c.${gone}.dead02`, gone);
    plant(`c.${live}.live01`, live);
    plant("starting.boot00", gone);
    expect(claimStandby(home, key)).toBeNull();
    expect(readdirSync(home).sort()).toEqual(["0000beef.live00", `c.${live}.live01`, "starting.boot00"]);
  });

  it("is left alone by a standby start while one is waiting", async () => {
    await listeningStandby(home);
    startStandby(home, key, () => {
      throw new Error("started a second standby");
    });
    expect(readdirSync(home)).toHaveLength(1);
  });
});

describe("a claimed standby", () => {
  const run = async (job: Job) => {
    startSpareFor(["check"]);
    const child = new Child(DEFAULT_LIMITS);
    return child.run(job, job.checks.map(() => 3000));
  };

  let restore: () => void;
  beforeEach(() => {
    restore = standbysOn(home);
  });
  afterEach(() => restore());

  it("runs the job, is killed at the end, and, having no keeper, starts one for the next run", async () => {
    const { pid: standby } = await listeningStandby(home);
    const attempt = await run(Q1);
    expect(attempt.stopped).toBeUndefined();
    expect(attempt.results.get(0)?.calls).toEqual([{ returned: { kind: "tensor", dtype: "float32", shape: [2], numel: 2, values: [0, 2] } }]);
    await until(() => !alive(standby));
    await until(() => keeperAlive(home, key));
    // it waits for this process, the run's: no standby yet
    expect(waitingIn(home)).toEqual([]);
  });

  it("whose keeper lives starts none: the keeper starts the next", async () => {
    const { folder } = await listeningStandby(home);
    const keeper = stranger(); // stands in for a live keeper
    mkdirSync(keeperFolder(home, key));
    writeFileSync(join(keeperFolder(home, key), STANDBY_FILES.pid), String(keeper));
    await run(Q1);
    await until(() => !readdirSync(home).includes(basename(folder)));
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(home).sort()).toEqual([`keeper.${key}`]);
  });

  it("is ended, not replaced, when the run stops before it has even connected", async () => {
    const { pid: standby } = await listeningStandby(home);
    startSpareFor(["check"]);
    discardSpare(); // as check does when the workspace cannot be read
    await until(() => !alive(standby));
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(home)).toEqual([]);
  });

  it("tells the code it exits with, which the parent of no standby would learn otherwise", async () => {
    await listeningStandby(home);
    const exits: Job = { ...Q1, modules: [{ code: "exports.q1 = () => process.exit(3);", filename: "q1.js" }] };
    const attempt = await run(exits);
    expect(attempt.stopped?.stop).toEqual({ kind: "crashed", reason: "exited with code 3 (does the code call process.exit?)" });
  });

  it("is stopped at its deadline like any child", async () => {
    const { pid: standby } = await listeningStandby(home);
    startSpareFor(["check"]);
    const loops: Job = { ...Q1, modules: [{ code: "exports.q1 = () => { for (;;); };", filename: "q1.js" }] };
    const attempt = await new Child(DEFAULT_LIMITS).run(loops, [300]);
    expect(attempt.stopped).toMatchObject({ at: 0, stop: { kind: "timeout" } });
    await until(() => !alive(standby));
  });

  it("that runs out of memory is told apart, from what it printed in its log", async () => {
    await listeningStandby(home);
    const bomb: Job = { ...Q1, modules: [{ code: "exports.q1 = () => { const a = []; for (;;) a.push(new Array(1 << 22).fill(1.5)); };", filename: "q1.js" }] };
    startSpareFor(["check"]);
    const attempt = await new Child(DEFAULT_LIMITS).run(bomb, [15_000]);
    expect(attempt.stopped?.stop).toEqual({ kind: "crashed", reason: `ran out of memory (heap limit ${DEFAULT_HEAP_MB} MB)` });
  }, 20_000);

  it("that takes its job and does not answer (stopped) is killed and replaced by a fresh child", async () => {
    const { pid: standby } = await listeningStandby(home);
    process.kill(standby, "SIGSTOP");
    const attempt = await run(Q1);
    expect(attempt.stopped).toBeUndefined();
    expect(attempt.results.get(0)?.calls).toEqual([{ returned: { kind: "tensor", dtype: "float32", shape: [2], numel: 2, values: [0, 2] } }]);
    await until(() => !alive(standby));
  });

  it("that is killed as it takes its job is replaced by a fresh child", async () => {
    const { pid: standby } = await listeningStandby(home);
    startSpareFor(["check"]);
    const child = new Child(DEFAULT_LIMITS);
    const attempt = child.run(Q1, [3000]);
    process.kill(standby, "SIGKILL");
    expect((await attempt).results.get(0)?.calls).toEqual([{ returned: { kind: "tensor", dtype: "float32", shape: [2], numel: 2, values: [0, 2] } }]);
  });

  it("that never answers is replaced by a fresh child, and the process that held its pid is left alone", async () => {
    const pid = stranger();
    mkdirSync(join(home, `${key}.silent`));
    writeFileSync(join(home, `${key}.silent`, STANDBY_FILES.pid), String(pid));
    const attempt = await run(Q1);
    expect(attempt.results.get(0)?.calls).toHaveLength(1);
    expect(alive(pid)).toBe(true);
  });
});

describe("the keeper of standbys", () => {
  const keeperPid = () => pidIn(keeperFolder(home, key));
  /** A process standing in for the `check` that started the keeper or claimed its standby: ends when told. */
  function fakeCheck(): { pid: number; end: () => Promise<void> } {
    const p = spawn("sleep", ["30"], { stdio: "ignore" });
    strangers.push(p);
    const gone = new Promise<void>((resolve) => p.once("exit", () => resolve()));
    return { pid: p.pid!, end: () => (p.kill("SIGKILL"), gone) };
  }
  /** A keeper process, as `check` starts it, with its exit code. */
  function keeper(starter: number): Promise<number | null> {
    const p = spawn(process.execPath, [paths.keeper, home, String(DEFAULT_HEAP_MB), String(starter)], { stdio: "ignore" });
    return new Promise((resolve) => p.once("exit", (code) => resolve(code)));
  }

  it("starts a standby once the check that started it has ended, and one keeper is all there is", async () => {
    const check = fakeCheck();
    startKeeper(home, DEFAULT_HEAP_MB, check.pid);
    await until(() => keeperAlive(home, key));
    const first = keeperPid();
    await new Promise((r) => setTimeout(r, 300));
    expect(waitingIn(home)).toEqual([]);
    await check.end();
    await until(() => waitingIn(home).length === 1);
    expect(await keeper(0)).toBe(0); // a second one leaves at once
    expect(keeperPid()).toBe(first);
    expect(alive(first)).toBe(true);
    expect(waitingIn(home)).toHaveLength(1);
  });

  it("starts the next standby once the check that claimed the last has ended, and reaps the one it killed", async () => {
    startKeeper(home, DEFAULT_HEAP_MB, 0);
    await until(() => waitingIn(home).length === 1);
    const [standby] = waitingIn(home);
    const name = readdirSync(home).find((n) => n.startsWith(`${key}.`))!;
    const check = fakeCheck();
    renameSync(join(home, name), join(home, `c.${check.pid}.${name.slice(-6)}`)); // claimed, as claimStandby does
    await new Promise((r) => setTimeout(r, 300));
    expect(waitingIn(home)).toEqual([]);
    process.kill(-standby, "SIGKILL"); // as the claimer does at the end of its run
    await check.end();
    await until(() => waitingIn(home).length === 1);
    expect(waitingIn(home)[0]).not.toBe(standby);
    // its parent, the keeper, collected it: no zombie left
    if (process.platform === "linux") await until(() => !existsSync(`/proc/${standby}`));
  });

  it("ends, and removes its folder, when its standby ends unclaimed", async () => {
    startKeeper(home, DEFAULT_HEAP_MB, 0);
    await until(() => waitingIn(home).length === 1);
    const keeper = keeperPid();
    process.kill(-waitingIn(home)[0], "SIGKILL");
    await until(() => !alive(keeper));
    expect(existsSync(keeperFolder(home, key))).toBe(false);
  });

  it("takes over the folder of one that was killed", async () => {
    startKeeper(home, DEFAULT_HEAP_MB, 0);
    await until(() => waitingIn(home).length === 1);
    const killed = keeperPid();
    process.kill(-killed, "SIGKILL");
    await until(() => !alive(killed));
    expect(existsSync(join(keeperFolder(home, key), STANDBY_FILES.socket))).toBe(true); // left behind
    const name = readdirSync(home).find((n) => n.startsWith(`${key}.`))!;
    renameSync(join(home, name), join(home, `c.0.${name.slice(-6)}`)); // claimed by a check that has ended
    startKeeper(home, DEFAULT_HEAP_MB, 0);
    await until(() => keeperAlive(home, key) && keeperPid() !== killed);
    await until(() => waitingIn(home).length === 1);
  });
});

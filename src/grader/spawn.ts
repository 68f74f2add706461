// Starting the child process that runs the harness: its sandbox flags, its own empty working folder and process
// group. `check` starts one before its CLI has even loaded (bin/autograd-ex.cjs), so that Node boots in the
// child while the parent loads and bundles; the first Child adopts that spare. Better still, the spare is a
// standby, already booted (src/grader/standby.ts), which a keeper started after the previous `check`
// (src/grader/keeper.ts). `watch` keeps a spare between saves.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lazyRequire } from "./lazy.js";
import { paths } from "./paths.js";
import { isProblemName } from "./spec.js";
import { claimStandby, keeperAlive, standbyHome, standbyKey, startStandby, STANDBY_IDLE_MS, type Started as StartedStandby } from "./standby.js";
import { StandbyProcess } from "./standby-process.js";

// NOTE: loaded when a child is spawned: a `check` that claims a standby needs only node:net first
const childProcess = lazyRequire<typeof import("node:child_process")>("node:child_process");

/** The child's heap cap by default, in MB (`--max-old-space-size`). */
export const DEFAULT_HEAP_MB = 256;

export interface Started {
  process: ChildProcess | StandbyProcess;
  /** The child's working folder, empty, removed by `discard`. */
  cwd: string;
  heapMb: number;
}

/**
 * The child's whole environment: nothing of the parent's, only two settings of glibc's allocator (other C
 * libraries ignore them). Freed heap, up to 64 MiB, waits for reuse instead of going back to the system, and
 * blocks up to 32 MiB come from the heap, not from mmap.
 */
// NOTE: the core's results live in ArrayBuffers (src/core/storage.ts), allocated with malloc and freed by V8's
// sweeper thread. In some processes and not others, glibc gave that memory back to the system and the next
// results faulted it in again: the MLP step in bench/ took 25–37 µs in 10 runs of a plain `node` (about one page
// fault per step, in sys time) and 22.2–27.6 µs in 20 runs with the trim threshold. Setting it also fixes
// glibc's mmap threshold at 128 KiB, so each 256 KB matmul result was mapped and faulted in anew (3.1 → 8.4 ms
// for bench/'s 256×256 matmul step); 32 MiB is the highest glibc would raise the threshold to by itself. The
// harness empties process.env once it starts, so solutions still see no environment.
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_TRIM_THRESHOLD_: String(64 * 2 ** 20),
  MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20),
};

/** Node's sandbox flags, each only where this Node version knows it. */
function harnessFlags(heapMb: number): string[] {
  const known = process.allowedNodeEnvironmentFlags;
  const permission = ["--permission", "--experimental-permission"].find((flag) => known.has(flag));
  return [
    ...(permission ? [permission, `--allow-fs-read=${paths.harness}`] : []),
    // NOTE: a warning at startup would open process.stderr, a socket, before the harness can replace it
    known.has("--disable-warning") ? "--disable-warning=ExperimentalWarning" : "--no-warnings",
    "--disallow-code-generation-from-strings",
    "--no-addons",
    `--max-old-space-size=${heapMb}`,
    paths.harness,
  ];
}

function spawnHarness(heapMb: number, cwd: string): ChildProcess {
  return childProcess().spawn(process.execPath, harnessFlags(heapMb), { cwd, env: HARNESS_ENV, detached: true, stdio: ["pipe", "pipe", "pipe", "pipe"] });
}

export function startHarness(heapMb: number): Started {
  const cwd = mkdtempSync(join(tmpdir(), "autograd-ex-run-"));
  return { process: spawnHarness(heapMb, cwd), cwd, heapMb };
}

/** Kills the child with its whole process group, and removes its folder. */
export function discard({ process: child, cwd }: Started): void {
  if (child instanceof StandbyProcess) child.dispose();
  else if (child.exitCode === null && child.signalCode === null) {
    // not reaped yet, so its pid is still its own
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      child.kill("SIGKILL"); // already gone, or no process groups on this platform
    }
  }
  rmSync(cwd, { recursive: true, force: true });
}

let spare: Started | undefined;
/** Where this `check` starts a keeper of standbys, once it has sent its job: none when the one it claimed has a keeper. */
let keeperWanted: { home: string; heapMb: number } | undefined;

/** A standby left by an earlier `check`, claimed; undefined when there is none to claim. */
function adoptStandby(home: string, key: string, heapMb: number): Started | undefined {
  const claimed = claimStandby(home, key);
  if (claimed === null) return undefined;
  return { process: new StandbyProcess(claimed, (cwd) => spawnHarness(heapMb, cwd)), cwd: claimed.folder, heapMb };
}

/**
 * For bin/autograd-ex.cjs: starts a child ahead of time when the command line is one that will need it (`check`
 * of questions, not of problems nor for help), or claims a standby. The first Child takes it; it is killed at
 * exit if none does.
 */
export function startSpareFor(args: string[], heapMb = DEFAULT_HEAP_MB): void {
  if (args[0] !== "check" || args.some((arg) => isProblemName(arg) || arg === "-h" || arg === "--help")) return;
  const home = standbyHome();
  let standby: Started | undefined;
  if (home !== null) {
    const key = standbyKey(paths.harness, heapMb);
    standby = adoptStandby(home, key, heapMb);
    // NOTE: a keeper's pid that is another process's by now leaves this run's successor to no one; the next run
    // then finds no standby, and starts a keeper
    if (standby === undefined || !keeperAlive(home, key)) keeperWanted = { home, heapMb };
  }
  hold(standby ?? startHarness(heapMb));
}

/** Keeps `started` as the spare, killed at exit if no Child takes it. */
function hold(started: Started): void {
  spare = started;
  spare.process.on("error", () => {}); // a spare that failed to start is not taken
  spare.process.stdin!.on("error", () => {});
  if (!process.listeners("exit").includes(discardSpare)) process.on("exit", discardSpare);
}

/**
 * For `watch`, between saves: starts a child for the next run unless a spare is kept already, so that it boots
 * while the student edits. It waits for its job, and ends by itself if this process goes (its stdin closes).
 */
export function keepSpare(heapMb = DEFAULT_HEAP_MB): void {
  if (spare === undefined) hold(startHarness(heapMb));
}

/** Starts a standby in `home` for runs with this heap limit (src/grader/standby.ts), unless one waits there. */
export function leaveStandby(home: string, heapMb: number): StartedStandby | undefined {
  const flags = [...harnessFlags(heapMb), "--standby", String(STANDBY_IDLE_MS)];
  return startStandby(home, standbyKey(paths.harness, heapMb), (cwd, log) =>
    childProcess().spawn(process.execPath, flags, { cwd, env: HARNESS_ENV, detached: true, stdio: ["ignore", log, log] }),
  );
}

/** Starts the keeper of standbys (src/grader/keeper.ts), which starts one in `home` once `starter` has ended. */
export function startKeeper(home: string, heapMb: number, starter = process.pid): void {
  const args = [paths.keeper, home, String(heapMb), String(starter)];
  const keeper = childProcess().spawn(process.execPath, args, { cwd: home, env: {}, detached: true, stdio: "ignore" });
  keeper.on("error", () => {});
  keeper.unref();
}

/**
 * After a job has gone to its child: starts a keeper, which starts the standby for the next `check`, if this one
 * wants it (once). The keeper of the standby it claimed starts that otherwise.
 */
export function startKeeperOnce(): void {
  if (keeperWanted === undefined) return;
  const { home, heapMb } = keeperWanted;
  keeperWanted = undefined;
  try {
    startKeeper(home, heapMb);
  } catch {
    // a standby is only a head start for the next run
  }
}

/** Kills the spare if no Child took it. NOTE: its pipes would otherwise keep the process from ending. */
export function discardSpare(): void {
  if (spare !== undefined) discard(spare);
  spare = undefined;
}

/** The spare, if there is one with this heap limit that is still running; else undefined. */
export function takeSpare(heapMb: number): Started | undefined {
  const taken = spare;
  spare = undefined;
  if (taken === undefined) return undefined;
  // NOTE: a standby has no pid until it answers; a child without one failed to start
  const started = taken.process.pid !== undefined || taken.process instanceof StandbyProcess;
  if (taken.heapMb === heapMb && started && taken.process.exitCode === null && taken.process.signalCode === null) return taken;
  discard(taken);
  return undefined;
}

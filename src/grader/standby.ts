// A standby child: started for the next `check` by the keeper (src/grader/keeper.ts), it boots Node, loads the
// harness and makes its realms while nobody waits, then listens on a Unix socket for one job. The next `check`
// claims it and runs its job on it as on a child it had just spawned: the same sandbox flags, a process that has
// run no solution, killed at the end. It exits by itself after STANDBY_IDLE_MS without a job.
// Standbys live in a private folder: $AUTOGRAD_EX_STANDBY, or autograd-ex-<uid> in the temporary folder; none
// with AUTOGRAD_EX_STANDBY=off, under CI, or where the folder is not this user's alone (or on Windows).
import type { ChildProcess } from "node:child_process";
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STANDBY_IDLE_MS = 15 * 60_000;

/** A standby's folder holds its socket, what it printed (fd 1 and 2), and its pid, written by its starter. */
export const STANDBY_FILES = { socket: "socket", log: "log", pid: "pid" };

const isOff = (value: string | undefined) => value !== undefined && /^(off|0|false)$/i.test(value);

/** The folder for standbys, made if missing; null when they are off or the folder is not safe to use. */
export function standbyHome(env: NodeJS.ProcessEnv = process.env): string | null {
  if (isOff(env.AUTOGRAD_EX_STANDBY) || (env.CI !== undefined && !isOff(env.CI)) || process.getuid === undefined) return null;
  const home = env.AUTOGRAD_EX_STANDBY || join(tmpdir(), `autograd-ex-${process.getuid()}`);
  try {
    mkdirSync(home, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return null;
  }
  // NOTE: another user could have made it first, to serve fake results; a standby's socket is trusted as a child's pipes
  const stat = lstatSync(home);
  return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o077) === 0 ? home : null;
}

/** What makes a standby fit a run: the same Node, the same harness, the same heap limit. */
export function standbyKey(harness: string, heapMb: number): string {
  const { size, mtimeMs } = statSync(harness);
  const text = [process.execPath, process.version, harness, size, mtimeMs, heapMb].join("\0");
  let hash = 0x811c9dc5; // FNV-1a: names a file, guards nothing
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/** A standby just started: its process, and its folder's name in `home` until a `check` claims it. */
export interface Started {
  child: ChildProcess;
  name: string;
}

/**
 * Starts a standby in a new folder of `home`, unless one for `key` is waiting there: `spawnIn(folder, log)`
 * spawns it there, detached, with its output going to the log file's descriptor. The folder is named for `key`
 * once its pid is written in it. Undefined when none was started.
 */
export function startStandby(home: string, key: string, spawnIn: (folder: string, log: number) => ChildProcess): Started | undefined {
  // one is enough: two `check`s at once would otherwise leave two
  if (readdirSync(home).some((name) => name.startsWith(`${key}.`) && alive(pidIn(join(home, name))))) return undefined;
  const folder = mkdtempSync(join(home, "starting."));
  const log = openSync(join(folder, STANDBY_FILES.log), "w", 0o600);
  try {
    const child = spawnIn(folder, log);
    child.on("error", () => {}); // no standby then: the next `check` starts its own child
    child.unref();
    if (child.pid === undefined) return void rmSync(folder, { recursive: true, force: true });
    writeFileSync(join(folder, STANDBY_FILES.pid), String(child.pid));
    const name = `${key}.${folder.slice(-6)}`;
    renameSync(folder, join(home, name));
    return { child, name };
  } finally {
    closeSync(log);
  }
}

/** How the folders of keepers of standbys are named, before their key. */
export const KEEPER_PREFIX = "keeper.";

/** The folder of the keeper of standbys for `key` (src/grader/keeper.ts): its pid and its socket. */
export const keeperFolder = (home: string, key: string): string => join(home, `${KEEPER_PREFIX}${key}`);

/** Whether the keeper of standbys for `key` is running (by its pid: it may be another process's now). */
export const keeperAlive = (home: string, key: string): boolean => alive(pidIn(keeperFolder(home, key)));

export interface Claimed {
  folder: string;
  pid: number;
}

/** A claimed standby's folder: "c.<claimer's pid>.<the suffix of its waiting name>". */
const claimedName = (claimer: number, name: string): string => `c.${claimer}.${name.slice(-6)}`;

/** The claimer's pid and the suffix in a claimed folder's name; null for any other name. */
function claimOf(name: string): { claimer: number; suffix: string } | null {
  const match = /^c\.(\d+)\.(.*)$/.exec(name);
  return match === null ? null : { claimer: Number(match[1]), suffix: match[2] };
}

/** The pid of the `check` that claimed the standby once named `name`, among `names`; undefined when none did. */
export const claimerOf = (names: string[], name: string): number | undefined =>
  names.map(claimOf).find((claim) => claim !== null && claim.suffix === name.slice(-6))?.claimer;

export function alive(pid: number): boolean {
  if (!(pid > 0)) return false; // kill(0) would signal our own process group
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const pidIn = (folder: string): number => {
  try {
    return Number(readFileSync(join(folder, STANDBY_FILES.pid), "utf8")) || 0;
  } catch {
    return 0;
  }
};

/**
 * Takes a standby for `key`: its folder is renamed "c.<our pid>.…", so no other `check` can take it too.
 * Folders whose process is gone (an idle standby, a `check` that was killed) are removed on the way.
 * Null when there is none; its socket may still refuse (it is still booting, or just quit).
 */
export function claimStandby(home: string, key: string): Claimed | null {
  for (const name of readdirSync(home)) {
    const here = join(home, name);
    const claim = claimOf(name);
    if (claim !== null || !name.startsWith(`${key}.`)) {
      const owner = claim === null ? pidIn(here) : claim.claimer;
      if (!name.startsWith("starting.") && !alive(owner)) rmSync(here, { recursive: true, force: true });
      continue;
    }
    const folder = join(home, claimedName(process.pid, name));
    try {
      renameSync(here, folder);
    } catch {
      continue; // taken meanwhile
    }
    const pid = pidIn(folder);
    if (alive(pid)) return { folder, pid };
    rmSync(folder, { recursive: true, force: true });
  }
  return null;
}

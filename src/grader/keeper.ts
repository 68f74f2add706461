// The keeper of standbys (dist/bin/keeper.cjs): a small process that starts the standby the next `check` claims
// (src/grader/standby.ts), and starts another each time one is claimed, once the `check` that claimed it has
// ended. So no `check` pays for starting its successor (a fork of the whole parent, ~6 ms, with ~6 ms more to
// load node:child_process), and no standby boots while a run needs the CPU.
// A `check` starts one when it found no standby, or one whose keeper is gone; it is told the pid of that
// `check`, to wait for. One per standby key: a second finds the first by its socket and leaves. It ends with its
// standby: when that quits unclaimed (after STANDBY_IDLE_MS without a job) or is killed, and it reaps the
// standbys it started, which are its children.
// Usage: node keeper.cjs <home> <heap MB> <pid to wait for>
import { mkdirSync, readdirSync, rmSync, watch, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { join } from "node:path";
import { alive, claimerOf, keeperFolder, pidIn, STANDBY_FILES, standbyKey, type Started } from "./standby.js";
import { leaveStandby } from "./spawn.js";
import { paths } from "./paths.js";

/** How long a claimer may run before the next standby starts anyway (a `check` takes well under a second). */
const CLAIMER_MS = 5000;
/** How often to look whether the claimer has ended. */
const POLL_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `pid` has ended, or after `ms`. */
async function ended(pid: number, ms: number): Promise<void> {
  for (const end = Date.now() + ms; alive(pid) && Date.now() < end; ) await sleep(POLL_MS);
}

/** Whether something listens on `socket`. */
function listening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket);
    probe.once("connect", () => (probe.destroy(), resolve(true)));
    probe.once("error", () => resolve(false));
  });
}

/** Takes the keeper's folder for `key`: undefined when a keeper that answers has it already. */
async function lock(folder: string): Promise<Server | undefined> {
  const socket = join(folder, STANDBY_FILES.socket);
  // NOTE: not recursive: a keeper started as its home was being removed (by a test, say) must not make it again
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (await listening(socket)) return undefined;
  rmSync(socket, { force: true }); // left by a keeper that was killed
  const server = createServer((connection) => connection.destroy());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socket, resolve));
  writeFileSync(join(folder, STANDBY_FILES.pid), String(process.pid));
  return server;
}

/**
 * Resolves with the pid of the `check` that claims `started` (its folder becomes "c.<pid>.<same suffix>"), 0 when
 * the standby ends unclaimed, or -1 when it was claimed and its folder is gone already (that run is ending).
 */
function claimed(home: string, started: Started): Promise<number> {
  return new Promise((resolve) => {
    const finish = (pid: number) => {
      watcher.close();
      clearInterval(poll);
      started.child.off("exit", onExit);
      resolve(pid);
    };
    const look = () => {
      const names = readdirSync(home);
      if (names.includes(started.name)) return false;
      finish(claimerOf(names, started.name) ?? -1);
      return true;
    };
    const watcher = watch(home, () => void look());
    const poll = setInterval(look, 1000); // where watching misses a rename
    const onExit = () => finish(readdirSync(home).includes(started.name) ? 0 : -1);
    started.child.once("exit", onExit);
    look();
  });
}

async function keep(home: string, heapMb: number, starter: number): Promise<void> {
  const key = standbyKey(paths.harness, heapMb);
  const folder = keeperFolder(home, key);
  const server = await lock(folder);
  if (server === undefined) return;
  try {
    for (let waitFor = starter; ; ) {
      await ended(waitFor, CLAIMER_MS);
      const started = leaveStandby(home, heapMb);
      if (started === undefined) return; // one waits already, not ours: whoever started it looks after it
      started.child.ref(); // its exit tells this keeper it ended unclaimed
      const claimer = await claimed(home, started);
      if (claimer === 0) return;
      if (claimer === -1) await sleep(50); // its run is ending, but by whom is no longer known
      waitFor = claimer;
    }
  } finally {
    server.close();
    if (pidIn(folder) === process.pid) rmSync(folder, { recursive: true, force: true });
  }
}

const [home, heap, starter] = process.argv.slice(2);
keep(home, Number(heap), Number(starter)).then(
  () => process.exit(0),
  () => process.exit(1),
);

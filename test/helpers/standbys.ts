// Standbys for the tests that run them (needs `npm run build`): started in a folder of the test's own, waited
// for, and ended afterwards (each would otherwise idle for 15 minutes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paths } from "../../src/grader/paths.js";
import { DEFAULT_HEAP_MB, leaveStandby } from "../../src/grader/spawn.js";
import { alive, KEEPER_PREFIX, pidIn, STANDBY_FILES, standbyKey } from "../../src/grader/standby.js";

/**
 * Turns standbys on for this process, in `home`: sets AUTOGRAD_EX_STANDBY and clears CI, which turns them off (CI
 * runners set it). Returns what puts both back.
 */
export function standbysOn(home: string): () => void {
  const { AUTOGRAD_EX_STANDBY, CI } = process.env;
  process.env.AUTOGRAD_EX_STANDBY = home;
  delete process.env.CI;
  return () => {
    process.env.AUTOGRAD_EX_STANDBY = AUTOGRAD_EX_STANDBY;
    if (CI === undefined) delete process.env.CI;
    else process.env.CI = CI;
  };
}

/** Resolves once `done()` holds, polling every 10 ms; rejects after `ms`. */
export async function until(done: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !done(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error("timed out");
  }
}

export { pidIn };

/**
 * Ends every standby and keeper named in `home`: each leads its process group. Keepers first, so that none starts
 * a standby meanwhile.
 */
export function endStandbys(home: string): void {
  const keeperFirst = (a: string, b: string) => Number(b.startsWith(KEEPER_PREFIX)) - Number(a.startsWith(KEEPER_PREFIX));
  for (const name of readdirSync(home).sort(keeperFirst)) {
    const pid = pidIn(join(home, name));
    if (alive(pid)) process.kill(-pid, "SIGKILL");
  }
}

/** The pids of the standbys waiting in `home` to be claimed (not the keeper, nor claimed ones). */
export const waitingIn = (home: string): number[] =>
  readdirSync(home)
    .filter((name) => /^[0-9a-f]{8}\./.test(name))
    .map((name) => pidIn(join(home, name)));

/** A standby for the default heap limit listening in `home` (started unless one waits there): its folder and pid. */
export async function listeningStandby(home: string): Promise<{ folder: string; pid: number }> {
  leaveStandby(home, DEFAULT_HEAP_MB);
  const key = standbyKey(paths.harness, DEFAULT_HEAP_MB);
  const listening = () => readdirSync(home).find((name) => name.startsWith(`${key}.`) && existsSync(join(home, name, STANDBY_FILES.socket)));
  await until(() => listening() !== undefined);
  const folder = join(home, listening()!);
  return { folder, pid: pidIn(folder) };
}

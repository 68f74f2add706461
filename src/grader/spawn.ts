// Starting the child process that runs the harness: its sandbox flags, its own empty working folder and process
// group. `check` starts one before its CLI has even loaded (bin/autograd-ex.cjs), so that Node boots in the
// child while the parent loads and bundles; the first Child adopts that spare.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "./paths.js";
import { isProblemName } from "./spec.js";

/** The child's heap cap by default, in MB (`--max-old-space-size`). */
export const DEFAULT_HEAP_MB = 256;

export interface Started {
  process: ChildProcess;
  /** The child's working folder, empty, removed by `discard`. */
  cwd: string;
  heapMb: number;
}

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

export function startHarness(heapMb: number): Started {
  const cwd = mkdtempSync(join(tmpdir(), "autograd-ex-run-"));
  const child = spawn(process.execPath, harnessFlags(heapMb), { cwd, env: {}, detached: true, stdio: ["pipe", "pipe", "pipe", "pipe"] });
  return { process: child, cwd, heapMb };
}

/** Kills the child with its whole process group, and removes its folder. */
export function discard({ process: child, cwd }: Started): void {
  if (child.exitCode === null && child.signalCode === null) {
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

/**
 * For bin/autograd-ex.cjs: starts a child ahead of time when the command line is one that will need it (`check`
 * of questions, not of problems nor for help). The first Child takes it; it is killed at exit if none does.
 */
export function startSpareFor(args: string[], heapMb = DEFAULT_HEAP_MB): void {
  if (args[0] !== "check" || args.some((arg) => isProblemName(arg) || arg === "-h" || arg === "--help")) return;
  spare = startHarness(heapMb);
  spare.process.on("error", () => {}); // a spare that failed to start is not taken
  spare.process.stdin!.on("error", () => {});
  process.once("exit", discardSpare);
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
  if (taken.heapMb === heapMb && taken.process.pid !== undefined && taken.process.exitCode === null && taken.process.signalCode === null) return taken;
  discard(taken);
  return undefined;
}

// Runs a workspace's checks: one child for all of them, and a fresh child for the rest after a timeout or crash.
import { Child, type Limits, type Stop } from "./child.js";
import type { CallOutcome, Job, JobCheck, JobModule } from "./protocol.js";

/** What happened to one check; `atLoad` when it was the file's top-level code that timed out or failed. */
export type CheckOutcome = ({ kind: "result"; calls: CallOutcome[] } | Stop) & { durationMs: number; atLoad?: boolean };

/** A check of the run, with the module (its question's solution) it calls and its time limit. */
export type RunCheck = JobCheck & { module: number; timeoutMs: number };

export interface WorkspaceRun {
  /** One per check, in the order given. */
  outcomes: CheckOutcome[];
  /** What each module printed, sanitized, by module index. */
  outputs: string[];
}

/** Checks grouped by module, in the order the modules were given, for the child to load each module once. */
const inModuleOrder = (checks: RunCheck[]): RunCheck[] => [...checks].sort((a, b) => a.module - b.module);

/**
 * Runs `checks` against `modules`; `first` is a child spawned ahead of time, later runs get fresh ones.
 * The top-level code of a module failing fails all its checks; a check failing fails only itself.
 */
export async function runWorkspace(modules: JobModule[], checks: RunCheck[], limits: Limits, first = new Child(limits)): Promise<WorkspaceRun> {
  const outcomes = new Map<number, CheckOutcome>();
  const outputs: string[][] = modules.map(() => []);
  let pending = inModuleOrder(checks), child = first;
  while (pending.length > 0) {
    const job: Job = { modules, checks: pending.map(({ timeoutMs, ...check }) => check) };
    const { results, loadFailures, outputs: printed, stopped } = await child.run(job, pending.map((check) => check.timeoutMs));
    for (const [module, text] of printed) if (text) outputs[module].push(text);
    for (const [index, result] of results) outcomes.set(index, { kind: "result", ...result });
    const ofModule = (module: number) => pending.filter((check) => check.module === module);
    for (const [module, { thrown, durationMs }] of loadFailures) {
      for (const check of ofModule(module)) outcomes.set(check.index, { kind: "load-threw", thrown, durationMs, atLoad: true });
    }
    if (stopped !== undefined) {
      const { at, stop, durationMs } = stopped;
      const blamed = typeof at === "number" ? pending.filter((check) => check.index === at) : ofModule(at.load);
      for (const check of blamed) outcomes.set(check.index, { ...stop, durationMs, atLoad: typeof at !== "number" });
    }
    const rest = pending.filter((check) => !outcomes.has(check.index));
    if (rest.length === pending.length) throw new Error("a grading run made no progress");
    pending = rest;
    if (pending.length > 0) child = new Child(limits);
  }
  return { outcomes: checks.map((check) => outcomes.get(check.index)!), outputs: outputs.map((texts) => texts.join("\n")) };
}

// Runs one question's checks: a child for all of them, and a fresh child for the rest after a timeout or crash.
import { Child, type Limits, type Stop } from "./child.js";
import type { CallOutcome, Job, JobCheck } from "./protocol.js";

/** What happened to one check; `atLoad` when it was the file's top-level code that timed out or failed. */
export type CheckOutcome = ({ kind: "result"; calls: CallOutcome[] } | Stop) & { durationMs: number; atLoad?: boolean };

export interface QuestionRun {
  /** One per check, in the job's order. */
  outcomes: CheckOutcome[];
  /** What the solution printed, sanitized. */
  output: string;
}

/** `first` is a child spawned ahead of time; later runs get fresh ones. */
export async function runQuestion(module: Job["module"], checks: JobCheck[], limits: Limits, first = new Child(limits)): Promise<QuestionRun> {
  const outcomes = new Map<number, CheckOutcome>();
  const outputs: string[] = [];
  let pending = checks, child = first;
  while (pending.length > 0) {
    const { results, stopped } = await child.run({ module, checks: pending });
    outputs.push(child.output.text());
    for (const [index, result] of results) outcomes.set(index, { kind: "result", ...result });
    if (stopped !== undefined) {
      // The top-level code failing fails every check; a check failing fails only itself.
      const blamed = stopped.at === "load" ? pending : pending.filter((check) => check.index === stopped.at);
      for (const check of blamed) outcomes.set(check.index, { ...stopped.stop, durationMs: stopped.durationMs, atLoad: stopped.at === "load" });
    }
    const rest = pending.filter((check) => !outcomes.has(check.index));
    if (rest.length === pending.length) throw new Error("a grading run made no progress");
    pending = rest;
    if (pending.length > 0) child = new Child(limits);
  }
  return { outcomes: checks.map((check) => outcomes.get(check.index)!), output: outputs.filter(Boolean).join("\n") };
}

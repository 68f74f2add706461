// What crosses between the grader and its child: the job going in, and plain data coming back, one JSON line
// per frame on fd 3. Nothing here carries behaviour or a verdict; expected values never go in.
import type { Input } from "./spec.js";

export interface JobCall {
  function: string;
  args: string[];
}

export interface JobCheck {
  index: number;
  inputs: Input[];
  calls: JobCall[];
}

export interface JobModule {
  code: string;
  filename: string;
}

/** A workspace's run: each module (a question's bundled solution) loads in a realm of its own before its checks. */
export interface Job {
  modules: JobModule[];
  /** Grouped by module, in the order they run. */
  checks: (JobCheck & { module: number })[];
}

/** A value the solution returned, as data. Numbers are already decoded (see WIRE_NUMBERS). */
export type Described =
  | { kind: "undefined" }
  | { kind: "null" }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "tensor"; dtype: string; shape: number[]; numel: number; values: number[] }
  | { kind: "array"; length: number; items: Described[] }
  | { kind: "other"; type: string }
  | { kind: "unreadable"; message: string };

export type Thrown =
  | { kind: "error"; name: string; message: string; stack: string }
  | { kind: "value"; value: Described };

export type CallOutcome = { returned: Described } | { threw: Thrown } | { missing: string };

export type Frame =
  | { t: "ready" }
  | { t: "loaded"; module: number; threw?: Thrown }
  /** What the solution printed; `more` counts characters it printed past the harness's budget, not sent. */
  | { t: "out"; fd: 1 | 2; text: string; more: number }
  | { t: "begin"; check: number }
  | { t: "result"; check: number; calls: CallOutcome[] }
  | { t: "done" }
  /** A standby's last word before it exits, or is ended by a signal it can catch (no one else would learn how). */
  | { t: "exit"; code: number | null; signal: string | null };

/** JSON has no NaN, ±Infinity or -0: they travel as these strings. */
export const WIRE_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

/**
 * Caps the child applies and the parent enforces. A value the child describes is at most `outcome` characters
 * of JSON (a tensor of 4096 float32 values fits), so no honest frame comes near `frameBytes`. What a solution
 * prints travels in pieces of at most `outputFrame` characters, `outputModule` in all per module; the rest is counted.
 */
export const LIMITS = { values: 4096, items: 16, depth: 3, text: 2000, stack: 8000, outcome: 1 << 17, frameBytes: 1 << 23, outputFrame: 1 << 14, outputModule: 1 << 16 };

// One child process running a job: spawned with the sandbox's flags, watched against deadlines and memory,
// read frame by frame, and always killed (with its whole process group) when it finishes or misbehaves.
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { ToolError } from "./errors.js";
import { CapturedOutput } from "./output.js";
import { LIMITS, type CallOutcome, type Frame, type Job, type Thrown } from "./protocol.js";
import { parseFrame } from "./reply.js";
import { DEFAULT_HEAP_MB, discard, startHarness, startKeeperOnce, takeSpare, type Started } from "./spawn.js";

export interface Limits {
  /** Per check, and for the solution's top-level code. */
  timeoutMs: number;
  heapMb: number;
  rssMb: number;
  /** For the harness to start, before any of the solution runs. */
  startupMs: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 3000, heapMb: DEFAULT_HEAP_MB, rssMb: 512, startupMs: 15000 };

export type Stop =
  | { kind: "timeout" }
  | { kind: "crashed"; reason: string }
  | { kind: "load-threw"; thrown: Thrown };

/** Where a run was: loading a module (its top-level code), or running a check, by index. */
export type Step = { load: number } | number;

export interface Attempt {
  results: Map<number, { calls: CallOutcome[]; durationMs: number }>;
  /** Modules whose top-level code threw; the child skipped their checks. */
  loadFailures: Map<number, { thrown: Thrown; durationMs: number }>;
  /** What each module printed while it ran, sanitized. */
  outputs: Map<number, string>;
  /** Why the child stopped early, and at which step; -1 when every check had its answer. */
  stopped?: { at: Step; stop: Stop; durationMs: number };
}

export const NO_ANSWER = "the run ended without an answer for this check";

/** How long a stopped child's last output may lag behind its last reply (it takes milliseconds). */
const DRAIN_MS = 1000;

/** Children not yet cleaned up, for the exit and signal handlers. */
const live = new Set<Child>();

// NOTE: children run in their own process group, so a Ctrl-C in the terminal does not reach them: kill them
// on the way out, then let the signal do what it would have done.
let guarded = false;
function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", () => live.forEach((child) => child.dispose()));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      live.forEach((child) => child.dispose());
      // once the handler is gone, the re-sent signal gets its default action (end the process)
      if (process.listenerCount(signal) === 0) setImmediate(() => process.kill(process.pid, signal));
    });
  }
}

/** Calls `onLine` for each newline-terminated frame; a frame longer than the cap ends the reading, as an error. */
function readLines(stream: Readable, onLine: (line: string) => void, onOverflow: () => void): void {
  let parts: string[] = [], size = 0, overflowed = false;
  const overflow = () => {
    overflowed = true;
    parts = [];
    onOverflow();
  };
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    for (let start = 0, end: number; !overflowed; start = end + 1) {
      end = chunk.indexOf("\n", start);
      const piece = end < 0 ? chunk.slice(start) : chunk.slice(start, end);
      parts.push(piece);
      size += piece.length;
      if (size > LIMITS.frameBytes) return overflow();
      if (end < 0) return;
      const line = parts.join("");
      parts = [];
      size = 0;
      onLine(line);
    }
  });
}

/** The process's resident memory in MB, from Linux's /proc; 0 elsewhere (macOS, Windows: only the heap cap applies). */
function residentMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s*(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb === null ? 0 : Number(kb[1]) / 1024;
  } catch {
    return 0;
  }
}

function exitReason(code: number | null, signal: string | null, output: CapturedOutput, heapMb: number): string {
  if (/heap out of memory|Reached heap limit/.test(output.tail())) return `ran out of memory (heap limit ${heapMb} MB)`;
  if (signal !== null) return `was stopped by signal ${signal}`;
  // NOTE: a standby is not our child: it tells how it ends in a frame, unless it is killed outright
  if (code === null) return "ended unexpectedly (does the code call process.exit?)";
  return `exited with code ${code} (does the code call process.exit?)`;
}

/**
 * Lets this process end without waiting for a killed child that has answered everything to be gone: its kernel
 * takes milliseconds to free its memory, and its pipes would keep the event loop alive until then.
 */
function release(child: Started["process"]): void {
  child.unref();
  for (const stream of child.stdio) (stream as { unref?: () => void } | null)?.unref?.();
}

type Settle = { resolve: (attempt: Attempt) => void; reject: (error: ToolError) => void };

/**
 * One child's life. It is spawned at once (or taken as the spare), so that Node boots while the solutions are
 * being bundled, and waits for its job on stdin; then it reports its steps (ready, then for each module its
 * loading and its checks), each step under its own deadline.
 */
export class Child {
  /** Everything the process wrote on its own stdout and stderr, for telling how it died. */
  readonly #raw = new CapturedOutput();
  readonly #outputs = new Map<number, CapturedOutput>();
  readonly #results: Attempt["results"] = new Map();
  readonly #loadFailures: Attempt["loadFailures"] = new Map();
  readonly #spawned: Started;
  readonly #child: Started["process"];
  readonly #watchdog: NodeJS.Timeout;
  /** Settles when the child has exited and closed its pipes: all its output is in. */
  readonly #closed: Promise<unknown>;
  #settle: Settle | undefined;
  #exited: string | undefined;
  #job: Job = { modules: [], checks: [] };
  /** Each check's time limit, in the job's order; a module's top-level code gets its first check's. */
  #timeouts: number[] = [];
  #started = false;
  /** The job's next check without an answer, and the module loaded now. */
  #next = 0;
  #loaded = -1;
  #stepStart = Date.now();
  #deadline: NodeJS.Timeout | undefined;
  #finished = false;
  /** How a standby said it ends: not its parent, the grader would not learn it otherwise. */
  #lastWord: { code: number | null; signal: string | null } = { code: null, signal: null };

  constructor(private readonly limits: Limits) {
    guardExit();
    this.#spawned = takeSpare(limits.heapMb) ?? startHarness(limits.heapMb);
    this.#child = this.#spawned.process;
    live.add(this);
    this.#watchdog = setInterval(() => this.#checkMemory(), 100).unref();
    const tooLarge: Stop = { kind: "crashed", reason: "sent a reply larger than the grader accepts" };
    readLines(this.#child.stdio[3] as Readable, (line) => this.#onLine(line), () => this.#stop(tooLarge));
    const raw = (chunk: Buffer) => {
      this.#raw.add(chunk);
      this.#output().add(chunk);
    };
    this.#child.stdout!.on("data", raw);
    this.#child.stderr!.on("data", raw);
    this.#child.stdin!.on("error", () => {}); // it may die before reading its job: "close" reports that
    this.#child.on("error", (error) => this.#fail(`cannot start the grading process: ${error.message}`));
    this.#child.on("close", (code, signal) => this.#onClose(code, signal));
    this.#closed = new Promise((resolve) => this.#child.once("close", resolve));
  }

  /**
   * Runs the job, each check under its time limit in `timeouts` (in the job's order); resolves when the child is
   * done, stopped, or dead. A child runs one job.
   */
  run(job: Job, timeouts: number[]): Promise<Attempt> {
    return new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
      this.#job = job;
      this.#timeouts = timeouts;
      if (this.#exited !== undefined) return this.#fail(this.#exited);
      this.#arm(this.limits.startupMs);
      this.#child.stdin!.end(JSON.stringify(job) + "\n");
    });
  }

  /** Kills a child that will not be given a job. */
  dispose(): void {
    this.#cleanUp();
  }

  /** The step running now: a module's top-level code, the first check without an answer, or -1 after the last. */
  #current(): Step {
    const check = this.#job.checks[this.#next];
    if (check === undefined) return -1;
    return check.module === this.#loaded ? check.index : { load: check.module };
  }

  /** The module whose code runs now, which what the process prints belongs to. */
  #output(): CapturedOutput {
    const module = this.#job.checks[this.#next]?.module ?? this.#loaded;
    let output = this.#outputs.get(module);
    if (output === undefined) this.#outputs.set(module, (output = new CapturedOutput()));
    return output;
  }

  /** Arms the deadline of the step that comes now, if any. */
  #armNext(): void {
    if (this.#next < this.#job.checks.length) this.#arm(this.#timeouts[this.#next]);
    else clearTimeout(this.#deadline);
  }

  #arm(ms: number): void {
    clearTimeout(this.#deadline);
    this.#stepStart = Date.now();
    this.#deadline = setTimeout(() => {
      if (!this.#started) this.#fail(`the grading process did not start within ${ms / 1000} s`);
      else this.#stop({ kind: "timeout" });
    }, ms);
  }

  #checkMemory(): void {
    if (residentMb(this.#child.pid!) > this.limits.rssMb) {
      this.#stop({ kind: "crashed", reason: `used more than ${this.limits.rssMb} MB of memory` });
    }
  }

  #onLine(line: string): void {
    if (this.#finished) return;
    try {
      this.#onFrame(parseFrame(line));
    } catch (error) {
      this.#stop({ kind: "crashed", reason: `sent a reply the grader cannot read (${(error as Error).message})` });
    }
  }

  #onFrame(frame: Frame): void {
    const step = this.#started ? this.#current() : null;
    const isCheck = (check: number) => typeof step === "number" && step === check;
    if (frame.t === "ready" && !this.#started) {
      this.#started = true;
      this.#armNext();
      startKeeperOnce(); // while this child works
    } else if (frame.t === "out" && this.#started) {
      this.#output().add(Buffer.from(frame.text), frame.more);
    } else if (frame.t === "loaded" && typeof step === "object" && step !== null && frame.module === step.load) {
      this.#onLoaded(frame.module, frame.threw);
    } else if (frame.t === "begin" && isCheck(frame.check)) {
      this.#arm(this.#timeouts[this.#next]);
    } else if (frame.t === "result" && isCheck(frame.check)) {
      this.#results.set(frame.check, { calls: frame.calls, durationMs: Date.now() - this.#stepStart });
      this.#next++;
      this.#armNext();
    } else if (frame.t === "exit") {
      this.#lastWord = frame;
    } else if (frame.t === "done" && this.#started) {
      this.#stop(this.#next < this.#job.checks.length ? { kind: "crashed", reason: NO_ANSWER } : undefined);
    } else {
      this.#stop({ kind: "crashed", reason: `sent a reply out of order (${frame.t})` });
    }
  }

  /** A module loaded: its checks come next, or, when its top-level code threw, the next module's. */
  #onLoaded(module: number, threw: Thrown | undefined): void {
    if (threw === undefined) {
      this.#loaded = module;
    } else {
      this.#loadFailures.set(module, { thrown: threw, durationMs: Date.now() - this.#stepStart });
      while (this.#job.checks[this.#next]?.module === module) this.#next++;
    }
    this.#armNext();
  }

  #onClose(code: number | null, signal: string | null): void {
    if (this.#started) return this.#stop({ kind: "crashed", reason: exitReason(code ?? this.#lastWord.code, signal ?? this.#lastWord.signal, this.#raw, this.limits.heapMb) });
    const detail = this.#raw.tail(400).trim().split("\n").pop() || `exit code ${code}`;
    this.#fail(`the grading process failed to start (${detail})`);
  }

  #cleanUp(): boolean {
    if (this.#finished) return false;
    this.#finished = true;
    live.delete(this);
    clearTimeout(this.#deadline);
    clearInterval(this.#watchdog);
    discard(this.#spawned);
    return true;
  }

  #stop(stop?: Stop): void {
    const at = this.#current(), durationMs = Date.now() - this.#stepStart;
    if (!this.#settle || !this.#cleanUp()) return;
    const { resolve } = this.#settle;
    const outputs = () => new Map([...this.#outputs].map(([module, output]) => [module, output.text()]));
    // NOTE: what the solution prints comes with the replies, in order; only a dying Node writes on its own
    // stdout and stderr (V8's out-of-memory message), which may lag behind: after a stop, settle once the
    // killed child has closed them.
    if (stop === undefined) release(this.#child);
    const drained = stop === undefined ? Promise.resolve() : Promise.race([this.#closed, delay(DRAIN_MS, undefined, { ref: false })]);
    void drained.then(() =>
      resolve({ results: this.#results, loadFailures: this.#loadFailures, outputs: outputs(), stopped: stop && { at, stop, durationMs } }),
    );
  }

  #fail(message: string): void {
    if (this.#settle === undefined) this.#exited ??= message;
    else if (this.#cleanUp()) this.#settle.reject(new ToolError(message));
  }
}

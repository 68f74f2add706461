// `autograd-ex watch [question]`: re-checks on every save of a solution (or a file it imports) and redraws the
// result, keeps going through syntax errors, and points to the next unfinished question. Keys: h n l q.
import { resolve } from "node:path";
import { Chalk, type ChalkInstance } from "chalk";
import { bundleCacheDir } from "../grader/bundle-cache.js";
import { DEFAULT_LIMITS, type Limits } from "../grader/child.js";
import { ToolError } from "../grader/errors.js";
import { grade, type QuestionReport } from "../grader/grade.js";
import { gradeProblems, manifestProblems } from "../grader/problems.js";
import { textReport } from "../grader/report-text.js";
import { discardSpare, keepSpare } from "../grader/spawn.js";
import { isProblemName, loadManifest, type Question } from "../grader/spec.js";
import { openWorkspace, solutionFile } from "../grader/workspace.js";
import { findItem, hintText, revealHints } from "./hint.js";
import type { Io } from "./io.js";
import { questionStatus } from "./list.js";
import { SourceWatcher } from "./watch-files.js";

export interface WatchOptions {
  dir: string;
  poll: boolean;
  /** Seconds per check. */
  timeout: number;
}

/** Where keys come from: a terminal (raw mode, one key at a time) or a pipe (each character is a key). */
export type KeyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export const KEYS = "h hint · n next question · l list · q quit";
export const ALL_DONE = "Every problem and question passes. Well done!";
export const NEXT = (item: Question) => `Next unfinished: ${item.id} — ${item.title} (press n)`;
const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

/** The written problems first, as in the notebook, then the questions. */
const watchedItems = (): Question[] => [...manifestProblems(), ...loadManifest().questions];

async function gradeItems(workspace: string, items: Question[], limits: Limits): Promise<QuestionReport[]> {
  const problems = items.filter((item) => isProblemName(item.id));
  try {
    const [graded, written] = await Promise.all([
      grade(workspace, items.filter((item) => !isProblemName(item.id)), limits, { bundleCache: bundleCacheDir(process.env) }),
      gradeProblems(workspace, problems, limits),
    ]);
    return items.map((item) => [...graded, ...written].find((report) => report.question.id === item.id)!);
  } finally {
    keepSpare(limits.heapMb); // the next save's child, booting while the student edits
  }
}

class Session {
  readonly status = new Map<string, string>();
  readonly #reports = new Map<string, QuestionReport>();
  readonly c: ChalkInstance;
  current: Question;
  /** The current item's last report. */
  report: QuestionReport | null = null;
  /** Why the last check could not run, shown instead of a report. */
  problem: string | null = null;
  /** A hint or the list, shown under the report until the next check. */
  extra = "";
  #queue: Promise<void> = Promise.resolve();
  #checkQueued = false;

  constructor(readonly workspace: string, readonly items: Question[], readonly limits: Limits, readonly io: Io, readonly tty: boolean) {
    this.c = new Chalk({ level: io.color ? 1 : 0 });
    this.current = items[0];
  }

  /** Runs actions one at a time, in order; a re-check already waiting is not queued twice. */
  enqueue(action: () => Promise<void> | void, isCheck = false): void {
    if (isCheck && this.#checkQueued) return;
    if (isCheck) this.#checkQueued = true;
    this.#queue = this.#queue.then(async () => {
      if (isCheck) this.#checkQueued = false;
      try {
        await action();
      } catch (error) {
        this.problem = `internal error: ${(error as Error)?.message ?? error}`; // shown, and the watching goes on
        this.draw("error");
      }
    });
  }

  #keep(report: QuestionReport): void {
    this.#reports.set(report.question.id, report);
    this.status.set(report.question.id, questionStatus(report));
  }

  async gradeAll(): Promise<void> {
    (await gradeItems(this.workspace, this.items, this.limits)).forEach((report) => this.#keep(report));
  }

  /** Moves to `item` and re-checks it, or shows its last report with `fresh` false. */
  async moveTo(item: Question, fresh = true): Promise<void> {
    this.current = item;
    this.extra = "";
    if (fresh) await this.check();
    this.report = this.#reports.get(item.id) ?? null;
  }

  async check(): Promise<void> {
    try {
      (await gradeItems(this.workspace, [this.current], this.limits)).forEach((report) => this.#keep(report));
      this.problem = null;
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      this.problem = error.message; // e.g. the workspace was moved: say so and keep watching
    }
  }

  /** The first unfinished item after `from` (from the start without it), going round; null when all pass. */
  unfinished(from?: Question): Question | null {
    const at = from === undefined ? -1 : this.items.findIndex((item) => item.id === from.id);
    const order = [...this.items.slice(at + 1), ...this.items.slice(0, at + 1)];
    return order.find((item) => this.status.get(item.id) !== "passed") ?? null;
  }

  draw(reason: string): void {
    const { c } = this;
    const title = `${c.bold(`autograd-ex watch — ${this.current.id}`)} ${c.dim(`${this.current.title} · ${reason} at ${new Date().toLocaleTimeString()}`)}`;
    const body = this.problem ?? (this.report === null ? "" : textReport([this.report], this.io.color).trimEnd());
    const next = this.unfinished(this.current);
    const done = this.status.get(this.current.id) === "passed";
    const footer = next === null ? c.green(ALL_DONE) : next.id === this.current.id ? "" : (done ? c.green(`✓ ${this.current.id} passes. `) : "") + NEXT(next);
    const screen = [title, body, this.extra, footer, c.dim(KEYS)].filter((part) => part !== "").join("\n\n") + "\n";
    // NOTE: a pipe gets no escape codes: each drawing follows the last one, under a rule
    this.io.out(this.tty ? CLEAR + screen : `${"─".repeat(40)}\n${screen}`);
  }

  /** The item a save is about: the question whose file it is, a problem for problems.ts, else the current one. */
  owner(paths: string[]): Question {
    const owners = this.items.filter((item) => paths.some((path) => resolve(this.workspace, path) === solutionFile(this.workspace, item)));
    if (owners.length === 0 || owners.some((item) => item.id === this.current.id)) return this.current;
    return owners.find((item) => this.status.get(item.id) !== "passed") ?? owners[0];
  }

  /** A save: re-check the question it is about (a helper file's save re-checks the current one). */
  onChange(paths: string[]): void {
    this.enqueue(async () => {
      await this.moveTo(this.owner(paths));
      this.draw(`${paths.join(", ")} changed`);
    }, true);
  }

  onKey(key: string): "quit" | void {
    if (key === "q" || key === "\x03") return "quit";
    if (key === "h") {
      this.enqueue(() => {
        this.extra = hintText(this.current, revealHints(this.workspace, this.current, false), this.io.color).trimEnd();
        this.draw("hint");
      });
    } else if (key === "n") {
      this.enqueue(async () => {
        await this.moveTo(this.unfinished(this.current) ?? this.current);
        this.draw("next question");
      });
    } else if (key === "l") {
      this.enqueue(() => {
        this.extra = this.list();
        this.draw("list");
      });
    }
  }

  /** Every item with where it stands, the current one marked. */
  list(): string {
    const line = (item: Question) => `${item.id === this.current.id ? "›" : " "} ${item.id.padEnd(3)} ${(this.status.get(item.id) ?? "").padEnd(14)} ${item.title}`;
    return this.items.map(line).join("\n");
  }

  settled(): Promise<void> {
    return this.#queue;
  }
}

/** Signals that end watch as q does, so that it kills its spare child and removes its folder (a closed terminal: SIGHUP). */
const QUIT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Reads keys until q (or Ctrl-C, or one of QUIT_SIGNALS); resolves then. */
function readKeys(input: KeyInput, onKey: (key: string) => "quit" | void): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      input.removeListener("data", onData);
      for (const signal of QUIT_SIGNALS) process.removeListener(signal, finish);
      if (input.isTTY) input.setRawMode?.(false);
      (input as { destroy?: () => void }).destroy?.(); // NOTE: an open stdin would keep the process alive
      done();
    };
    const onData = (chunk: Buffer | string) => {
      for (const key of String(chunk)) if (onKey(key) === "quit") return finish();
    };
    if (input.isTTY) input.setRawMode?.(true);
    input.on("data", onData);
    input.resume();
    for (const signal of QUIT_SIGNALS) process.once(signal, finish);
  });
}

export async function watchCommand(name: string | undefined, options: WatchOptions, io: Io, input: KeyInput = process.stdin, tty = process.stdout.isTTY === true): Promise<number> {
  const given = name === undefined ? undefined : findItem(name).id;
  const items = watchedItems();
  const workspace = openWorkspace(resolve(io.cwd, options.dir), items);
  const session = new Session(workspace, items, { ...DEFAULT_LIMITS, timeoutMs: options.timeout * 1000 }, io, tty);
  await session.gradeAll();
  await session.moveTo(items.find((item) => item.id === given) ?? session.unfinished() ?? items[0], false);
  const watcher = new SourceWatcher(workspace, (paths) => session.onChange(paths), options.poll);
  session.draw(watcher.polling ? "watching (polling for changes)" : "watching");
  await readKeys(input, (key) => session.onKey(key));
  watcher.close();
  await session.settled();
  discardSpare();
  return 0;
}

// `autograd-ex hint <question>`: graduated hints, one more each time it is asked, counted in the workspace's
// .autograd-ex/state.json; --all shows them all. Hints point the way and never give the solution.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Chalk } from "chalk";
import { makeDirectory } from "../grader/directories.js";
import { ToolError } from "../grader/errors.js";
import { manifestProblems } from "../grader/problems.js";
import { loadManifest, type Manifest, type Question } from "../grader/spec.js";
import { openWorkspace } from "../grader/workspace.js";
import type { Io } from "./io.js";
import { UNKNOWN_QUESTION } from "./questions.js";
import { wrap } from "./text.js";

/** A question or written problem with its graduated hints (the manifest's `hints`). */
type Hinted = Question & { hints?: string[] };

export const STATE_FILE = join(".autograd-ex", "state.json");
export const MORE = (id: string) => `Run "npx autograd-ex hint ${id}" again for the next one.`;
export const LAST = (id: string) =>
  `That was the last hint for ${id}. The check's messages${id.startsWith("q") ? ` and "npx autograd-ex graph ${id}"` : ""} can tell you more.`;

interface State {
  /** How many hints of each question have been shown. */
  hints: Record<string, number>;
}

function readState(workspace: string): State {
  try {
    const state = JSON.parse(readFileSync(join(workspace, STATE_FILE), "utf8")) as Partial<State>;
    return { ...state, hints: typeof state.hints === "object" && state.hints !== null ? state.hints : {} };
  } catch {
    return { hints: {} }; // none yet, or damaged: start again
  }
}

function writeState(workspace: string, state: State): void {
  const file = join(workspace, STATE_FILE);
  makeDirectory(dirname(file));
  writeFileSync(file, JSON.stringify(state, null, 2) + "\n");
}

/** Every question and written problem, with their hints. */
export function hintedItems(manifest: Manifest = loadManifest()): Hinted[] {
  return [...manifest.questions, ...manifestProblems(manifest)];
}

export function findItem(name: string, manifest: Manifest = loadManifest()): Hinted {
  const items = hintedItems(manifest);
  const item = items.find((it) => it.id === name);
  if (item === undefined) throw new ToolError(UNKNOWN_QUESTION(name, items.map((it) => it.id)));
  return item;
}

/** The hints shown so far after one more (or all) of them, remembered in the workspace. */
export function revealHints(workspace: string, item: Hinted, all: boolean): string[] {
  const hints = item.hints ?? [item.hint];
  const state = readState(workspace);
  const before = Number.isInteger(state.hints[item.id]) ? state.hints[item.id] : 0;
  const shown = all ? hints.length : Math.min(Math.max(before, 0) + 1, hints.length);
  writeState(workspace, { ...state, hints: { ...state.hints, [item.id]: shown } });
  return hints.slice(0, shown);
}

export function hintText(item: Hinted, shown: string[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const total = (item.hints ?? [item.hint]).length;
  const lines = shown.map((hint, i) => wrap(`${i + 1}. ${hint}`, 100, "   "));
  const last = lines.pop()!;
  const next = shown.length < total ? MORE(item.id) : LAST(item.id);
  return [`${c.bold(item.id)} ${c.dim(`— ${item.title}`)}: hint ${shown.length} of ${total}`, "", ...lines.map((line) => c.dim(line)), c.bold(last), "", c.dim(next)].join("\n") + "\n";
}

export function hint(name: string, options: { dir: string; all: boolean }, io: Io): number {
  const manifest = loadManifest();
  const item = findItem(name, manifest);
  const workspace = openWorkspace(resolve(io.cwd, options.dir), hintedItems(manifest));
  io.out(hintText(item, revealHints(workspace, item, options.all), io.color));
  return 0;
}

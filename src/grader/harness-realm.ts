// Runs in the child: a fresh realm for each question's solution, with its own built-ins (Math, Array.prototype,
// JSON, …) and its own copy of the core, so that what one solution patches or leaves set (a prototype, grad mode,
// the random generator) cannot change how another question of the same workspace is graded.
// NOTE: a realm is hygiene, not a security boundary: the child process, its permissions and the parent's
// verdicts are that. The Node globals a solution may use are the harness's own, shared by all realms.
import { createContext, Script, type Context } from "node:vm";
import source from "autograd-ex:core-source";
import type * as Core from "../core/index.js";

/** Node's globals besides the language's own that a solution may use (fetch is not one: see closeDoors). */
const NODE_GLOBALS = [
  "console", "process", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate",
  "queueMicrotask", "structuredClone", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "atob", "btoa",
  "performance", "crypto", "Buffer", "AbortController", "AbortSignal", "Event", "EventTarget",
];

let core: Script | undefined;

export interface Realm {
  context: Context;
  core: typeof Core;
}

/** A new realm with the core loaded in it; `globals` are the values of NODE_GLOBALS the solution gets. */
export function newRealm(globals: Record<string, unknown>): Realm {
  const context = createContext({}, { codeGeneration: { strings: false, wasm: true } });
  const global = new Script("globalThis").runInContext(context) as Record<string, unknown>;
  for (const name of NODE_GLOBALS) if (name in globals) global[name] = globals[name];
  global.global = global;
  core ??= new Script(source, { filename: "autograd-ex/core.js" });
  return { context, core: core.runInContext(context) as typeof Core };
}

/** The Node globals as the harness has set them up, read once before any solution runs. */
export function nodeGlobals(): Record<string, unknown> {
  const host = globalThis as unknown as Record<string, unknown>;
  return Object.fromEntries(NODE_GLOBALS.filter((name) => name in host).map((name) => [name, host[name]]));
}

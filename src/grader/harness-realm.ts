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

/** Makes `name` a global of the realm whose value is read from `host` when first used, then is a plain one. */
function lend(global: Record<string, unknown>, host: Record<string, unknown>, name: string): void {
  const settle = (value: unknown) => Object.defineProperty(global, name, { value, writable: true, configurable: true });
  // NOTE: lazily, as Node's own globals are: reading `crypto` loads webcrypto (~5 ms), which most runs never use
  Object.defineProperty(global, name, {
    get: () => (settle(host[name]), host[name]),
    set: settle,
    configurable: true,
  });
}

/** A new realm with the core loaded in it; the solution gets the NODE_GLOBALS of `host` (the harness's). */
export function newRealm(host: Record<string, unknown>): Realm {
  const context = createContext({}, { codeGeneration: { strings: false, wasm: true } });
  const global = new Script("globalThis").runInContext(context) as Record<string, unknown>;
  for (const name of NODE_GLOBALS) if (name in host) lend(global, host, name);
  global.global = global;
  core ??= new Script(source, { filename: "autograd-ex/core.js" });
  return { context, core: core.runInContext(context) as typeof Core };
}

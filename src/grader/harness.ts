// The child's trusted side: reads the job from stdin, loads each bundled solution in a realm of its own, makes
// the requested calls and reports each outcome, and what the solutions print, as plain data on fd 3. It decides
// nothing: the parent holds the expected values. Started as a standby (`--standby <idle ms>`), it makes its
// realms first, then takes the job and sends the frames over one connection to its socket.
// NOTE: everything used after a solution loads is captured first (see harness-describe.ts); loops are indexed
// and arguments passed with Reflect.apply, because iteration goes through prototypes a solution may replace.
import { Console } from "node:console";
import { readSync, writeSync } from "node:fs";
import { constants } from "node:os";
import type { Writable } from "node:stream";
import { types } from "node:util";
import { compileFunction } from "node:vm";
import { describe, describeThrown, errorLine, jsonText, useTensorClass } from "./harness-describe.js";
import { newRealm, type Realm } from "./harness-realm.js";
import { lazyRequire } from "./lazy.js";
import { LIMITS, type Job, type JobCheck, type JobModule } from "./protocol.js";
import type { Input } from "./spec.js";
import { STANDBY_FILES } from "./standby.js";

/** Where the job comes from and the frames go: stdin and fd 3, or a standby's connection. */
let input = 0;
let channel = 3;
const write = writeSync;
const encoder = new TextEncoder();
const encode = TextEncoder.prototype.encode;
const byteLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "byteLength")!.get!;
const isPromise = types.isPromise;
const { apply } = Reflect;
const decoder = new TextDecoder();
const decode = TextDecoder.prototype.decode;
const sliceString = String.prototype.slice;

export const IMPORT_REFUSED = 'solutions may import only "autograd-ex" and their own files';

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0, total = apply(byteLength, bytes, []) as number; done < total; ) {
    try {
      done += write(fd, bytes, done, total - done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

const send = (text: string): void => writeAll(channel, apply(encode, encoder, [text + "\n"]));

/** Printed text for the parent, in order with everything else it reads; `more` counts what was not sent. */
const sendOutput = (fd: 1 | 2, text: string, more = 0): void =>
  send('{"t":"out","fd":' + fd + ',"text":' + jsonText(text, LIMITS.outputFrame) + ',"more":' + more + "}");

/** A note of the harness's own on stderr. */
function report(label: string, error: unknown): void {
  sendOutput(2, "autograd-ex: " + label + ": " + errorLine(error) + "\n");
}

type Scope = Record<string, unknown>;

/** The realm's core functions that make a check's inputs, taken before its solution loads. */
type Makers = { FloatTensor: (values: unknown) => unknown; randn: (...size: number[]) => unknown; manual_seed: (seed: number) => unknown; Variable: (t: unknown, options: object) => unknown };

function makers(realm: Realm): Makers {
  const { torch, Variable } = realm.core;
  return { FloatTensor: torch.FloatTensor, randn: torch.randn, manual_seed: torch.manual_seed, Variable } as unknown as Makers;
}

function build(input: Input, make: Makers): unknown {
  if (input.manual_seed !== undefined) make.manual_seed(input.manual_seed);
  const t = input.randn !== undefined ? apply(make.randn, undefined, input.randn) : make.FloatTensor(input.tensor ?? []);
  return make.Variable(t, { requires_grad: input.requires_grad === true });
}

async function call(exports: Scope, name: string, args: unknown[]): Promise<string> {
  try {
    const fn = exports[name];
    if (typeof fn !== "function") return '{"missing":' + jsonText(typeof fn) + "}";
    let result = apply(fn, undefined, args);
    if (isPromise(result)) result = await result;
    return '{"returned":' + describe(result) + "}";
  } catch (error) {
    return '{"threw":' + describeThrown(error) + "}";
  }
}

async function runCheck(exports: Scope, check: JobCheck, make: Makers): Promise<void> {
  send('{"t":"begin","check":' + check.index + "}");
  const scope = { __proto__: null } as unknown as Scope;
  let setupFailed: string | null = null;
  try {
    for (let i = 0; i < check.inputs.length; i++) scope[check.inputs[i].name] = build(check.inputs[i], make);
  } catch (error) {
    setupFailed = '{"threw":' + describeThrown(error) + "}";
  }
  let outcomes = "";
  for (let i = 0; i < check.calls.length; i++) {
    const { function: name, args: names } = check.calls[i];
    const args: unknown[] = [];
    for (let j = 0; j < names.length; j++) args[j] = scope[names[j]];
    outcomes += (i === 0 ? "" : ",") + (setupFailed ?? (await call(exports, name, args)));
  }
  send('{"t":"result","check":' + check.index + ',"calls":[' + outcomes + "]}");
}

/** Loads module `index` of the job in `realm`; its exports, or null when its top-level code threw. */
function load(job: Job, index: number, realm: Realm): Scope | null {
  const { code, filename } = job.modules[index] as JobModule;
  const module = { exports: {} as Scope };
  const requireCore = (id: string): unknown => {
    if (id === "autograd-ex") return realm.core;
    throw new Error(`Cannot import "${id}": ${IMPORT_REFUSED}.`);
  };
  try {
    const body = compileFunction(code, ["exports", "require", "module"], { filename, parsingContext: realm.context });
    body(module.exports, requireCore, module);
  } catch (error) {
    send('{"t":"loaded","module":' + index + ',"threw":' + describeThrown(error) + "}");
    return null;
  }
  send('{"t":"loaded","module":' + index + "}");
  return module.exports;
}

/** Characters of output still to forward for the module running now; the rest is only counted. */
let outputRoom = 0;

/** Text a solution printed on `fd`, as frames of at most LIMITS.outputFrame characters. */
function sendText(fd: 1 | 2, text: string): void {
  for (let start = 0; start < text.length; start += LIMITS.outputFrame) {
    const piece = apply(sliceString, text, [start, start + LIMITS.outputFrame]) as string;
    const sent = outputRoom > 0 ? piece : "";
    outputRoom -= sent.length;
    sendOutput(fd, sent, piece.length - sent.length);
  }
}

// NOTE: node:stream (about 20 internal modules) loads only when a solution touches process.stdin/stdout/stderr;
// console.log, which nearly all use, writes to the frames directly
const stream = lazyRequire<typeof import("node:stream")>("node:stream");

/** A stream for a solution's process.stdout/stderr: what it writes goes to the parent as frames. */
function framedOutput(fd: 1 | 2): Writable {
  return new (stream().Writable)({
    write(chunk: Buffer | string, _encoding, done) {
      sendText(fd, typeof chunk === "string" ? chunk : (apply(decode, decoder, [chunk]) as string));
      done();
    },
  });
}

/** Defines `name` on `object` as the value `make` returns, made on first use. */
function lazyValue(object: object, name: string, make: () => unknown): void {
  Object.defineProperty(object, name, {
    get: () => {
      const value = make();
      Object.defineProperty(object, name, { value, enumerable: true, configurable: false, writable: false });
      return value;
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * process's other ways out: raw bindings, addons, the debugger's signal to another process, the sockets in use,
 * and the harness's own module (mainModule.require would load any built-in: the harness is CommonJS).
 */
const REMOVED = ["getBuiltinModule", "binding", "_linkedBinding", "dlopen", "_debugProcess", "_debugEnd", "_getActiveHandles", "_getActiveRequests", "mainModule"];

/**
 * Ways around the permission model that no solution needs. NOTE: Node 20's permission model covers neither the
 * network nor signals. process.stdout on a pipe is a net.Socket, whose class connects anywhere (TCP, a Unix
 * socket such as Docker's): the standard streams and the console are replaced before any socket exists. Signals
 * may go only to this process (Node's kill calls process._kill). fetch is removed.
 */
function closeDoors(): void {
  const unsafe = process as unknown as Record<string, unknown>;
  lazyValue(process, "stdin", () => stream().Readable.from([]));
  lazyValue(process, "stdout", () => framedOutput(1));
  lazyValue(process, "stderr", () => framedOutput(2));
  // NOTE: with ignoreErrors: false, a console calls write(text) of its streams and nothing else
  const sink = (fd: 1 | 2) => ({ write: (text: string) => (sendText(fd, text), true) }) as unknown as NodeJS.WritableStream;
  globalThis.console = new Console({ stdout: sink(1), stderr: sink(2), ignoreErrors: false });
  const kill = unsafe._kill as (pid: number, signal: number) => number, self = process.pid;
  unsafe._kill = (pid: number, signal: number) => (pid === self ? (beforeOwnSignal(signal), kill(pid, signal)) : -1); // -1: EPERM
  for (const name of REMOVED) delete unsafe[name];
  // the C library read its settings (spawn.ts's HARNESS_ENV) at startup: solutions see no environment
  for (const name of Object.keys(process.env)) delete process.env[name];
  // process.report describes the machine (host name, addresses); Node itself reads only this flag of it
  Object.defineProperty(process, "report", { value: { reportOnUncaughtException: false } });
  delete (globalThis as Record<string, unknown>).fetch;
}

/**
 * The job: one line of JSON. NOTE: read up to its newline, not to the end of the stream: the parent's end
 * closes a turn of its event loop later, after what it does meanwhile.
 */
function readJob(fd: number): Job {
  const chunks: Buffer[] = [], buffer = Buffer.allocUnsafe(1 << 16);
  for (let n = readSync(fd, buffer); n > 0; n = buffer[n - 1] === 0x0a ? 0 : readSync(fd, buffer)) {
    chunks[chunks.length] = Buffer.from(buffer.subarray(0, n));
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Job;
}

const net = lazyRequire<typeof import("node:net")>("node:net");
/** The connection a standby took its job on: kept, since collecting it would close its descriptor. */
let connection: unknown;

/** Signals that do not end a Node process (it ignores them, handles them, or stops). */
const NOT_ENDING = new Set(["SIGUSR1", "SIGPIPE", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGWINCH"]);
const signalNames = new Map(Object.entries(constants.signals).map(([name, number]) => [number as number, name]));
/** Whether a signal the process sends itself is told of first (a standby's is; a spawned child's parent sees it). */
let tellsSignals = false;

/** Before a signal a solution sends its own process: a standby tells the parent, if it will end the process. */
function beforeOwnSignal(signal: number): void {
  const name = signalNames.get(signal);
  if (!tellsSignals || name === undefined || NOT_ENDING.has(name) || (name !== "SIGKILL" && process.listenerCount(name) > 0)) return;
  send('{"t":"exit","signal":"' + name + '"}');
}

/** A standby's wait: for the first connection to its socket (whose descriptor it returns), or for `idleMs`. */
function standBy(idleMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const idle = setTimeout(() => process.exit(0), idleMs);
    const server = net().createServer({ pauseOnConnect: true }, (socket) => {
      clearTimeout(idle);
      server.close();
      connection = socket;
      // NOTE: read and written with readSync and writeSync, as stdin and fd 3 are: blocking, with nothing of the
      // event loop's reading from it
      const handle = (socket as unknown as { _handle: { fd: number; setBlocking(blocking: boolean): number } })._handle;
      handle.setBlocking(true);
      // how it ends would otherwise reach no one: a standby's parent is gone
      process.on("exit", (code) => send('{"t":"exit","code":' + code + "}"));
      tellsSignals = true;
      resolve(handle.fd);
    });
    server.on("error", reject);
    server.listen(STANDBY_FILES.socket);
  });
}

/** Realms a standby makes ahead: one per exercise question and one more. */
const STANDBY_REALMS = 4;

async function main(): Promise<void> {
  const standby = process.argv[2] === "--standby" ? Number(process.argv[3]) : undefined;
  closeDoors();
  const globals = globalThis as unknown as Record<string, unknown>; // as closeDoors left them
  // made while the parent may still be bundling, or while a standby waits
  const ahead: (Realm | undefined)[] = [newRealm(globals)];
  if (standby !== undefined) {
    while (ahead.length < STANDBY_REALMS) ahead[ahead.length] = newRealm(globals);
    input = channel = await standBy(standby);
  }
  // NOTE: a job that cannot be read (the parent is gone: empty stdin) throws here and ends the process
  const job = readJob(input);
  process.on("uncaughtException", (error) => report("uncaught exception outside a checked call", error));
  process.on("unhandledRejection", (error) => report("unhandled promise rejection", error));
  // NOTE: without a pending handle, awaiting a promise that never settles would end the process (exit code 13)
  // instead of running into the parent's deadline.
  setInterval(() => {}, 1 << 30);
  send('{"t":"ready"}');
  let module = -1, exports: Scope | null = null, make: Makers | undefined, made = 0;
  for (let i = 0; i < job.checks.length; i++) {
    const check = job.checks[i];
    if (check.module !== module) {
      module = check.module;
      outputRoom = LIMITS.outputModule;
      const realm = ahead[made] ?? newRealm(globals);
      ahead[made++] = undefined;
      make = makers(realm);
      useTensorClass(realm.core.Tensor);
      exports = load(job, module, realm);
    }
    if (exports !== null) await runCheck(exports, check, make!);
  }
  send('{"t":"done"}');
}

// NOTE: bundled as CommonJS (no top-level await): a child starts faster without the ES module loader
void main();

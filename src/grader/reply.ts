// The parent's reading of the child's frames: anything that is not exactly the protocol's plain data is rejected,
// and every string in it (a message, a stack, a returned string) is made inert before anyone prints it.
import { sanitize } from "./output.js";
import { LIMITS, WIRE_NUMBERS, type CallOutcome, type Described, type Frame, type Thrown } from "./protocol.js";

export class ProtocolError extends Error {}

type Json = Record<string, unknown>;

const fail = (what: string): never => {
  throw new ProtocolError(what);
};

function object(value: unknown, what: string): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : fail(`${what} is not an object`);
}

function text(value: unknown, what: string, max = LIMITS.text): string {
  return typeof value === "string" && value.length <= max ? sanitize(value) : fail(`${what} is not a string`);
}

function count(value: unknown, what: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : fail(`${what} is not a count`);
}

function list(value: unknown, what: string, max: number): unknown[] {
  return Array.isArray(value) && value.length <= max ? value : fail(`${what} is not a list of at most ${max}`);
}

export function wireNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && Object.hasOwn(WIRE_NUMBERS, value)) return WIRE_NUMBERS[value];
  return fail("a value is not a number");
}

function tensor(data: Json): Described {
  const shape = list(data.shape, "shape", 16).map((d) => count(d, "a dimension"));
  const numel = count(data.numel, "numel");
  const values = list(data.values, "values", LIMITS.values).map(wireNumber);
  if (shape.reduce((a, b) => a * b, 1) !== numel || values.length !== Math.min(numel, LIMITS.values)) {
    fail("a tensor's shape, size and values disagree");
  }
  return { kind: "tensor", dtype: text(data.dtype, "dtype", 32), shape, numel, values };
}

export function described(value: unknown, depth = 0): Described {
  if (depth > LIMITS.depth) fail("values are nested too deeply");
  const data = object(value, "a value");
  switch (data.kind) {
    case "undefined":
    case "null":
      return { kind: data.kind };
    case "number":
      return { kind: "number", value: wireNumber(data.value) };
    case "boolean":
      return typeof data.value === "boolean" ? { kind: "boolean", value: data.value } : fail("not a boolean");
    case "string":
      return { kind: "string", value: text(data.value, "a string") };
    case "tensor":
      return tensor(data);
    case "array": {
      const items = list(data.items, "items", LIMITS.items).map((item) => described(item, depth + 1));
      return { kind: "array", length: count(data.length, "length"), items };
    }
    case "other":
      return { kind: "other", type: text(data.type, "type", 32) };
    case "unreadable":
      return { kind: "unreadable", message: text(data.message, "message") };
    default:
      return fail("unknown kind of value");
  }
}

function thrown(value: unknown): Thrown {
  const data = object(value, "a thrown value");
  if (data.kind === "value") return { kind: "value", value: described(data.value, 1) };
  if (data.kind !== "error") fail("unknown kind of thrown value");
  return {
    kind: "error",
    name: text(data.name, "name"),
    message: text(data.message, "message"),
    stack: text(data.stack, "stack", LIMITS.stack),
  };
}

function outcome(value: unknown): CallOutcome {
  const data = object(value, "a call's outcome");
  if ("returned" in data) return { returned: described(data.returned) };
  if ("threw" in data) return { threw: thrown(data.threw) };
  if ("missing" in data) return { missing: text(data.missing, "missing", 32) };
  return fail("a call's outcome is empty");
}

/** One line from fd 3 as a frame, or a ProtocolError. */
export function parseFrame(line: string): Frame {
  let data: Json;
  try {
    data = object(JSON.parse(line), "a frame");
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    return fail("a frame is not JSON");
  }
  switch (data.t) {
    case "ready":
    case "done":
      return { t: data.t };
    case "loaded":
      return { t: "loaded", module: count(data.module, "module"), ...(data.threw === undefined ? {} : { threw: thrown(data.threw) }) };
    case "out":
      if (data.fd !== 1 && data.fd !== 2) return fail("an output frame names no stream");
      if (typeof data.text !== "string" || data.text.length > LIMITS.outputFrame) return fail("an output frame's text is not a string");
      return { t: "out", fd: data.fd, text: data.text, more: count(data.more ?? 0, "more") };
    case "begin":
      return { t: "begin", check: count(data.check, "check") };
    case "result":
      return { t: "result", check: count(data.check, "check"), calls: list(data.calls, "calls", 64).map(outcome) };
    case "exit": {
      const code = data.code ?? null, signal = data.signal ?? null;
      const valid = (code === null || Number.isInteger(code)) && (signal === null || (typeof signal === "string" && /^SIG[A-Z0-9]{1,12}$/.test(signal)));
      if (!valid || (code === null) === (signal === null)) return fail("an exit frame needs a code or a signal");
      return { t: "exit", code: code as number | null, signal: signal as string | null };
    }
    default:
      return fail("unknown frame");
  }
}

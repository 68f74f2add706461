// Runs in the child: turns whatever the solution returned or threw into the protocol's JSON text.
// NOTE: this runs after untrusted code may have replaced globals and prototypes (Math, JSON, Array.prototype,
// the Tensor's methods). So it calls only functions captured when the harness loaded, never a method of the
// value it describes, and builds its text with `+` on primitives. Getters on the value may run and may lie:
// that is no more than returning made-up numbers, and the verdict is decided in the parent anyway.
import { Tensor } from "../core/index.js";
import { LIMITS } from "./protocol.js";

const { apply } = Reflect;
const quote = JSON.stringify; // on a primitive string it consults nothing patchable
const isArray = Array.isArray;
const hasInstance = Function.prototype[Symbol.hasInstance];
const typedArrayPrototype = Object.getPrototypeOf(Float32Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)!.get!;
const typedArrayLength = Object.getOwnPropertyDescriptor(typedArrayPrototype, "length")!.get!;
const sliceString = String.prototype.slice;

type Loose = Record<PropertyKey, unknown>;

const cut = (text: string, max = LIMITS.text): string => (text.length > max ? apply(sliceString, text, [0, max]) : text);

/** A number as JSON text; NaN, ±Infinity and -0 as the strings the parent decodes. */
export function wireNumber(value: number): string {
  if (value !== value) return '"NaN"';
  if (value === 1 / 0) return '"Infinity"';
  if (value === -1 / 0) return '"-Infinity"';
  if (value === 0 && 1 / value < 0) return '"-0"';
  return "" + value;
}

function readShape(shape: unknown): string | null {
  if (!isArray(shape)) return null;
  const length = (shape as unknown[]).length;
  if (typeof length !== "number" || length > 16) return null;
  let text = "";
  for (let i = 0; i < length; i++) {
    const size = (shape as unknown[])[i];
    if (typeof size !== "number" || !(size >= 0) || size % 1 !== 0) return null;
    text += (i === 0 ? "" : ",") + size;
  }
  return "[" + text + "]";
}

function describeTensor(t: Loose): string {
  const values = t._values as Float32Array;
  const shape = readShape(t._shape);
  const dtype = t.dtype;
  if (apply(typedArrayTag, values, []) !== "Float32Array" || shape === null) {
    return '{"kind":"unreadable","message":"a tensor whose storage has been replaced"}';
  }
  const numel = apply(typedArrayLength, values, []) as number;
  let product = 1;
  for (let i = 0, dims = t._shape as number[]; i < dims.length; i++) product *= dims[i];
  if (product !== numel) return '{"kind":"unreadable","message":"a tensor whose shape does not match its storage"}';
  let text = "";
  for (let i = 0; i < numel && i < LIMITS.values; i++) text += (i === 0 ? "" : ",") + wireNumber(values[i]);
  const type = typeof dtype === "string" ? cut(dtype, 32) : "unknown";
  return '{"kind":"tensor","dtype":' + quote(type) + ',"shape":' + shape + ',"numel":' + numel + ',"values":[' + text + "]}";
}

function describeArray(items: unknown[], depth: number): string {
  const length = items.length;
  if (typeof length !== "number" || !(length >= 0)) return '{"kind":"other","type":"object"}';
  let text = "";
  for (let i = 0; i < length && i < LIMITS.items; i++) text += (i === 0 ? "" : ",") + describe(items[i], depth + 1);
  return '{"kind":"array","length":' + length + ',"items":[' + text + "]}";
}

function describeUnsafe(value: unknown, depth: number): string {
  switch (typeof value) {
    case "undefined":
      return '{"kind":"undefined"}';
    case "number":
      return '{"kind":"number","value":' + wireNumber(value) + "}";
    case "boolean":
      return '{"kind":"boolean","value":' + (value ? "true" : "false") + "}";
    case "string":
      return '{"kind":"string","value":' + quote(cut(value)) + "}";
    case "object":
      if (value === null) return '{"kind":"null"}';
      if (apply(hasInstance, Tensor, [value])) return describeTensor(value as Loose);
      if (isArray(value) && depth < LIMITS.depth) return describeArray(value, depth);
      return '{"kind":"other","type":"object"}';
    default:
      return '{"kind":"other","type":' + quote(typeof value) + "}";
  }
}

/** The value as JSON text; reading it may throw (a proxy, a getter), which is described too. */
export function describe(value: unknown, depth = 0): string {
  try {
    return describeUnsafe(value, depth);
  } catch (error) {
    return '{"kind":"unreadable","message":' + quote("reading it threw " + textOf(error, "message")) + "}";
  }
}

function textOf(target: unknown, key: string, max = LIMITS.text): string {
  try {
    const value = (target as Loose)[key];
    return typeof value === "string" ? cut(value, max) : "";
  } catch {
    return "";
  }
}

/** A string as JSON text. */
export const jsonText = (text: string): string => quote(cut(text));

/** "Name: message" of a thrown value, for the output the student sees. */
export function errorLine(error: unknown): string {
  if ((typeof error !== "object" || error === null) && typeof error !== "function") return "a thrown " + typeof error;
  const name = textOf(error, "name"), message = textOf(error, "message");
  return name === "" && message === "" ? "an object with no readable name or message" : name + ": " + message;
}

/** A thrown value as JSON text: an object's name, message and stack, or a primitive's description. */
export function describeThrown(error: unknown): string {
  if ((typeof error !== "object" || error === null) && typeof error !== "function") {
    return '{"kind":"value","value":' + describe(error, 1) + "}";
  }
  const name = textOf(error, "name"), message = textOf(error, "message"), stack = textOf(error, "stack", LIMITS.stack);
  return '{"kind":"error","name":' + quote(name) + ',"message":' + quote(message) + ',"stack":' + quote(stack) + "}";
}

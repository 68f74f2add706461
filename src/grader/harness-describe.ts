// Runs in the child: turns whatever the solution returned or threw into the protocol's JSON text.
// NOTE: this runs after untrusted code may have replaced globals and prototypes (Math, JSON, Array.prototype,
// the Tensor's methods). So it calls only functions captured when the harness loaded, never a method of the
// value it describes, and builds its text with `+` on primitives. Getters on the value may run and may lie:
// that is no more than returning made-up numbers, and the verdict is decided in the parent anyway.
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

/** The Tensor class of the realm whose values are described now (each question's solution has its own core). */
let Tensor: unknown = null;

export function useTensorClass(tensorClass: unknown): void {
  Tensor = tensorClass;
}

const cut = (text: string, max = LIMITS.text): string => (text.length > max ? apply(sliceString, text, [0, max]) : text);

/** A number as JSON text; NaN, ±Infinity and -0 as the strings the parent decodes. */
export function wireNumber(value: number): string {
  if (value !== value) return '"NaN"';
  if (value === 1 / 0) return '"Infinity"';
  if (value === -1 / 0) return '"-Infinity"';
  if (value === 0 && 1 / value < 0) return '"-0"';
  return "" + value;
}

/** The shape as JSON text and the number of elements it holds, or null. Read once: a getter may lie twice. */
function readShape(shape: unknown): { text: string; numel: number } | null {
  if (!isArray(shape)) return null;
  const length = (shape as unknown[]).length;
  if (typeof length !== "number" || length > 16) return null;
  let text = "", numel = 1;
  for (let i = 0; i < length; i++) {
    const size = (shape as unknown[])[i];
    if (typeof size !== "number" || !(size >= 0) || size % 1 !== 0) return null;
    text += (i === 0 ? "" : ",") + size;
    numel *= size;
  }
  return { text: "[" + text + "]", numel };
}

function describeTensor(t: Loose): string {
  const values = t._values as Float32Array;
  const shape = readShape(t._shape);
  const dtype = t.dtype;
  if (apply(typedArrayTag, values, []) !== "Float32Array" || shape === null) {
    return '{"kind":"unreadable","message":"a tensor whose storage has been replaced"}';
  }
  const numel = apply(typedArrayLength, values, []) as number;
  if (shape.numel !== numel) return '{"kind":"unreadable","message":"a tensor whose shape does not match its storage"}';
  let text = "";
  for (let i = 0; i < numel && i < LIMITS.values; i++) text += (i === 0 ? "" : ",") + wireNumber(values[i]);
  const type = typeof dtype === "string" ? cut(dtype, 32) : "unknown";
  return '{"kind":"tensor","dtype":' + quote(type) + ',"shape":' + shape.text + ',"numel":' + numel + ',"values":[' + text + "]}";
}

function describeArray(items: unknown[], depth: number): string {
  const length = items.length;
  if (typeof length !== "number" || !(length >= 0)) return spend('{"kind":"other","type":"object"}');
  let text = "";
  for (let i = 0; i < length && i < LIMITS.items; i++) text += (i === 0 ? "" : ",") + describeAt(items[i], depth + 1);
  return '{"kind":"array","length":' + length + ',"items":[' + text + "]}";
}

function describeLeaf(value: unknown): string {
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
      return '{"kind":"other","type":"object"}';
    default:
      return '{"kind":"other","type":' + quote(typeof value) + "}";
  }
}

/** JSON text still allowed for the value being described; a larger value is described as too large. */
let room = 0;
const OVERRUN = Object.freeze({});
const TOO_LARGE = '{"kind":"unreadable","message":"a value too large to describe (more than ' + LIMITS.outcome + ' characters as JSON)"}';

function spend(text: string): string {
  room -= text.length;
  if (room < 0) throw OVERRUN;
  return text;
}

/** Reading the value may throw (a proxy, a getter): that is described too. */
function describeAt(value: unknown, depth: number): string {
  try {
    return isArray(value) && depth < LIMITS.depth ? describeArray(value, depth) : spend(describeLeaf(value));
  } catch (error) {
    if (error === OVERRUN) throw error;
    return '{"kind":"unreadable","message":' + quote("reading it threw " + textOf(error, "message")) + "}";
  }
}

/** The value as JSON text, at most LIMITS.outcome characters of it. */
export function describe(value: unknown, depth = 0): string {
  room = LIMITS.outcome;
  try {
    return describeAt(value, depth);
  } catch (error) {
    if (error === OVERRUN) return TOO_LARGE;
    throw error;
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

/** A string as JSON text, cut to `max` characters. */
export const jsonText = (text: string, max = LIMITS.text): string => quote(cut(text, max));

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

// How the grader words what it saw, for a student: values, thrown errors with their own frames, numbers.
import type { SourceMap } from "node:module";
import { sanitize } from "./output.js";
import type { Described, Thrown } from "./protocol.js";
import { formatFrame, frameSource, studentFrames } from "./stack.js";

/** Up to 8 significant digits: float32 values without float64 noise. */
export const formatNumber = (value: number): string =>
  Number.isFinite(value) ? String(Number(value.toPrecision(8))) : String(value);

export function formatValues(values: ArrayLike<number>, limit = 10): string {
  const shown = Array.from(values).slice(0, limit).map(formatNumber);
  return `[${shown.join(", ")}${values.length > limit ? ", …" : ""}]`;
}

export function describeValue(value: Described): string {
  switch (value.kind) {
    case "undefined":
      return "nothing (undefined)";
    case "null":
      return "null";
    case "number":
      return `the number ${formatNumber(value.value)}`;
    case "boolean":
    case "string":
      return `the ${value.kind} ${JSON.stringify(value.value)}`;
    case "tensor":
      return `a tensor of shape [${value.shape.join(", ")}]: ${formatValues(value.values)}`;
    case "array":
      return `a list of ${value.length} value${value.length === 1 ? "" : "s"}`;
    case "other":
      return `a ${value.type}`;
    case "unreadable":
      return `a value the grader cannot read (${value.message})`;
  }
}

/** A bundle's source map and the file name its code ran under, to map stack frames. */
export interface BundleInfo {
  filename: string;
  map: SourceMap;
}

/**
 * "RuntimeError: …" with the student's frames and the code at the first one; made inert, since the student's
 * file names and code are in it.
 */
export function explainThrown(thrown: Thrown, bundle: BundleInfo): string {
  if (thrown.kind === "value") return `${describeValue(thrown.value)}, which is not an Error`;
  const head = thrown.name || thrown.message ? `${thrown.name || "Error"}: ${thrown.message}` : "an object with no readable name or message";
  const frames = studentFrames(thrown.stack, bundle.filename, bundle.map);
  if (frames.length === 0) return head;
  const source = frameSource(frames[0], bundle.map);
  return sanitize([head, ...collapse(frames.map(formatFrame)).slice(0, 6).map((line) => `    ${line}`), ...(source ? ["", source] : [])].join("\n"));
}

/** Runs of the same frame (deep recursion) as one line with a count. */
function collapse(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j] === lines[i]) j++;
    out.push(j - i > 1 ? `${lines[i]} ×${j - i}` : lines[i]);
    i = j;
  }
  return out;
}

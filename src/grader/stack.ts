// A thrown error's stack, cut down to the student's own frames and mapped back to their .ts lines.
import type { SourceMap, SourceMapping } from "node:module";
import { codeFrame } from "./codeframe.js";

export interface StudentFrame {
  fn: string | null;
  /** Relative to the workspace, as esbuild names sources. */
  file: string;
  line: number;
  column: number;
}

const FRAME = /^\s*at (?:(.*?) \()?(.*):(\d+):(\d+)\)?$/;

/** The frames of `stack` that run in `bundleFile`, mapped through `map` (esbuild's source map). */
export function studentFrames(stack: string, bundleFile: string, map: SourceMap): StudentFrame[] {
  const frames: StudentFrame[] = [];
  for (const text of stack.split("\n")) {
    const match = FRAME.exec(text);
    if (match === null || match[2] !== bundleFile) continue;
    const entry = map.findEntry(Number(match[3]) - 1, Number(match[4]) - 1) as Partial<SourceMapping>;
    if (entry.originalSource === undefined) continue;
    frames.push({
      fn: match[1]?.replace(/^(Object|exports|Module)\./, "") ?? null,
      file: entry.originalSource,
      line: entry.originalLine! + 1,
      column: entry.originalColumn! + 1,
    });
  }
  return frames;
}

export function formatFrame(frame: StudentFrame): string {
  const where = `${frame.file}:${frame.line}:${frame.column}`;
  return frame.fn ? `at ${frame.fn} (${where})` : `at ${where}`;
}

/** The code around the frame, from the map's embedded sources. */
export function frameSource(frame: StudentFrame, map: SourceMap): string | null {
  const { sources, sourcesContent } = map.payload as { sources: string[]; sourcesContent?: string[] };
  const source = sourcesContent?.[sources.indexOf(frame.file)];
  return source === undefined ? null : codeFrame(source, frame.line, frame.column);
}

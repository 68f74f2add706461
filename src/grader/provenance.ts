// Where a grade came from, for every report: the grader's version and a hash of exactly the files it graded.
import { readFileSync } from "node:fs";
import { once, sha256 as sha256Bytes } from "./lazy.js";
import { paths } from "./paths.js";

export interface GradedFile {
  /** Relative to the workspace, with forward slashes. */
  path: string;
  sha256: string;
}

export const sha256 = (data: string | Buffer): string => sha256Bytes(data).toString("hex");

export const graderVersion = once(() => (JSON.parse(readFileSync(paths.packageJson, "utf8")) as { version: string }).version);

/** The files a bundle was built from, with the text esbuild read from each (the source map keeps it). */
export function bundledFiles(map: string): GradedFile[] {
  const { sources, sourcesContent } = JSON.parse(map) as { sources: string[]; sourcesContent?: (string | null)[] };
  return sources.map((path, i) => {
    // NOTE: hashed when a report reads it: the first hash loads node:crypto (~10 ms), which a plain check
    // need not wait for
    const hash = once(() => sha256(sourcesContent?.[i] ?? ""));
    return {
      path: path.replaceAll("\\", "/"),
      get sha256() {
        return hash();
      },
    };
  });
}

/** Each path once, in byte order of the paths. */
export function uniqueFiles(files: GradedFile[]): GradedFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * One hash for the files: the sha256 of their `sha256sum` lines in byte order of the paths, so that
 * `sha256sum q1.ts q2.ts q3.ts | LC_ALL=C sort -k2 | sha256sum` in the workspace gives the same hash.
 */
export function filesHash(files: GradedFile[]): string {
  return sha256(uniqueFiles(files).map((file) => `${file.sha256}  ${file.path}\n`).join(""));
}

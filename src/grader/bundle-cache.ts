// Bundles kept between runs of `check`, one per solution file: when a file, the files it imports and the way
// each import resolves are all as they were, the run skips esbuild, whose start costs more than the rest of a
// check. Only the student's own commands use it; `grade` bundles every submission afresh.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { ImportKind } from "esbuild";
import { makeDirectory } from "./directories.js";
import { lazyRequire } from "./lazy.js";
import { graderVersion } from "./provenance.js";

/** One import as esbuild asked for it, and what the confining resolver answered, as JSON text. */
export interface Resolution {
  path: string;
  resolveDir: string;
  kind: ImportKind;
  with: Record<string, string>;
  answer: string;
}

interface Entry {
  /** What the bundle is of: the grader's and esbuild's versions, the solution file and its workspace. */
  key: string;
  /** Each file the bundle was built from (absolute path) and its text. */
  files: [string, string][];
  resolutions: Resolution[];
  code: string;
  map: string;
}

/**
 * Where `check` and `watch` keep bundles: $AUTOGRAD_EX_CACHE, or nowhere when that is "off"; by default
 * $XDG_CACHE_HOME/autograd-ex/bundles, else ~/.cache/autograd-ex/bundles.
 */
export function bundleCacheDir(env: NodeJS.ProcessEnv): string | null {
  if (env.AUTOGRAD_EX_CACHE === "off") return null;
  return env.AUTOGRAD_EX_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "autograd-ex", "bundles");
}

const esbuildPackage = lazyRequire<{ version: string }>("esbuild/package.json");

function keyOf(entry: string, workspace: string): string {
  return JSON.stringify([graderVersion(), esbuildPackage().version, entry, workspace]);
}

/** The key's file: named by a 53-bit string hash (cyrb53); a collision only costs a bundle, the key is checked. */
function entryFile(dir: string, key: string): string {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return join(dir, `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)}.json`);
}

const unchanged = ([path, text]: [string, string]): boolean => {
  try {
    return readFileSync(path, "utf8") === text;
  } catch {
    return false;
  }
};

/**
 * The bundle kept for `entry`, if its files are unchanged and every import still resolves as it did.
 * `answer` re-runs the resolver on a recorded import.
 */
export function cachedBundle(dir: string, entry: string, workspace: string, answer: (r: Resolution) => string): { code: string; map: string } | null {
  const key = keyOf(entry, workspace);
  let kept: Entry;
  try {
    kept = JSON.parse(readFileSync(entryFile(dir, key), "utf8")) as Entry;
  } catch {
    return null; // none yet, or unreadable: bundle afresh
  }
  const same = kept.key === key && kept.files.every(unchanged) && kept.resolutions.every((r) => answer(r) === r.answer);
  return same ? { code: kept.code, map: kept.map } : null;
}

/**
 * Keeps a bundle built from `files`, unless one of them changed while esbuild read it (its text in the source
 * map differs from the file's). A cache that cannot be written is no cache.
 */
export function keepBundle(dir: string, entry: string, workspace: string, bundle: { code: string; map: string; files: string[]; resolutions: Resolution[] }): void {
  const { sources, sourcesContent } = JSON.parse(bundle.map) as { sources: string[]; sourcesContent?: string[] };
  const read = new Map(sources.map((source, i) => [resolve(workspace, source), sourcesContent?.[i]]));
  try {
    const files = bundle.files.map((path): [string, string] => {
      const text = readFileSync(path, "utf8"), seen = read.get(path);
      if (seen !== undefined && seen !== text) throw new Error(`${path} changed while it was bundled`);
      return [path, text];
    });
    makeDirectory(dir);
    const key = keyOf(entry, workspace), file = entryFile(dir, key), temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, files, resolutions: bundle.resolutions, code: bundle.code, map: bundle.map } satisfies Entry));
    renameSync(temporary, file);
  } catch {
    // not kept: the next run bundles again
  }
}

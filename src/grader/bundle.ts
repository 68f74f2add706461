// Bundles a solution with esbuild: its own relative imports only, "autograd-ex" left for the child to provide.
// NOTE: the plugin resolves every path itself, so esbuild never reads a tsconfig.json, a package.json or a
// node_modules folder, in the workspace or above it.
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { extname, relative, resolve, sep } from "node:path";
import type { Message, OnResolveArgs, OnResolveResult, Plugin } from "esbuild";
import { cachedBundle, keepBundle, type Resolution } from "./bundle-cache.js";
import { codeFrame } from "./codeframe.js";
import { esbuild } from "./lazy.js";
import { sanitize } from "./output.js";

export type Bundle =
  | { ok: true; code: string; map: string }
  | { ok: false; message: string };

export const IMPORT_NOT_ALLOWED = (path: string): string =>
  `cannot import "${path}": a solution may import only "autograd-ex" and its own .ts or .js files in the workspace`;
export const NOT_FOUND = (path: string): string => `Could not resolve "${path}"`;

const SOURCE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];
/** TypeScript's convention: `import "./helper.js"` names helper.ts. */
const TS_FOR_JS: Record<string, string> = { ".js": ".ts", ".mjs": ".mts" };

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** The files a relative import may name, in the order they are tried. */
function candidates(base: string): string[] {
  const ext = extname(base);
  return [
    base,
    ...(TS_FOR_JS[ext] ? [base.slice(0, -ext.length) + TS_FOR_JS[ext]] : []),
    ...SOURCE_EXTENSIONS.map((e) => base + e),
    ...SOURCE_EXTENSIONS.map((e) => resolve(base, "index" + e)),
  ];
}

/** `path` is the workspace itself or inside it, and not in a node_modules folder. */
function inside(path: string, workspace: string): boolean {
  const from = relative(workspace, path);
  return !from.startsWith("..") && !from.startsWith(sep) && !from.split(sep).includes("node_modules");
}

type ImportArgs = Pick<OnResolveArgs, "path" | "resolveDir" | "kind" | "with">;

function resolveImport(args: ImportArgs, workspace: string): OnResolveResult {
  if (args.kind === "entry-point") return { path: args.path }; // a real path inside the workspace (grade.ts)
  const refuse = { errors: [{ text: IMPORT_NOT_ALLOWED(args.path) }] };
  if (Object.keys(args.with).length > 0) return refuse; // `with { type: "json" }`, `"text"`, …
  if (args.path === "autograd-ex") return { path: "autograd-ex", external: true };
  if (!/^\.\.?(\/|$)/.test(args.path)) return refuse; // relative: ./x, ../x, . or ..
  const base = resolve(args.resolveDir, args.path);
  if (!inside(base, workspace)) return refuse; // without looking outside the workspace
  const found = candidates(base).find(isFile);
  if (found === undefined) return { errors: [{ text: NOT_FOUND(args.path) }] };
  const real = realpathSync(found); // a symbolic link may not lead out of the workspace
  return inside(real, workspace) && SOURCE_EXTENSIONS.includes(extname(real)) ? { path: real } : refuse;
}

/** What bundling read, for the bundle cache: every resolver answer, and the files they named. */
interface Reads {
  resolutions: Resolution[];
  files: Set<string>;
}

/** Resolves every import with resolveImport, and notes each answer in `reads`. */
function confine(workspace: string, reads: Reads): Plugin {
  const answer = (args: ImportArgs) => {
    const result = resolveImport(args, workspace);
    reads.resolutions.push({ path: args.path, resolveDir: args.resolveDir, kind: args.kind, with: args.with, answer: JSON.stringify(result) });
    if (!result.external && result.path !== undefined) reads.files.add(result.path);
    return result;
  };
  return { name: "autograd-ex-confine", setup: (b) => b.onResolve({ filter: /.*/ }, answer) };
}

function describeError(error: Message, workspace: string): string {
  const at = error.location;
  if (at === null) return error.text;
  const file = resolve(workspace, at.file);
  const source = existsSync(file) ? readFileSync(file, "utf8") : at.lineText;
  const frame = codeFrame(source, source === at.lineText ? 1 : at.line, at.column + 1);
  return `${relative(workspace, file)}:${at.line}:${at.column + 1}: ${error.text}\n\n${frame}`;
}

/**
 * `entry` must be a real path inside the (real) `workspace`. With a `cacheDir`, a bundle built before from the
 * same files resolved the same way is used again (bundle-cache.ts).
 */
export async function bundleSolution(entry: string, workspace: string, cacheDir: string | null = null): Promise<Bundle> {
  const cached = cacheDir === null ? null : cachedBundle(cacheDir, entry, workspace, (r) => JSON.stringify(resolveImport(r, workspace)));
  if (cached !== null) return { ok: true, ...cached };
  const { build } = esbuild();
  const reads: Reads = { resolutions: [], files: new Set() };
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: workspace,
      outfile: `${workspace}/autograd-ex-bundle.js`,
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      target: "node20",
      sourcemap: "external",
      tsconfigRaw: "{}",
      banner: { js: '"use strict";' },
      logLevel: "silent",
      plugins: [confine(workspace, reads)],
    });
    const map = result.outputFiles.find((file) => file.path.endsWith(".map"))!.text;
    const code = result.outputFiles.find((file) => file.path.endsWith(".js"))!.text;
    if (cacheDir !== null) keepBundle(cacheDir, entry, workspace, { code, map, files: [...reads.files], resolutions: reads.resolutions });
    return { ok: true, code, map };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    // the message quotes the student's code and paths: made inert like everything else they wrote
    return { ok: false, message: sanitize(errors.slice(0, 3).map((e) => describeError(e, workspace)).join("\n\n")) };
  }
}

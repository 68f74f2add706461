// Bundles a solution with esbuild: its own relative imports only, "autograd-ex" left for the child to provide.
import { existsSync, readFileSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { extname, relative, resolve, sep } from "node:path";
import { build, type Message, type Plugin } from "esbuild";
import { codeFrame } from "./codeframe.js";

export type Bundle =
  | { ok: true; code: string; map: string }
  | { ok: false; message: string };

export const IMPORT_NOT_ALLOWED = (path: string): string =>
  `cannot import "${path}": a solution may import only "autograd-ex" and its own .ts or .js files in the workspace`;

const SOURCE_EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);
const NESTED = Symbol("nested resolve");

/** `real` is the workspace itself or inside it, and not in a node_modules folder. */
function insideWorkspace(real: string, workspace: string): boolean {
  const path = relative(workspace, real);
  return !path.startsWith("..") && !path.startsWith(sep) && !path.split(sep).includes("node_modules");
}

function confine(workspace: string): Plugin {
  return {
    name: "autograd-ex-confine",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === NESTED || args.kind === "entry-point") return undefined;
        if (args.path === "autograd-ex") return { path: "autograd-ex", external: true };
        const refuse = { errors: [{ text: IMPORT_NOT_ALLOWED(args.path) }] };
        if (!args.path.startsWith("./") && !args.path.startsWith("../")) return refuse;
        const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: NESTED });
        if (found.errors.length > 0) return { errors: found.errors };
        const real = await realpath(found.path);
        return insideWorkspace(real, workspace) && SOURCE_EXTENSIONS.has(extname(real)) ? { path: real } : refuse;
      });
    },
  };
}

function describeError(error: Message, workspace: string): string {
  const at = error.location;
  if (at === null) return error.text;
  const file = resolve(workspace, at.file);
  const source = existsSync(file) ? readFileSync(file, "utf8") : at.lineText;
  const frame = codeFrame(source, source === at.lineText ? 1 : at.line, at.column + 1);
  return `${relative(workspace, file)}:${at.line}:${at.column + 1}: ${error.text}\n\n${frame}`;
}

/** `entry` must be a real path inside the (real) `workspace`. */
export async function bundleSolution(entry: string, workspace: string): Promise<Bundle> {
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
      plugins: [confine(workspace)],
    });
    const map = result.outputFiles.find((file) => file.path.endsWith(".map"))!.text;
    const code = result.outputFiles.find((file) => file.path.endsWith(".js"))!.text;
    return { ok: true, code, map };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    return { ok: false, message: errors.slice(0, 3).map((e) => describeError(e, workspace)).join("\n\n") };
  }
}

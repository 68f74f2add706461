// `autograd-ex init [dir]`: write a student's workspace (stubs, package.json, tsconfig, README, CI workflow),
// never overwriting a file unless --force says so.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { makeDirectory } from "../grader/directories.js";
import { paths } from "../grader/paths.js";
import { loadManifest } from "../grader/spec.js";
import type { Io } from "./io.js";

export const NEXT_STEPS = (dir: string) =>
  `Next: ${dir === "." ? "" : `cd ${dir} && `}npm install, then write your answers at the TODOs and run "npm run check" (or "npx autograd-ex check q1").`;

function packageName(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return name || "autograd-exercises";
}

function packageJson(dir: string): string {
  const { version } = JSON.parse(readFileSync(paths.packageJson, "utf8")) as { version: string };
  const workspace = {
    name: packageName(dir),
    private: true,
    type: "module",
    scripts: { check: "autograd-ex check" },
    devDependencies: { "autograd-ex": `^${version}` },
  };
  return JSON.stringify(workspace, null, 2) + "\n";
}

/** Every file of a fresh workspace: relative path → contents. */
export function workspaceFiles(dir: string): Map<string, string> {
  const manifest = loadManifest();
  const files = new Map<string, string>();
  for (const question of manifest.questions) files.set(question.file, readFileSync(join(paths.exercises, question.file), "utf8"));
  for (const [target, template] of Object.entries(manifest.workspace)) {
    files.set(target, readFileSync(join(paths.exercises, template), "utf8"));
  }
  files.set("package.json", packageJson(dir));
  return files;
}

/** Writes each file under `target`, never over one that exists unless `force`; says what it wrote and skipped. */
export function writeFiles(target: string, files: Map<string, string>, force: boolean, io: Io, next: (shown: string) => string): number {
  const written: string[] = [], skipped: string[] = [];
  for (const [file, contents] of files) {
    const path = join(target, file);
    if (existsSync(path) && !force) {
      skipped.push(file);
      continue;
    }
    makeDirectory(dirname(path));
    writeFileSync(path, contents);
    written.push(file);
  }
  const shown = relative(io.cwd, target) || ".";
  const lines = [`Wrote ${written.length} file${written.length === 1 ? "" : "s"} in ${shown}`, ...written.map((f) => `  ${f}`)];
  if (skipped.length > 0) lines.push(`Skipped ${skipped.length} that already exist (--force overwrites them):`, ...skipped.map((f) => `  ${f}`));
  lines.push("", next(shown));
  io.out(lines.join("\n") + "\n");
  return 0;
}

export function init(dir: string | undefined, options: { force: boolean }, io: Io): number {
  const target = resolve(io.cwd, dir ?? ".");
  return writeFiles(target, workspaceFiles(target), options.force, io, NEXT_STEPS);
}

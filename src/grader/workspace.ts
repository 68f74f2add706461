// A student's workspace: which file holds each question's solution.
import { existsSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ToolError } from "./errors.js";
import type { Question } from "./spec.js";

/** A solution may be written in TypeScript or JavaScript; the first that exists is graded. */
const EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

export const NO_DIRECTORY = (dir: string) => `no such directory: ${dir}`;
export const NO_WORKSPACE = (dir: string) =>
  `no exercises found in ${dir}: run "npx autograd-ex init" there first, or pass --dir`;

export function solutionFile(workspace: string, question: Question): string | null {
  const base = question.file.replace(/\.[^.]+$/, "");
  return EXTENSIONS.map((ext) => join(workspace, base + ext)).find((file) => existsSync(file)) ?? null;
}

/** The workspace's real path; a usage error when it is missing or holds none of the questions. */
export function openWorkspace(dir: string, questions: Question[]): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ToolError(NO_DIRECTORY(dir));
  const real = realpathSync(dir);
  if (questions.every((question) => solutionFile(real, question) === null)) throw new ToolError(NO_WORKSPACE(dir));
  return real;
}

/** The file's real path when it lies inside the workspace (a symlink may not lead out of it), else null. */
export function realInside(file: string, workspace: string): string | null {
  const real = realpathSync(file);
  const path = relative(workspace, real);
  return path.startsWith("..") || path.startsWith(sep) ? null : real;
}

// Runs the CLI in-process with captured output, for the command tests.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/index.js";
import { scratch } from "../helpers/scratch.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], cwd: string, color = false): Promise<CliRun> {
  let out = "", err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), color, cwd });
  return { code, out, err };
}

/** A new empty folder, removed when the test file is done. */
export const tempDir = (): string => scratch("cli");

/** A fresh workspace made by `autograd-ex init`, with `files` copied in from the test solutions' folders. */
export async function initWorkspace(files: Record<string, string> = {}): Promise<string> {
  const cwd = tempDir();
  await runCli(["init"], cwd);
  for (const [file, from] of Object.entries(files)) copyFileSync(from, join(cwd, file));
  return cwd;
}

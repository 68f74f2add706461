// Runs the CLI in-process with captured output, for the command tests.
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/index.js";

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

export const tempDir = (): string => realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-cli-")));

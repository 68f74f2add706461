// The CLI: wires each command to its module, validates options at the edge, and turns every failure into a
// one-line message with exit code 2. Commands return exit codes; only bin/autograd-ex.js exits.
import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ToolError } from "../grader/errors.js";
import { paths } from "../grader/paths.js";
import { jsonFailure } from "../grader/report-json.js";
import { check } from "./check.js";
import { init } from "./init.js";
import { processIo, type Io } from "./io.js";
import { list } from "./list.js";

export const USAGE_EXIT = 2;

function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError("expected a number of seconds above 0");
  return n;
}

function program(io: Io, done: (code: number) => void): Command {
  const { version } = JSON.parse(readFileSync(paths.packageJson, "utf8")) as { version: string };
  const cli = new Command("autograd-ex")
    .description("Exercises in automatic differentiation, graded against a PyTorch-compatible core.")
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  cli
    .command("init [dir]")
    .description("write the exercises and a workspace around them into dir (default: here)")
    .option("--force", "overwrite files that already exist", false)
    .action((dir: string | undefined, options: { force: boolean }) => done(init(dir, options, io)));
  cli
    .command("check [questions...]")
    .description("grade your solutions (all questions, or the ones named, e.g. q2)")
    .option("--dir <path>", "the workspace", ".")
    .option("--json", "print one JSON object instead of the report", false)
    .option("--timeout <seconds>", "time allowed per check", seconds, 3)
    .action(async (names: string[], options) => done(await check(names, options, io)));
  cli
    .command("list")
    .description("show the questions, their files and where each stands")
    .option("--dir <path>", "the workspace", ".")
    .action(async (options: { dir: string }) => done(await list(options, io)));
  return cli;
}

/** The single error handler: a message for the student, never a stack trace, and the exit code. */
function failure(error: unknown, argv: string[], io: Io): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT; // commander printed it
  const message = error instanceof ToolError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
  if (argv.includes("--json")) io.out(jsonFailure(message) + "\n");
  io.err(`autograd-ex: ${message}\n`);
  return USAGE_EXIT;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  try {
    await program(io, (result) => (code = result)).parseAsync(argv, { from: "user" });
  } catch (error) {
    return failure(error, argv, io);
  }
  return code;
}

// The CLI: wires each command to its module, validates options at the edge, and turns every failure into a
// one-line message with exit code 2. Commands return exit codes; only bin/autograd-ex.cjs exits.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { parseShard } from "../grader/batch.js";
import { ToolError } from "../grader/errors.js";
import { DEFAULT_TIMEOUT } from "../grader/config.js";
import { paths } from "../grader/paths.js";
import { jsonFailure } from "../grader/report-json.js";
import { parseReport, type ReportRequest } from "../grader/reports.js";
import { check } from "./check.js";
import { gradeCommand } from "./grade.js";
import { graphCommand } from "./graph.js";
import { hint } from "./hint.js";
import { init } from "./init.js";
import { initInstructor } from "./init-instructor.js";
import { processIo, type Io } from "./io.js";
import { list } from "./list.js";
import { tutorial } from "./tutorial.js";
import { watchCommand } from "./watch.js";
import { merge } from "./merge.js";

export const USAGE_EXIT = 2;
/**
 * Students graded at once. NOTE: more than the cores: each waits at times (bundling, its child booting, a
 * submission that sleeps into its deadline); on 2 cores, 4 at once graded ~10-70% more per second than 2.
 */
const DEFAULT_JOBS = 2 * availableParallelism();

function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError("expected a number of seconds above 0");
  return n;
}

function whole(value: string, min: number, max: number, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${what}, a whole number from ${min} to ${max}`);
  return n;
}

/** Turns a ToolError from a parser of our own into commander's usage error. */
const edge = <T>(parse: (value: string) => T) => (value: string): T => {
  try {
    return parse(value);
  } catch (error) {
    throw error instanceof ToolError ? new InvalidArgumentError(error.message) : error;
  }
};

const reports = (value: string, previous: ReportRequest[]) => [...previous, edge(parseReport)(value)];

/** The options of a graded run, shared by check and grade. */
function gradingOptions(command: Command): Command {
  return command
    .option("--config <file>", "the instructor's autograd-ex.json: points, time limits, questions, hints, randomized checks")
    .option("--randomized", "add the randomized checks (instructor mode), from --seed or the clock", false)
    .option("--seed <n>", "seed for the randomized checks (implies --randomized)", (v) => whole(v, 0, 2 ** 32 - 1, "a seed"))
    .option("--timeout <seconds>", `time allowed per check (default: ${DEFAULT_TIMEOUT})`, seconds);
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
    .option("--instructor", "write an instructor's grading repository instead: a workflow that grades the students' repositories", false)
    .action((dir: string | undefined, options: { force: boolean; instructor: boolean }) =>
      done(options.instructor ? initInstructor(dir, options, io) : init(dir, options, io)));
  gradingOptions(
    cli
      .command("check [questions...]")
      .description("grade your solutions (all questions, or the ones named, e.g. q2)")
      .option("--dir <path>", "the workspace", ".")
      .option("--json", "print one JSON object instead of the report", false)
      .option("--report <format[:path]>", "also write a report: junit, tap, github or gradescope (repeatable; github is automatic on GitHub Actions)", reports, []),
  ).action(async (names: string[], options) => done(await check(names, options, io)));
  gradingOptions(
    cli
      .command("grade <dir>")
      .description("grade a class: every folder in dir is one student's workspace; writes grades.csv and a report per student")
      .option("--out <dir>", "where the gradebook goes", "grades")
      .option("--jobs <n>", "students graded at once, each in their own child process (default: two per core)", (v) => whole(v, 1, 256, "a number of jobs"))
      .option("--shard <i/n>", "grade only slice i of n (for a CI matrix; see merge)", edge(parseShard)),
  ).action(async (dir: string, options) =>
    done(await gradeCommand(dir, { ...options, jobs: options.jobs ?? DEFAULT_JOBS, tty: process.stderr.isTTY === true }, io)));
  cli
    .command("merge <dirs...>")
    .description("combine the --out folders of a sharded grade into one gradebook")
    .option("--out <dir>", "where the merged gradebook goes", "gradebook")
    .action((dirs: string[], options: { out: string }) => done(merge(dirs, options, io)));
  cli
    .command("list")
    .description("show the questions, their files and where each stands")
    .option("--dir <path>", "the workspace", ".")
    .action(async (options: { dir: string }) => done(await list(options, io)));
  cli
    .command("graph <question>")
    .description("draw the graph autograd builds when your solution runs on the check's inputs")
    .option("--dir <path>", "the workspace", ".")
    .option("--dot", "print Graphviz DOT instead of the tree", false)
    .option("--svg <file>", "also write the drawing as an SVG file")
    .option("--timeout <seconds>", "time allowed per call", seconds, DEFAULT_TIMEOUT)
    .action(async (name: string, options) => done(await graphCommand(name, options, io)));
  cli
    .command("hint <question>")
    .description("one more hint for a question (q1) or written problem (p1) each time; --all shows every hint")
    .option("--dir <path>", "the workspace", ".")
    .option("--all", "show all the hints", false)
    .action((name: string, options: { dir: string; all: boolean }) => done(hint(name, options, io)));
  cli
    .command("tutorial")
    .description("the course notebook's examples, each cell's code next to what it prints, run on the core")
    .option("--width <columns>", "the width to lay it out in (default: the terminal's)", (v) => whole(v, 60, 1000, "a width"))
    .action(async (options: { width?: number }) => done(await tutorial({ width: options.width ?? process.stdout.columns ?? 100 }, io)));
  cli
    .command("watch [question]")
    .description("re-check on every save and show the next unfinished question (keys: h hint, n next, l list, q quit)")
    .option("--dir <path>", "the workspace", ".")
    .option("--poll", "look for changes every quarter second instead of waiting for file events (WSL, network drives)", false)
    .option("--timeout <seconds>", "time allowed per check", seconds, DEFAULT_TIMEOUT)
    .action(async (name: string | undefined, options) => done(await watchCommand(name, options, io)));
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

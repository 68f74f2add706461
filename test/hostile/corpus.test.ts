// The hostile corpus: each folder under cases/ is a submission that tries to break, fool or escape the grader,
// with its expected verdicts in expected.json. Each is graded (needs `npm run build`, for the child's harness)
// next to a correct solution of another question, a few at a time, with TMPDIR pointed into a scratch folder.
// For every case: the grader settles (never throws, never hangs), with the exact verdicts, within its deadline
// + 1 s; the correct solution still passes; nothing reaches the report that a terminal or a CI runner would act
// on; and no file is written or left behind anywhere.
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/grader/child.js";
import { grade, type QuestionReport } from "../../src/grader/grade.js";
import { paths } from "../../src/grader/paths.js";
import { startSpareFor } from "../../src/grader/spawn.js";
import { alive } from "../../src/grader/standby.js";
import { textReport } from "../../src/grader/report-text.js";
import { loadChecks, loadManifest } from "../../src/grader/spec.js";
import type { Status } from "../../src/grader/verdict.js";
import { endStandbys, listeningStandby, standbysOn, until } from "../helpers/standbys.js";

const CASES = join(dirname(fileURLToPath(import.meta.url)), "cases");
const REFERENCE = join(paths.root, "test", "solutions", "reference");
/** Cases graded at a time: each runs two children (its own and the correct solution's) on a two-core machine. */
const CONCURRENCY = 3;
/** `check`'s default --timeout, in seconds. */
const DEFAULT_TIMEOUT = 3;
/** Files the submissions try to write outside their folder. */
const BAIT = /^autograd-ex-pwned/;

type Expectation = Status | { status: Status; message?: string; assertions?: Status[] };

interface Expected {
  about: string;
  /** `--timeout` in seconds; `check`'s default when absent. */
  timeout?: number;
  /** Each check's status, or its status with the start of its message and each assertion's status. */
  checks: Record<string, Expectation>;
  /** Lines the solution's output must show, as the report prints it under "Output of <file>". */
  output?: string[];
}

interface Case {
  name: string;
  expected: Expected;
  /** The question whose correct solution is graded beside the case. */
  control: string;
  /** The grader's whole allowance: one deadline for the top-level code and one per check, in ms. */
  deadlineMs: number;
  reports?: QuestionReport[];
  ms?: number;
}

const questionOf = (check: string): string => /q\d+$/.exec(check)![0];

function load(name: string): Case {
  const expected = JSON.parse(readFileSync(join(CASES, name, "expected.json"), "utf8")) as Expected;
  const control = Object.keys(expected.checks).some((check) => questionOf(check) === "q2") ? "q1" : "q2";
  const checks = Object.keys(expected.checks).length + loadChecks(control).checks.length;
  return { name, expected, control, deadlineMs: (expected.timeout ?? DEFAULT_TIMEOUT) * 1000 * (1 + checks) };
}

const cases = readdirSync(CASES).sort().map(load);
const questions = loadManifest().questions;
let scratch: string, runs: string, savedTmpdir: string | undefined;
const before = new Map<string, string>();

/** Every file under `dir` with its size, modification time and hash. */
function snapshot(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) snapshot(path, into);
    else {
      const { size, mtimeMs } = statSync(path);
      into.set(relative(scratch, path), `${size} ${mtimeMs} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`);
    }
  }
  return into;
}

const workspace = (c: Case): string => join(scratch, "work", c.name);

async function gradeCase(c: Case): Promise<void> {
  const ids = new Set([...Object.keys(c.expected.checks).map(questionOf), c.control]);
  const limits = { ...DEFAULT_LIMITS, timeoutMs: (c.expected.timeout ?? DEFAULT_TIMEOUT) * 1000 };
  const started = Date.now();
  c.reports = await grade(workspace(c), questions.filter((q) => ids.has(q.id)), limits);
  c.ms = Date.now() - started;
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-corpus-")));
  for (const c of cases) {
    cpSync(join(CASES, c.name), workspace(c), { recursive: true, filter: (source) => !source.endsWith("expected.json") });
    copyFileSync(join(REFERENCE, `${c.control}.ts`), join(workspace(c), `${c.control}.ts`));
  }
  snapshot(scratch, before);
  // the children's working folders go here, so that what they leave behind can be seen
  runs = mkdtempSync(join(tmpdir(), "autograd-ex-corpus-runs-"));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = runs;
  const longestFirst = [...cases].sort((a, b) => b.deadlineMs - a.deadlineMs); // the bombs take seconds
  await pool(longestFirst, CONCURRENCY, gradeCase);
}, 120_000);

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(scratch, { recursive: true, force: true });
  rmSync(runs, { recursive: true, force: true });
});

/** Lines a terminal or a CI runner would act on: escapes, overwrites, workflow commands. */
function liveLines(text: string): string[] {
  return text.split("\n").filter((line) => /[\x1b\r]|##(\[|vso\[)/i.test(line) || line.trimStart().startsWith("::"));
}

function expectVerdicts(c: Case): void {
  const checks = c.reports!.flatMap((report) => report.checks);
  const graded = checks.filter((check) => check.question !== c.control);
  expect(graded.map((check) => check.name).sort()).toEqual(Object.keys(c.expected.checks).sort());
  for (const check of graded) {
    const want = c.expected.checks[check.name];
    const { status, message, assertions } = typeof want === "string" ? { status: want, message: undefined, assertions: undefined } : want;
    expect(check.status, `${check.name}: ${check.message}`).toBe(status);
    if (message !== undefined) expect(check.message.startsWith(message), `${check.name}'s message:\n${check.message}`).toBe(true);
    if (assertions !== undefined) expect(check.assertions.map((a) => a.status), check.name).toEqual(assertions);
  }
  const control = checks.filter((check) => check.question === c.control);
  expect(control.map((check) => check.status), "the correct solution beside it").toEqual(control.map(() => "pass"));
}

describe("the hostile corpus", () => {
  it("holds at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expectVerdicts(c);
    expect(c.ms, "finished within its deadline + 1 s").toBeLessThanOrEqual(c.deadlineMs + 1000);
    const report = textReport(c.reports!, false);
    expect(liveLines(report), "nothing a terminal or CI runner would act on").toEqual([]);
    if (c.expected.output === undefined) return;
    const shown = report.split("\n");
    const heading = shown.findIndex((line) => line.startsWith("Output of "));
    expect(heading, "the output, under its own heading after the verdicts").toBeGreaterThan(shown.findIndex((line) => /^ {2}\S+ check_/.test(line)));
    for (const line of c.expected.output) expect(shown.slice(heading + 1), line).toContain(`  │ ${line}`);
  });

  it("wrote no file anywhere: every workspace is as it was, no run folder is left, no bait was taken", () => {
    expect(snapshot(scratch)).toEqual(before);
    expect(readdirSync(runs)).toEqual([]);
    expect(readdirSync("/tmp").filter((entry) => BAIT.test(entry))).toEqual([]);
  });
});

/** Cases graded again on a standby that `check` claims (src/grader/standby.ts): each way a run can end. */
const ON_STANDBY = [
  "exit-top-level", "exit-mid-run", "exit-code-trick", "kill-self", "kill-others", "loop-in-function", "heap-bomb",
  "stdout-flood", "uncaught-exception-handler", "lingering-interval", "promise-never-settles", "read-files-env",
];

describe("the hostile corpus on standbys", () => {
  let home: string;
  let restore: () => void;

  beforeAll(() => {
    home = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-corpus-standby-")));
    restore = standbysOn(home);
  });

  afterAll(() => {
    restore();
    endStandbys(home);
    rmSync(home, { recursive: true, force: true });
  });

  it("holds only cases of the corpus", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(ON_STANDBY));
  });

  it.each(ON_STANDBY)("%s: the same verdicts, and the standby is gone after", async (name) => {
    const { pid: standby } = await listeningStandby(home);
    const c = { ...cases.find((x) => x.name === name)!, reports: undefined };
    startSpareFor(["check"]);
    await gradeCase(c);
    expectVerdicts(c);
    await until(() => !alive(standby));
  });
});

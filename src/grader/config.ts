// The instructor's autograd-ex.json: points, time limits, questions, hints, randomized checks and how much of a
// randomized check's failure to show. Validated with zod, so every mistake is reported with the field it is in.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { DEFAULT_LIMITS, type Limits } from "./child.js";
import { ToolError } from "./errors.js";
import { questionChecks, type GradeOptions } from "./grade.js";
import { clockSeed } from "./randomized.js";
import type { CheckSpec, Manifest, Question } from "./spec.js";
import { lazily } from "./lazy.js";

export const CONFIG_FILE = "autograd-ex.json";
export const DEFAULT_TIMEOUT = 3;

const configShape = lazily((z) => {
  const Seconds = z.number().positive().max(600);
  const Points = z.number().nonnegative().max(1000);
  const CheckConfig = z.strictObject({
    points: z.union([Points, z.array(Points)]).optional(),
    timeout: Seconds.optional(),
  });
  return z.strictObject({
    $schema: z.string().optional(),
    questions: z.array(z.string()).min(1).optional(),
    timeout: Seconds.optional(),
    randomized: z.boolean().optional(),
    hidden_detail: z.enum(["full", "actual-only", "none"]).optional(),
    hints: z.record(z.string(), z.string().min(1)).optional(),
    checks: z.record(z.string(), CheckConfig).optional(),
  });
});
export type Config = z.infer<ReturnType<typeof configShape>>;

/** The questions and checks a configuration may name: check name → how many assertions it has. */
export interface Catalog {
  questions: string[];
  checks: Map<string, number>;
}

export function catalog(manifest: Manifest): Catalog {
  const questions = manifest.questions.map((question) => question.id);
  const specs = questions.flatMap((id) => questionChecks(id, 0));
  return { questions, checks: new Map(specs.map((spec) => [spec.name, spec.assertions.length])) };
}

const known = (kind: string, names: Iterable<string>) => `unknown ${kind} (the ${kind}s are ${[...names].join(", ")})`;

function schema({ questions, checks }: Catalog) {
  return configShape().superRefine((config, ctx) => {
    const refuse = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    config.questions?.forEach((id, i) => questions.includes(id) || refuse(["questions", i], known("question", questions)));
    for (const id of Object.keys(config.hints ?? {})) if (!questions.includes(id)) refuse(["hints", id], known("question", questions));
    for (const [name, check] of Object.entries(config.checks ?? {})) {
      const assertions = checks.get(name);
      if (assertions === undefined) refuse(["checks", name], known("check", checks.keys()));
      else if (Array.isArray(check.points) && check.points.length !== assertions) {
        refuse(["checks", name, "points"], `${check.points.length} values given, but ${name} has ${assertions} assertions`);
      }
    }
  });
}

/** "checks.check_q2.points[1]" */
function fieldOf(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`)).join("");
}

function problem(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${fieldOf([...issue.path, key])}: unknown field`).join("; ");
  }
  return `${fieldOf(issue.path) || "the file"}: ${issue.message}`;
}

/** A configuration checked against the schema and the exercises; a ToolError naming every wrong field. */
export function parseConfig(text: string, file: string, manifest: Manifest): Config {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema(catalog(manifest)).safeParse(data);
  if (!parsed.success) throw new ToolError(`${file}: ${parsed.error.issues.map(problem).join("; ")}`);
  return parsed.data;
}

/** The file given with --config, else the workspace's own autograd-ex.json when `workspace` is given, else none. */
export function loadConfig(file: string | undefined, workspace: string | null, manifest: Manifest): Config | null {
  const path = file ?? (workspace === null ? undefined : join(workspace, CONFIG_FILE));
  if (path === undefined || (file === undefined && !existsSync(path))) return null;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ToolError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseConfig(text, path, manifest);
}

/** What the command line says; it wins over the configuration. */
export interface CliSettings {
  /** Seconds per check. */
  timeout?: number;
  randomized?: boolean;
  seed?: number;
}

/** A check's points per assertion: a number is shared evenly, a list gives each its own; 1 each by default. */
export function pointsOf(points: number | number[] | undefined, spec: CheckSpec): number[] {
  if (Array.isArray(points)) return points;
  return spec.assertions.map(() => (points === undefined ? 1 : points / spec.assertions.length));
}

export function gradeSettings(config: Config | null, cli: CliSettings): { limits: Limits; options: GradeOptions } {
  const timeout = cli.timeout ?? config?.timeout ?? DEFAULT_TIMEOUT;
  const randomized = cli.seed !== undefined || cli.randomized === true || config?.randomized === true;
  const own = (name: string) => config?.checks?.[name];
  return {
    limits: { ...DEFAULT_LIMITS, timeoutMs: timeout * 1000 },
    options: {
      seed: randomized ? (cli.seed ?? clockSeed()) : null,
      timeoutMs: (name) => {
        const seconds = own(name)?.timeout; // positive when given
        return seconds && seconds * 1000;
      },
      points: (spec) => pointsOf(own(spec.name)?.points, spec),
      detail: config?.hidden_detail ?? "full",
    },
  };
}

/** The questions to grade with the configuration's hints in place of the manifest's. */
export function withHints(questions: Question[], config: Config | null): Question[] {
  return questions.map((question) => ({ ...question, hint: config?.hints?.[question.id] ?? question.hint }));
}

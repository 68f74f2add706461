// `autograd-ex graph <question>`: runs the solution on its checks' inputs in the sandbox and draws the graph
// autograd built, as the notebook's comp_graph pictures do: a tree here, Graphviz DOT with --dot, SVG with --svg.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Chalk } from "chalk";
import { graphDot, graphTree, type Graph, type TitledGraph } from "../core/graph.js";
import { adapterCall, runAdapted, type AdaptedRun } from "../grader/adapted.js";
import { DEFAULT_LIMITS, type Limits } from "../grader/child.js";
import { ToolError } from "../grader/errors.js";
import { lazyRequire } from "../grader/lazy.js";
import { quoted } from "../grader/output.js";
import type { JobCheck } from "../grader/protocol.js";
import type { CheckOutcome } from "../grader/run.js";
import { loadChecks, loadManifest, type CheckSpec, type Input, type Question } from "../grader/spec.js";
import { CRASHED, MISSING_EXPORT, NOT_ATTEMPTED, TIMED_OUT } from "../grader/verdict.js";
import { openWorkspace } from "../grader/workspace.js";
import { readGraph, TOO_LARGE, traceGraphs, WIRE } from "./graph-trace.js";
import type { Io } from "./io.js";
import { selectQuestions } from "./questions.js";

export interface GraphOptions {
  dir: string;
  dot: boolean;
  svg?: string;
  /** Seconds per call. */
  timeout: number;
}

export const NOTHING_TO_DRAW = (fn: string) =>
  `${fn} ran, but there is no graph to draw: it called no backward() and returned no tensor that requires grad`;
export const GRAPH_TOO_LARGE = (fn: string) => `the graph ${fn} built is too large to draw`;
export const READING_GUIDE =
  "Read each tree from the top: the output first, each node's inputs indented below it. backward() walks it the\n" +
  "same way, from the output down to the leaves, multiplying the gradient by each operation's local derivative.";
export const WROTE_SVG = (file: string) => `Wrote the graph to ${file}`;

/** The first call of each function the checks make, with the inputs of its check. */
interface Traced {
  fn: string;
  args: string[];
  inputs: Input[];
}

function firstCalls(specs: CheckSpec[]): Traced[] {
  const calls = new Map<string, Traced>();
  for (const spec of specs) for (const call of spec.calls) if (!calls.has(call.function)) calls.set(call.function, { fn: call.function, args: call.args, inputs: spec.inputs });
  return [...calls.values()];
}

function inputText(input: Input): string {
  if (input.randn === undefined) return `${input.name} = [${(input.tensor ?? []).join(", ")}]`;
  const seed = input.manual_seed === undefined ? "" : ` after torch.manual_seed(${input.manual_seed})`;
  return `${input.name} = torch.randn(${input.randn.join(", ")})${seed}`;
}

const callTitle = (call: Traced): string =>
  `${call.fn}(${call.args.join(", ")}) with ${call.inputs.filter((input) => call.args.includes(input.name)).map(inputText).join(", ")}`;

/** The graph a call built, or why there is none. */
function drawn(call: Traced, outcome: CheckOutcome, run: AdaptedRun & { ok: true }, timeoutMs: number): Graph | string {
  if (outcome.kind === "timeout") return TIMED_OUT(timeoutMs / 1000, outcome.atLoad === true);
  if (outcome.kind === "crashed") return CRASHED(outcome.reason, outcome.atLoad === true);
  if (outcome.kind === "load-threw") return `${run.file} threw while loading: ${run.explain(outcome.thrown)}`;
  const result = outcome.calls[0];
  if ("missing" in result) return MISSING_EXPORT(run.file, call.fn, result.missing);
  if ("threw" in result) return `${call.fn} threw ${run.explain(result.threw)}`;
  const value = result.returned;
  if (value.kind === "undefined") return NOT_ATTEMPTED([call.fn], run.file);
  if (value.kind === "string") return value.value === TOO_LARGE ? GRAPH_TOO_LARGE(call.fn) : NOTHING_TO_DRAW(call.fn);
  try {
    return readGraph(value);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Graphviz, loaded only here: it takes a tenth of a second. NOTE: required, as the CLI's bundle imports nothing (bin/autograd-ex.cjs). */
const viz = lazyRequire<typeof import("@viz-js/viz")>("@viz-js/viz");

export async function renderSvg(dot: string): Promise<string> {
  const { instance } = viz();
  const result = (await instance()).render(dot, { format: "svg" });
  if (result.status !== "success") throw new ToolError(`Graphviz could not draw the graph: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.output;
}

/** Runs the question's functions with the adapter and returns, for each first call, its graph or why not. */
async function trace(question: Question, workspace: string, limits: Limits): Promise<{ run: AdaptedRun; results: Drawing[] }> {
  const calls = firstCalls(loadChecks(question.id).checks);
  const jobs: JobCheck[] = calls.map((call, index) => ({ index, inputs: call.inputs, calls: [{ function: call.fn, args: call.args }] }));
  const argNames = Object.fromEntries(calls.map((call) => [call.fn, call.args]));
  const run = await runAdapted(question, workspace, adapterCall(traceGraphs, argNames, WIRE), jobs, limits);
  const results = run.ok ? calls.map((call, i) => ({ title: callTitle(call), graph: drawn(call, run.outcomes[i], run, limits.timeoutMs) })) : [];
  return { run, results };
}

type Drawing = { title: string; graph: Graph | string };

export async function graphCommand(name: string, options: GraphOptions, io: Io): Promise<number> {
  const [question] = selectQuestions(loadManifest(), [name]);
  const workspace = openWorkspace(resolve(io.cwd, options.dir), [question]);
  const { run, results } = await trace(question, workspace, { ...DEFAULT_LIMITS, timeoutMs: options.timeout * 1000 });
  const c = new Chalk({ level: io.color ? 1 : 0 });
  const graphs = results.filter((r): r is TitledGraph => typeof r.graph !== "string");
  const blocks = [`${c.bold(run.file ?? question.file)} ${c.dim(`— ${question.title}`)}`];
  if (options.dot && graphs.length > 0) io.out(graphDot(graphs));
  if (!options.dot) blocks.push(...graphs.map((g) => `${c.bold(g.title)}\n${graphTree(g.graph)}`));
  if (!run.ok) blocks.push(run.message);
  for (const r of results) if (typeof r.graph === "string") blocks.push(`${c.bold(r.title)}\n${r.graph}`);
  if (!options.dot && graphs.length > 0) blocks.push(c.dim(READING_GUIDE));
  if (options.svg !== undefined && graphs.length > 0) {
    writeFileSync(resolve(io.cwd, options.svg), await renderSvg(graphDot(graphs)));
    blocks.push(WROTE_SVG(options.svg));
  }
  if (run.ok && run.output !== "") blocks.push(`${c.bold(`Output of ${run.file}`)} ${c.dim("(printed by the solution while it ran)")}\n${quoted(run.output)}`);
  if (blocks.length > 1) (options.dot ? io.err : io.out)(blocks.join("\n\n") + "\n");
  return run.ok && graphs.length === results.length ? 0 : 1;
}

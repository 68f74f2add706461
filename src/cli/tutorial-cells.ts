// The tutorial's cells, read from examples/autograd-tutorial.ts and run on the core, each with what it printed.
// NOTE: a cell is a blank-line separated block of top-level statements; its leading comment lines are its prose.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { compileFunction } from "node:vm";
import * as core from "../core/index.js";
import { graph, graphTree } from "../core/graph.js";
import { esbuild } from "../grader/lazy.js";
import { ToolError } from "../grader/errors.js";
import { paths } from "../grader/paths.js";

export const TUTORIAL_FILE = join(paths.root, "examples", "autograd-tutorial.ts");

export interface Cell {
  prose: string;
  code: string;
  /** What the cell printed, line by line. */
  output: string[];
  /** The graph drawn after the cell (see DRAWINGS): the output's name and the graph as a tree. */
  graph: { output: string; tree: string } | null;
}

/** After the cell whose code holds `after`, the graph of `output` is drawn with these names. */
export const DRAWINGS = [
  { after: "e.backward();", output: "e", names: ["a", "b", "c", "d", "e"] },
  { after: "out.backward();", output: "out", names: ["x", "y", "z", "out"] },
];

/** The file's cells; the file's own first comment (what the file is) is not a cell's prose. */
export function splitCells(source: string): Pick<Cell, "prose" | "code">[] {
  const blocks = source.trim().split(/\n\s*\n/);
  return blocks.map((block, i) => {
    const lines = block.split("\n");
    const comments = lines.findIndex((line) => !line.startsWith("//"));
    const prose = lines.slice(0, comments < 0 ? lines.length : comments).map((line) => line.replace(/^\/\/ ?/, ""));
    return { prose: i === 0 ? "" : prose.join(" "), code: lines.slice(comments < 0 ? lines.length : comments).join("\n") };
  });
}

/** The cells' code with a marker before each and the drawings after theirs, as one program. */
function instrumented(cells: Pick<Cell, "code">[]): string {
  return cells
    .map((cell, i) => {
      const drawings = DRAWINGS.filter((d) => cell.code.includes(d.after)).map((d) => `__graph("${d.output}", { ${d.names.join(", ")} });`);
      return [`__cell(${i});`, cell.code, ...drawings].join("\n");
    })
    .join("\n\n");
}

/** Runs the tutorial on the core, in this process (it is our own code), and returns its cells with their output. */
export async function runTutorial(file = TUTORIAL_FILE): Promise<Cell[]> {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new ToolError(`cannot read the tutorial (${(error as Error).message})`);
  }
  const cells: Cell[] = splitCells(source).map((cell) => ({ ...cell, output: [], graph: null }));
  const { build } = esbuild();
  const bundle = await build({
    stdin: { contents: instrumented(cells), loader: "ts", sourcefile: file },
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    external: ["autograd-ex"],
    logLevel: "silent",
  });
  let current = cells[0];
  const body = compileFunction(bundle.outputFiles[0].text, ["require", "console", "__cell", "__graph"], { filename: file });
  body(
    (id: string) => (id === "autograd-ex" ? core : undefined),
    { log: (...args: unknown[]) => current.output.push(...format(...args).split("\n")) },
    (i: number) => (current = cells[i]),
    (output: string, names: Record<string, core.Tensor>) => (current.graph = { output, tree: graphTree(graph(names[output], names)) }),
  );
  return cells;
}

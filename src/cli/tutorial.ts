// `autograd-ex tutorial`: the course notebook's examples, each cell's code beside what it prints when it runs on
// autograd-ex's core, so that a student can read the lesson before the exercises.
import { Chalk, type ChalkInstance } from "chalk";
import type { Io } from "./io.js";
import { wrap } from "./text.js";
import { runTutorial, type Cell } from "./tutorial-cells.js";

export const INTRO =
  "Autograd: automatic differentiation. Every operation on a tensor that requires grad is recorded in a graph, " +
  "as the code runs; backward() then walks that graph from the output back to the inputs and, by the chain rule, " +
  "leaves each input's gradient in its .grad. Below, the course notebook's examples, each cell's code next to " +
  "what it printed just now, run on autograd-ex's core.";
export const GRAPH_CAPTION = (output: string) =>
  `The graph autograd built for ${output}, with the gradient each node received in backward():`;
export const OUTRO =
  "Next: the written problems in problems.ts (the chain rule on the a, b, c, d, e graph above; " +
  '"npx autograd-ex check p1" … p4), then the exercises q1.ts to q3.ts ("npx autograd-ex watch" re-checks on ' +
  'every save; "npx autograd-ex hint q1" and "npx autograd-ex graph q1" help).';

/** Where the notebook stops for the written problems: before the cell that runs e.backward(). */
export const PROBLEMS_PAUSE = {
  before: "e.backward();",
  text:
    "Stop here, as the notebook does: before the next cell runs backward(), work out Problems 1 to 4 in " +
    'problems.ts by the chain rule, and check them with "npx autograd-ex check p1" (… p4). Then read on and ' +
    "compare with what autograd finds.",
};

const GUTTER = " │ ";

/** Code and output side by side when both fit in `width`, else the output under the code. */
function codeAndOutput(code: string[], output: string[], width: number, c: ChalkInstance): string[] {
  const codeWidth = Math.max(...code.map((line) => line.length));
  const outputWidth = Math.max(0, ...output.map((line) => line.length));
  if (output.length === 0) return code.map((line) => `  ${line}`);
  if (2 + codeWidth + GUTTER.length + outputWidth <= width) {
    const rows = Math.max(code.length, output.length);
    return Array.from({ length: rows }, (_, i) => `  ${(code[i] ?? "").padEnd(codeWidth)}${c.dim(GUTTER)}${output[i] ?? ""}`.trimEnd());
  }
  return [...code.map((line) => `  ${line}`), ...output.map((line) => `${c.dim("  → ")}${line}`)];
}

function cellText(cell: Cell, n: number, width: number, c: ChalkInstance): string {
  const lines = [`${c.bold(`[${n}]`)} ${wrap(cell.prose, width - 4, "    ")}`.trimEnd()];
  lines.push(...codeAndOutput(cell.code.split("\n"), cell.output, width, c));
  if (cell.graph !== null) {
    lines.push("", `    ${c.dim(GRAPH_CAPTION(cell.graph.output))}`, ...cell.graph.tree.split("\n").map((line) => `    ${line}`));
  }
  return lines.join("\n");
}

export async function tutorial(options: { width: number }, io: Io): Promise<number> {
  const c = new Chalk({ level: io.color ? 1 : 0 });
  const width = Math.max(60, options.width);
  const cells = (await runTutorial()).filter((cell) => cell.code.trim() !== "");
  const prose = (text: string) => wrap(text, Math.min(width, 100));
  const blocks = cells.flatMap((cell, i) => [
    ...(cell.code.includes(PROBLEMS_PAUSE.before) ? [c.bold(prose(PROBLEMS_PAUSE.text))] : []),
    cellText(cell, i + 1, width, c),
  ]);
  io.out([prose(INTRO), ...blocks, prose(OUTRO)].join("\n\n") + "\n");
  return 0;
}

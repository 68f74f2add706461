// `graph` runs solutions in the sandbox (the built harness: run `npm run build` first). Expected values are
// PyTorch 1.13's: q2's f(4, 5, 6) = 188.227 with x.grad 56.4681; q3's w·x + b = -4.6675.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "../grader/paths.js";
import { initWorkspace, runCli } from "../../test/cli/run-cli.js";
import { ToolError } from "../grader/errors.js";
import { GRAPH_TOO_LARGE, NOTHING_TO_DRAW, renderSvg } from "./graph.js";

const reference = (file: string) => join(paths.root, "test", "solutions", "reference", file);

const workspace = (...files: string[]) => initWorkspace(Object.fromEntries(files.map((file) => [file, reference(file)])));

describe("autograd-ex graph", () => {
  it("draws q2's graph as a tree with PyTorch's node names, values and gradients", async () => {
    const run = await runCli(["graph", "q2"], await workspace("q2.ts"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("q2(x, y, z) with x = [4], y = [5], z = [6]\nDivBackward0  shape [1]  value [188.23]  grad [1]\n");
    expect(run.out).toContain("│  │  │  └─ x (leaf)  shape [1]  value [4]  grad [56.468]\n");
    expect(run.out).toContain("└─ SqrtBackward0  shape [1]  value [3.873]  grad [-48.6]\n");
    expect(run.out).toContain("      │  ├─ x (leaf), shown above\n");
  });

  it("draws each function of q1 once, on its check's first input, before and after backward", async () => {
    const run = await runCli(["graph", "q1"], await workspace("q1.ts"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("q1(x1) with x1 = [-1]\nMaximumBackward0  shape [1]  value [0]\n└─ x1 (leaf)  shape [1]  value [-1]\n");
    expect(run.out).toContain("grad_q1(x1) with x1 = [-10]\nMaximumBackward0  shape [1]  value [0]  grad [1]\n└─ x1 (leaf)  shape [1]  value [-10]  grad [0]\n");
  });

  it("prints DOT that Graphviz draws, with --dot", async () => {
    const run = await runCli(["graph", "q3", "--dot"], await workspace("q3.ts"));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^digraph autograd \{\n/);
    expect(run.out).toContain('label="AddBackward0\\nshape [1]\\nvalue [-4.6675]\\ngrad [1]"');
    expect(run.err).toBe("");
    const svg = await renderSvg(run.out);
    expect(svg).toContain("<svg");
    expect(svg).toContain(">DotBackward0</text>");
  });

  it("writes an SVG file with --svg, and still shows the tree", async () => {
    const cwd = await workspace("q2.ts");
    const run = await runCli(["graph", "q2", "--svg", "q2.svg"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Wrote the graph to q2.svg");
    const svg = readFileSync(join(cwd, "q2.svg"), "utf8");
    expect(svg).toMatch(/^<\?xml version="1\.0"/);
    expect(svg).toContain(">q2(x, y, z) with x = [4], y = [5], z = [6]</text>");
    expect(svg.match(/class="node"/g)).toHaveLength(14);
  });

  it("says a stub is not written yet, exit 1", async () => {
    const run = await runCli(["graph", "q2"], await workspace());
    expect(run.code).toBe(1);
    expect(run.out).toContain("q2 returns nothing yet: write your solution at the TODO in q2.ts");
  });

  it("says when a solution builds no graph", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "q2.ts"), "export function q2() { return [1, 2, 3]; }\n");
    const run = await runCli(["graph", "q2"], cwd);
    expect(run.code).toBe(1);
    expect(run.out).toContain(NOTHING_TO_DRAW("q2"));
  });

  it("reports a syntax error with its place, and an exception with the student's own line", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "q2.ts"), "export function q2(x) {\n  return x.mul(;\n}\n");
    const broken = await runCli(["graph", "q2"], cwd);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("q2.ts:2:16: Unexpected \";\"");
    writeFileSync(join(cwd, "q2.ts"), 'export function q2(x: any) {\n  throw new Error("not yet");\n}\n');
    const threw = await runCli(["graph", "q2"], cwd);
    expect(threw.code).toBe(1);
    expect(threw.out).toContain("q2 threw Error: not yet\n    at q2 (q2.ts:2:9)");
  });

  it("says a graph too large to send back is too large", async () => {
    const cwd = await workspace();
    writeFileSync(join(cwd, "q2.ts"), "export function q2(x: any) { let y = x; for (let i = 0; i < 2000; i++) y = y.mul(1); y.backward(); }\n");
    const run = await runCli(["graph", "q2"], cwd);
    expect(run.code).toBe(1);
    expect(run.out).toContain(GRAPH_TOO_LARGE("q2"));
  });

  it("exits 2 for an unknown question", async () => {
    const run = await runCli(["graph", "q9"], await workspace());
    expect(run.code).toBe(2);
    expect(run.err).toBe('autograd-ex: unknown question "q9" (the questions are q1, q2, q3)\n');
  });
});

describe("renderSvg", () => {
  it("refuses DOT that Graphviz cannot read, with Graphviz's own message", async () => {
    await expect(renderSvg("digraph { a -> ; }")).rejects.toThrowError(new ToolError("Graphviz could not draw the graph: syntax error in line 1 near ';'"));
  });
});

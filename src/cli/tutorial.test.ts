import { describe, expect, it } from "vitest";
import golden from "../../test/fixtures/tutorial.json" with { type: "json" };
import { runCli, tempDir } from "../../test/cli/run-cli.js";
import { PROBLEMS_PAUSE } from "./tutorial.js";
import { runTutorial, splitCells } from "./tutorial-cells.js";

describe("the tutorial's cells", () => {
  it("split at blank lines, leading comments as prose, the file's own first comment left out", () => {
    const source = "// What this file is.\nimport x from 'y';\n\n// Prose one,\n// and more.\nconst a = 1;\nf(a); // a note\n\nconst b = 2;\n";
    expect(splitCells(source)).toEqual([
      { prose: "", code: "import x from 'y';" },
      { prose: "Prose one, and more.", code: "const a = 1;\nf(a); // a note" },
      { prose: "", code: "const b = 2;" },
    ]);
  });

  it("print, run on the core, what the notebook prints in PyTorch, each line under its own cell", async () => {
    const cells = await runTutorial();
    expect(cells.flatMap((cell) => cell.output)).toEqual(golden.lines);
    expect(cells.find((cell) => cell.code.includes("const c = a.add(b);"))!.output).toEqual(["c=tensor(3.), d=tensor(2.)"]);
  });

  it("draw the graph of e after backward, with PyTorch's gradients (de/da = 2, de/db = 5)", async () => {
    const cell = (await runTutorial()).find((c) => c.code.includes("e.backward();"))!;
    expect(cell.graph!.output).toBe("e");
    expect(cell.graph!.tree).toContain("│  ├─ a (leaf)  shape [1]  value [2]  grad [2]\n│  └─ b (leaf)  shape [1]  value [1]  grad [5]\n");
  });
});

describe("autograd-ex tutorial", () => {
  it("shows each cell's code next to its output when the width allows", async () => {
    const run = await runCli(["tutorial", "--width", "120"], tempDir());
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "  const c = a.add(b);                                                │ c=tensor(3.), d=tensor(2.)\n" +
        "  const d = b.add(1);                                                │\n",
    );
    expect(run.out).toContain("    The graph autograd built for out, with the gradient each node received in backward():\n    out = MeanBackward0");
  });

  it("puts the output under the code in a narrow terminal", async () => {
    const run = await runCli(["tutorial", "--width", "60"], tempDir());
    expect(run.out).toContain("  console.log(`${x.grad}`);\n  → tensor([[1., 1.],\n");
    expect(run.out).toContain("  const c = a.add(b);\n  const d = b.add(1);\n  console.log(`c=${c.data.select(0, 0)}, d=${d.data.select(0, 0)}`);\n  → c=tensor(3.), d=tensor(2.)\n");
  });

  it("stops for the written problems before backward() gives their answers away", async () => {
    const { out } = await runCli(["tutorial", "--width", "120"], tempDir());
    const pause = out.indexOf("Stop here, as the notebook does");
    expect(pause).toBeGreaterThan(out.indexOf("const e = c.mul(d);"));
    expect(pause).toBeLessThan(out.indexOf(PROBLEMS_PAUSE.before));
  });

  it("says so when the tutorial's source is missing", async () => {
    await expect(runTutorial("/nowhere/tutorial.ts")).rejects.toThrowError(/^cannot read the tutorial \(ENOENT: no such file or directory/);
  });

  it("exits 2 for a width too narrow to lay out", async () => {
    const run = await runCli(["tutorial", "--width", "20"], tempDir());
    expect(run.code).toBe(2);
    expect(run.err).toContain("expected a width, a whole number from 60 to 1000");
  });
});

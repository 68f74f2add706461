// Expected node names, values and gradients are PyTorch 1.13's (grad_fn.name(), next_functions, .grad).
import { describe, expect, test } from "vitest";
import { TorchTypeError, Variable, torch } from "./index.js";
import { formatValues, graph, graphDot, graphTree } from "./graph.js";

function notebookGraph() {
  const a = Variable(torch.FloatTensor([2]), { requires_grad: true });
  const b = Variable(torch.FloatTensor([1]), { requires_grad: true });
  const c = a.add(b), d = b.add(1), e = c.mul(d);
  return { a, b, c, d, e };
}

describe("graph", () => {
  test("the notebook's a/b/c/d/e graph before backward: ops, leaves, values, shared input b", () => {
    const t = notebookGraph();
    const g = graph(t.e, t);
    expect(g.nodes.map((n) => [n.name, n.op, n.leaf, n.value, n.grad])).toEqual([
      ["e", "MulBackward0", false, [6], null],
      ["c", "AddBackward0", false, [3], null],
      ["a", null, true, [2], null],
      ["b", null, true, [1], null],
      ["d", "AddBackward0", false, [2], null],
    ]);
    expect(g.root).toBe("n0");
    expect(g.edges).toEqual([
      { from: "n2", to: "n1" },
      { from: "n3", to: "n1" },
      { from: "n1", to: "n0" },
      { from: "n3", to: "n4" },
      { from: "n4", to: "n0" },
    ]);
  });

  test("after backward each node carries its gradient: de/dc = d = 2, de/dd = c = 3, de/da = 2, de/db = 5", () => {
    const t = notebookGraph();
    t.e.backward();
    expect(graph(t.e, t).nodes.map((n) => [n.name, n.grad])).toEqual([["e", [1]], ["c", [2]], ["a", [2]], ["b", [5]], ["d", [3]]]);
  });

  test("keeps the first values of a large tensor, and its shape and size", () => {
    const x = torch.ones(4, 5, { requires_grad: true });
    const [node] = graph(x.mul(2)).nodes;
    expect(node).toMatchObject({ op: "MulBackward0", shape: [4, 5], numel: 20, value: [2, 2, 2, 2, 2, 2, 2, 2] });
  });

  test("a tensor outside any graph is a single leaf", () => {
    expect(graph(torch.ones(2)).nodes).toEqual([{ id: "n0", op: null, leaf: true, name: null, shape: [2], numel: 2, value: [1, 1], grad: null }]);
  });

  test("rejects what is not a tensor, as PyTorch words it", () => {
    expect(() => graph([1] as never)).toThrowError(new TorchTypeError("graph(): argument 'output' (position 1) must be Tensor, not list"));
  });
});

describe("drawings", () => {
  test("the tree shows the output first, inputs below, and a shared input once", () => {
    const t = notebookGraph();
    t.e.backward();
    expect(graphTree(graph(t.e, t))).toBe(
      [
        "e = MulBackward0  shape [1]  value [6]  grad [1]",
        "├─ c = AddBackward0  shape [1]  value [3]  grad [2]",
        "│  ├─ a (leaf)  shape [1]  value [2]  grad [2]",
        "│  └─ b (leaf)  shape [1]  value [1]  grad [5]",
        "└─ d = AddBackward0  shape [1]  value [2]  grad [3]",
        "   └─ b (leaf), shown above",
      ].join("\n"),
    );
  });

  test("the tutorial's 3(x + 2)² graph, with PyTorch's node names and the 4.5 gradient on x", () => {
    const x = torch.ones(2, 2, { requires_grad: true });
    const y = x.add(2);
    const out = y.mul(y).mul(3).mean();
    out.backward();
    expect(graphTree(graph(out, { x, out }))).toBe(
      [
        "out = MeanBackward0  shape []  value 27  grad 1",
        "└─ MulBackward0  shape [2, 2]  value [[27, 27], [27, 27]]  grad [[0.25, 0.25], [0.25, 0.25]]",
        "   └─ MulBackward0  shape [2, 2]  value [[9, 9], [9, 9]]  grad [[0.75, 0.75], [0.75, 0.75]]",
        "      ├─ AddBackward0  shape [2, 2]  value [[3, 3], [3, 3]]  grad [[4.5, 4.5], [4.5, 4.5]]",
        "      │  └─ x (leaf)  shape [2, 2]  value [[1, 1], [1, 1]]  grad [[4.5, 4.5], [4.5, 4.5]]",
        "      └─ AddBackward0, shown above",
      ].join("\n"),
    );
  });

  test("values: nested by shape, cut with … past the kept ones, float32 noise and non-finite values", () => {
    expect(formatValues([1, 2, 3, 4, 5, 6], [2, 3], 6)).toBe("[[1, 2, 3], [4, 5, 6]]");
    expect(formatValues([1, 2], [5], 5)).toBe("[1, 2, …]");
    expect(formatValues([Math.fround(0.1), NaN, -Infinity], [3], 3)).toBe("[0.1, nan, -inf]");
  });

  test("DOT: one statement per node and edge, leaves and output styled, labels escaped", () => {
    const a = torch.tensor([1], { requires_grad: true });
    const dot = graphDot(graph(a.mul(2), { 'say "hi"\\': a }));
    expect(dot).toBe(
      [
        "digraph autograd {",
        "  rankdir=BT;",
        '  fontname="Helvetica"; fontsize=12;',
        '  node [shape=box, style="rounded,filled", fillcolor="#f2f2f2", fontname="Helvetica", fontsize=11];',
        '  n0 [label="MulBackward0\\nshape [1]\\nvalue [2]", fillcolor="#d9ead3", penwidth=2];',
        '  n1 [label="say \\"hi\\"\\\\ (leaf)\\nshape [1]\\nvalue [1]", style=filled, fillcolor="#cfe2f3"];',
        "  n1 -> n0;",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("DOT: several titled graphs side by side, each in its own frame with its own node names", () => {
    const x = torch.tensor([1], { requires_grad: true });
    const parts = [{ title: "first", graph: graph(x.neg()) }, { title: "second", graph: graph(x.exp()) }];
    const dot = graphDot(parts);
    expect(dot).toContain('  subgraph cluster_0 {\n    label="first";\n    labelloc=b; style=rounded; color="#999999";\n    g0_n0 [label="NegBackward0');
    expect(dot).toContain("    g1_n1 -> g1_n0;\n  }\n}\n");
    expect(graphDot(parts.slice(0, 1))).toContain('  label="first";\n  labelloc=t;\n  n0 [');
  });
});

import { describe, expect, it } from "vitest";
import { torch } from "../core/index.js";
import { graph, type Graph } from "../core/graph.js";
import type { Described } from "../grader/protocol.js";
import { MALFORMED_GRAPH, readGraph, WIRE } from "./graph-trace.js";

/** What the adapter sends for `text`: strings of WIRE.size characters, WIRE.items to a list. */
function wired(text: string): Described {
  const strings: Described[] = [];
  for (let i = 0; i < text.length; i += WIRE.size) strings.push({ kind: "string", value: text.slice(i, i + WIRE.size) });
  const groups: Described[] = [];
  for (let i = 0; i < strings.length; i += WIRE.items) groups.push({ kind: "array", length: 0, items: strings.slice(i, i + WIRE.items) });
  return { kind: "array", length: groups.length, items: groups };
}

const sample = (): Graph => {
  const x = torch.tensor([1, 2, 3], { requires_grad: true });
  const y = x.mul(x).sum();
  y.backward();
  return graph(y, { x });
};

describe("readGraph", () => {
  it("reads back a graph cut into many strings, non-finite values included", () => {
    const g = sample();
    g.nodes[0].value = [NaN];
    const text = JSON.stringify(g, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
    const small = { ...WIRE, size: 50 };
    expect(text.length).toBeGreaterThan(small.size * 4);
    const strings: Described[] = [];
    for (let i = 0; i < text.length; i += small.size) strings.push({ kind: "string", value: text.slice(i, i + small.size) });
    expect(readGraph({ kind: "array", length: 1, items: [{ kind: "array", length: strings.length, items: strings }] })).toEqual(g);
    expect(readGraph(wired(text))).toEqual(g);
  });

  it.each([
    ["not JSON", wired("{nodes")],
    ["JSON null", wired("null")],
    ["a node that is not an object", wired('{"root":"n0","nodes":[null],"edges":[]}')],
    ["an edge to a node that is not there", wired(JSON.stringify({ ...sample(), edges: [{ from: "n0", to: "n9" }] }))],
    ["a root that is not a node", wired(JSON.stringify({ ...sample(), root: "n7" }))],
    ["two nodes with one id", wired(JSON.stringify({ ...sample(), nodes: [sample().nodes[0], sample().nodes[0]] }))],
    ["more values than a graph keeps", wired(JSON.stringify({ ...sample(), nodes: [{ ...sample().nodes[0], value: Array(9).fill(1) }] }))],
    ["a value that is not a number", wired(JSON.stringify({ ...sample(), nodes: [{ ...sample().nodes[0], grad: ["x"] }] }))],
    ["a number instead of strings", { kind: "array", length: 1, items: [{ kind: "number", value: 1 }] } as Described],
    ["a tensor", { kind: "tensor", dtype: "float32", shape: [1], numel: 1, values: [1] } as Described],
  ])("rejects %s", (_, value) => {
    expect(() => readGraph(value)).toThrowError(MALFORMED_GRAPH);
  });
});

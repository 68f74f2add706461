// Both ends of `graph`'s trip through the sandbox: the adapter that records, in the child, the graph each call
// built, and the parent's reading of what came back (untrusted: the solution shares the child with the adapter).
import { GRAPH_VALUES, type Graph, type GraphEdge, type GraphNode } from "../core/graph.js";
import { wireNumber } from "../grader/reply.js";
import { LIMITS, type Described } from "../grader/protocol.js";

/** What the adapter returns instead of a graph. */
export const NO_GRAPH = "no graph", TOO_LARGE = "too large";

/**
 * How the graph's JSON is cut for the trip: strings as long as the protocol allows, and at most half of what
 * one returned value may take, since JSON escapes can double a string's length.
 */
export const WIRE = { size: LIMITS.text, items: LIMITS.items, max: Math.floor((LIMITS.outcome - 4096) / 2), noGraph: NO_GRAPH, tooLarge: TOO_LARGE };

type Loose = Record<string, any>;

/**
 * The adapter (see adapterCall): wraps each function named in `argNames` so that it returns the graph of the
 * tensor backward() last ran on during the call, or else of the first returned tensor that requires grad,
 * labelled with the arguments' names. The graph travels as JSON cut into strings (`size` characters, `items`
 * per list, two levels, `max` characters in all), because the protocol carries only plain values.
 */
export function traceGraphs(
  module: { exports: Record<string, unknown> },
  require: (id: string) => unknown,
  argNames: Record<string, string[]>,
  wire: { size: number; items: number; max: number; noGraph: string; tooLarge: string },
): void {
  const { torch, Tensor } = require("autograd-ex") as Loose;
  const solution = module.exports;
  const backward = Tensor.prototype.backward;
  let root: unknown = null;
  Tensor.prototype.backward = function (this: unknown, ...args: unknown[]) {
    root = this;
    return backward.apply(this, args);
  };
  const split = <T extends string | unknown[]>(all: T, n: number): T[] =>
    Array.from({ length: Math.ceil(all.length / n) }, (_, i) => all.slice(i * n, i * n + n) as T);
  const finite = (_: string, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
  const exported: Record<string, unknown> = {};
  for (const [name, names] of Object.entries(argNames)) {
    const fn = solution[name];
    if (typeof fn !== "function") continue;
    exported[name] = async (...args: unknown[]) => {
      root = null;
      const result = await fn(...args);
      const drawn = root ?? [result].flat().find((v) => v instanceof Tensor && (v as Loose).requires_grad);
      if (drawn === undefined) return result === undefined ? undefined : wire.noGraph;
      let text: string;
      try {
        text = JSON.stringify(torch.graph(drawn, Object.fromEntries(names.map((n, i) => [n, args[i]]))), finite);
      } catch (error) {
        if (error instanceof RangeError) return wire.tooLarge; // too deep to walk
        throw error;
      }
      return text.length > wire.max ? wire.tooLarge : split(split(text, wire.size), wire.items);
    };
  }
  module.exports = exported;
}

export const MALFORMED_GRAPH = "the graph sent back from the solution's process is malformed";

const fail = (): never => {
  throw new Error(MALFORMED_GRAPH);
};

const object = (v: unknown): Loose => (typeof v === "object" && v !== null ? (v as Loose) : fail());
const isText = (v: unknown): v is string => typeof v === "string" && v.length <= 200;
const count = (v: unknown): number => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : fail());
function number(v: unknown): number {
  try {
    return wireNumber(v);
  } catch {
    return fail();
  }
}
const numbers = (v: unknown): number[] => (Array.isArray(v) && v.length <= GRAPH_VALUES ? v.map(number) : fail());

function node(item: unknown): GraphNode {
  const v = object(item);
  if (!isText(v.id) || !(v.op === null || isText(v.op)) || !(v.name === null || isText(v.name)) || typeof v.leaf !== "boolean") fail();
  const shape = Array.isArray(v.shape) && v.shape.length <= 16 ? v.shape.map(count) : fail();
  return { id: v.id, op: v.op, leaf: v.leaf, name: v.name, shape, numel: count(v.numel), value: numbers(v.value), grad: v.grad === null ? null : numbers(v.grad) };
}

function edge(item: unknown, ids: Set<string>): GraphEdge {
  const v = object(item);
  return ids.has(v.from) && ids.has(v.to) ? { from: v.from, to: v.to } : fail();
}

/** The graph in what the adapter returned; throws MALFORMED_GRAPH when it is not one. */
export function readGraph(returned: Described): Graph {
  const strings = returned.kind === "array" ? returned.items.flatMap((group) => (group.kind === "array" ? group.items : [group])) : fail();
  const text = strings.map((s) => (s.kind === "string" ? s.value : fail())).join("");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail();
  }
  const { root, nodes, edges } = object(data);
  const read = Array.isArray(nodes) ? nodes.map(node) : fail();
  const ids = new Set(read.map((n) => n.id));
  if (ids.size !== read.length || !ids.has(root) || !Array.isArray(edges)) fail();
  return { root, nodes: read, edges: edges.map((e: unknown) => edge(e, ids)) };
}

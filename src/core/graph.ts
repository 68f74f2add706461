// The graph autograd built for a tensor, as plain data (`torch.graph(y)`), and two drawings of it: a tree for the
// terminal and Graphviz DOT. Like the notebook's comp_graph pictures: inputs at the bottom, the output on top.
import type { Node } from "./autograd.js";
import { TorchTypeError, typeName } from "./errors.js";
import { Tensor } from "./tensor.js";

/** How many values of each tensor a graph keeps: the first ones, in row-major order. */
export const GRAPH_VALUES = 8;

export interface GraphNode {
  id: string;
  /** PyTorch's name for the operation that made the tensor (`MulBackward0`); null for a leaf. */
  op: string | null;
  leaf: boolean;
  /** The name the caller gave the tensor, if any. */
  name: string | null;
  shape: number[];
  numel: number;
  /** The first GRAPH_VALUES values. */
  value: number[];
  /** The gradient that reached the tensor in the last backward (a leaf's `.grad`); null before any. */
  grad: number[] | null;
}

/** `from` is an input of `to`: the value flows from → to, its gradient to → from. */
export interface GraphEdge {
  from: string;
  to: string;
}

export interface Graph {
  /** The output's node; nodes are listed from it, each before its inputs. */
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const firstValues = (t: Tensor | null): number[] | null => (t === null ? null : Array.from(t._values.subarray(0, GRAPH_VALUES)));

/** What identifies a tensor's place in the graph: its grad_fn, or the leaf itself. */
const key = (t: Tensor): Node | Tensor => t.grad_fn ?? t;

/**
 * The graph that produced `output`, walked back through each grad_fn's inputs that need a gradient (as
 * backward walks it). `names` labels tensors, e.g. `torch.graph(e, { a, b, c, d, e })`.
 */
export function graph(output: Tensor, names: Record<string, Tensor> = {}): Graph {
  if (!(output instanceof Tensor)) throw new TorchTypeError(`graph(): argument 'output' (position 1) must be Tensor, not ${typeName(output)}`);
  const labels = new Map<Node | Tensor, string>();
  for (const [name, t] of Object.entries(names)) if (t instanceof Tensor) labels.set(key(t), name);
  const ids = new Map<Node | Tensor, string>();
  const nodes: GraphNode[] = [], edges: GraphEdge[] = [];
  const visit = (t: Tensor): string => {
    const k = key(t);
    const known = ids.get(k);
    if (known !== undefined) return known;
    const id = `n${ids.size}`;
    ids.set(k, id);
    const fn = t.grad_fn, shown = fn?.output ?? t;
    nodes.push({
      id,
      op: fn?.name() ?? null,
      leaf: fn === null,
      name: labels.get(k) ?? null,
      shape: shown.shape,
      numel: shown.numel(),
      value: firstValues(shown)!,
      grad: firstValues(fn === null ? t.grad : fn.last_grad),
    });
    for (const input of fn?.inputs ?? []) if (input !== null) edges.push({ from: visit(input), to: id });
    return id;
  };
  return { root: visit(output), nodes, edges };
}

/** A float32 value in at most 5 significant digits; nan and inf as PyTorch prints them. */
function number(v: number): string {
  if (Number.isFinite(v)) return String(Number(v.toPrecision(5)));
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/** Values nested by shape when all are kept (`[[3, 3], [3, 3]]`), else the kept ones and "…". */
export function formatValues(values: number[], shape: number[], numel: number): string {
  if (values.length < numel) return `[${values.map(number).join(", ")}, …]`;
  const nest = (dim: number, offset: number, size: number): string => {
    if (dim === shape.length) return number(values[offset]);
    const inner = size / shape[dim];
    return `[${Array.from({ length: shape[dim] }, (_, i) => nest(dim + 1, offset + i * inner, inner)).join(", ")}]`;
  };
  return nest(0, 0, numel);
}

const title = (node: GraphNode): string =>
  node.leaf ? `${node.name ?? "leaf"}${node.name === null ? "" : " (leaf)"}` : `${node.name === null ? "" : `${node.name} = `}${node.op}`;

/** What the drawings say about a node, one item a line: title, shape, value, gradient. */
export function nodeLines(node: GraphNode): string[] {
  const lines = [title(node), `shape [${node.shape.join(", ")}]`, `value ${formatValues(node.value, node.shape, node.numel)}`];
  if (node.grad !== null) lines.push(`grad ${formatValues(node.grad, node.shape, node.numel)}`);
  return lines;
}

/**
 * The graph as an indented tree, the output first and each node's inputs below it (the way backward walks).
 * A node reached a second time (b in e = (a + b)·(b + 1)) is named again, not expanded again.
 */
export function graphTree(g: Graph): string {
  const byId = new Map(g.nodes.map((node) => [node.id, node]));
  const inputs = new Map<string, string[]>(g.nodes.map((node) => [node.id, []]));
  for (const edge of g.edges) inputs.get(edge.to)?.push(edge.from);
  const drawn = new Set<string>(), out: string[] = [];
  const draw = (id: string, lead: string, branch: string): void => {
    const node = byId.get(id)!;
    const [head, ...rest] = nodeLines(node);
    if (drawn.has(id)) return void out.push(`${lead}${branch}${head}, shown above`);
    drawn.add(id);
    out.push(`${lead}${branch}${[head, ...rest].join("  ")}`);
    const below = lead + (branch === "├─ " ? "│  " : branch === "" ? "" : "   ");
    const children = inputs.get(id)!;
    children.forEach((child, i) => draw(child, below, i === children.length - 1 ? "└─ " : "├─ "));
  };
  draw(g.root, "", "");
  return out.join("\n");
}

const quote = (text: string): string => `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n")}"`;

/** A graph with a caption, for drawing several side by side. */
export interface TitledGraph {
  title: string;
  graph: Graph;
}

function dotStatements(g: Graph, prefix: string): string[] {
  const lines: string[] = [];
  for (const node of g.nodes) {
    const style = node.leaf ? ', style=filled, fillcolor="#cfe2f3"' : node.id === g.root ? ', fillcolor="#d9ead3", penwidth=2' : "";
    lines.push(`${prefix}${node.id} [label=${quote(nodeLines(node).join("\n"))}${style}];`);
  }
  for (const edge of g.edges) lines.push(`${prefix}${edge.from} -> ${prefix}${edge.to};`);
  return lines;
}

/**
 * Graphviz's DOT language: leaves as blue boxes, operations as rounded grey ones, the output in green. Several titled
 * graphs are drawn side by side, each in a frame with its title.
 */
export function graphDot(g: Graph | TitledGraph[]): string {
  let body: string[];
  if (!Array.isArray(g)) body = dotStatements(g, "");
  else if (g.length === 1) body = [`label=${quote(g[0].title)};`, "labelloc=t;", ...dotStatements(g[0].graph, "")];
  else {
    body = g.flatMap((part, k) => [
      `subgraph cluster_${k} {`,
      // NOTE: with rankdir=BT a cluster's "b" is its top (the whole graph's "t" is not turned over)
      ...[`label=${quote(part.title)};`, 'labelloc=b; style=rounded; color="#999999";', ...dotStatements(part.graph, `g${k}_`)].map((line) => `  ${line}`),
      "}",
    ]);
  }
  const head = ["rankdir=BT;", 'fontname="Helvetica"; fontsize=12;', 'node [shape=box, style="rounded,filled", fillcolor="#f2f2f2", fontname="Helvetica", fontsize=11];'];
  return ["digraph autograd {", ...[...head, ...body].map((line) => `  ${line}`), "}"].join("\n") + "\n";
}

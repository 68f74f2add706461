// Answers written as expressions ("c + d", "(e/c)"): read with mathjs's parser, then evaluated by a small walker of
// our own over its syntax tree that knows numbers, the graph's names, + − * / ^ and a few functions. No eval.
import type { MathNode } from "mathjs";
import { lazyRequire } from "./lazy.js";

export type Scope = Record<string, number>;

export type Expression =
  | { ok: true; /** The names it uses. */ names: string[]; evaluate: (scope: Scope) => number }
  | { ok: false; message: string; /** 1-based, for a syntax error. */ column?: number };

export const UNKNOWN_NAME = (name: string, names: string[]) => `unknown name "${name}": write the answer with ${names.join(", ")}`;
export const NOT_ALLOWED = (what: string) =>
  `${what} is not allowed here: use numbers, the graph's names, + - * / ^, parentheses, sqrt, exp and log`;

const OPERATORS: Record<string, (...x: number[]) => number> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
  divide: (x, y) => x / y,
  pow: (x, y) => x ** y,
  unaryMinus: (x) => -x,
  unaryPlus: (x) => x,
};
const FUNCTIONS: Record<string, (x: number) => number> = { sqrt: Math.sqrt, exp: Math.exp, log: Math.log };

class Unsupported extends Error {}

// NOTE: mathjs's browser bundle, one file, loads in about 0.1 s; its ES modules take about 1 s.
const mathjs = lazyRequire<typeof import("mathjs")>("mathjs/lib/browser/math.js");
const parse = (text: string): MathNode => mathjs().parse(text);

type Evaluate = (scope: Scope) => number;

function compile(node: MathNode, names: string[], used: Set<string>): Evaluate {
  const inner = (n: MathNode) => compile(n, names, used);
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== "number") throw new Unsupported(NOT_ALLOWED(`the text ${node.toString()}`));
      return () => value;
    }
    case "SymbolNode": {
      const { name } = node as unknown as { name: string };
      if (!names.includes(name)) throw new Unsupported(UNKNOWN_NAME(name, names));
      used.add(name);
      return (scope) => scope[name];
    }
    case "ParenthesisNode":
      return inner((node as unknown as { content: MathNode }).content);
    case "OperatorNode": {
      const { fn, op, args } = node as unknown as { fn: string; op: string; args: MathNode[] };
      const apply = Object.hasOwn(OPERATORS, fn) ? OPERATORS[fn] : undefined;
      if (apply === undefined) throw new Unsupported(NOT_ALLOWED(`the operator ${op}`));
      const parts = args.map(inner);
      return (scope) => apply(...parts.map((part) => part(scope)));
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: { name: string }; args: MathNode[] };
      const apply = Object.hasOwn(FUNCTIONS, fn.name) ? FUNCTIONS[fn.name] : undefined;
      if (apply === undefined || args.length !== 1) throw new Unsupported(NOT_ALLOWED(`"${node.toString()}"`));
      const arg = inner(args[0]);
      return (scope) => apply(arg(scope));
    }
    default:
      throw new Unsupported(NOT_ALLOWED(`"${node.toString()}"`));
  }
}

/** The expression in `text`, which may use `names`; or what keeps it from being read. */
export function readExpression(text: string, names: string[]): Expression {
  let node: MathNode;
  try {
    node = parse(text.replaceAll("**", "^ ")); // Python's power, as the notebook writes it; columns stay put
  } catch (error) {
    const { message, char } = error as { message: string; char?: number };
    const reason = message.replace(/ \(char \d+\)$/, "");
    return { ok: false, message: reason.charAt(0).toLowerCase() + reason.slice(1), column: char };
  }
  const used = new Set<string>();
  try {
    const evaluate = compile(node, names, used);
    return { ok: true, names: [...used], evaluate };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, message: error.message };
    throw error;
  }
}

// Randomized checks (instructor mode): each question checked at inputs drawn from a seed, with the expected values
// computed here, in the parent, with the core, so a hard-coded answer cannot pass them. checks/randomized/<q>.json
// says how many and how large; the inputs go to the child as plain data, the expected values never do.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { Generator } from "../core/random.js";
import { ToolError } from "./errors.js";
import { formatNumber, formatValues } from "./explain.js";
import { paths } from "./paths.js";
import type { Assertion, Call, CheckSpec, Input } from "./spec.js";
import { lazily, sha256 } from "./lazy.js";

const randomizedFile = lazily((z) => {
  const range = z.tuple([z.number().positive(), z.number().positive()]);
  const base = { name: z.string(), count: z.number().int().positive() };
  const checkParams = z.discriminatedUnion("kind", [
    z.object({ ...base, kind: z.literal("relu"), sizes: z.tuple([z.number().int().min(2), z.number().int()]), magnitudes: range }),
    z.object({ ...base, kind: z.literal("relu_grad"), magnitudes: range }),
    z.object({ ...base, kind: z.literal("relu_slope"), magnitudes: range, step: z.number().positive().max(0.5), rtol: z.number(), atol: z.number() }),
    z.object({ ...base, kind: z.literal("q2_gradient"), offsets: range, min_sum: z.number().positive() }),
    z.object({ ...base, kind: z.literal("perceptron"), sizes: z.array(z.number().int().positive()).min(1) }),
  ]);
  return z.object({ question: z.string(), checks: z.array(checkParams) });
});
type CheckParams = z.infer<ReturnType<typeof randomizedFile>>["checks"][number];
type Params<K> = Extract<CheckParams, { kind: K }>;

/** Draws from the core's mt19937 (PyTorch's generator), so a seed gives the same checks on every machine. */
class Draw {
  readonly #generator: Generator;

  constructor(seed: number) {
    this.#generator = new Generator(seed);
  }

  uniform(): number {
    const [high, low] = this.#generator.rand(2);
    return high + low * 2 ** -24; // 48 bits
  }

  int(low: number, high: number): number {
    return low + Math.floor(this.uniform() * (high - low + 1));
  }

  sign(): number {
    return this.uniform() < 0.5 ? -1 : 1;
  }

  /** A float32 of the given sign (random when not given), its size log-uniform in [low, high]. */
  signed([low, high]: [number, number], sign = this.sign()): number {
    return Math.fround(sign * low * (high / low) ** this.uniform());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** Signs with at least one negative and one positive, in random order. */
const mixedSigns = (draw: Draw, n: number): number[] => draw.shuffle(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1 : 1)));

const input = (name: string, tensor: number[]): Input => ({ name, tensor, requires_grad: true });

function relu(p: Params<"relu">, draw: Draw): Omit<CheckSpec, "name"> {
  const inputs: Input[] = [], calls: Call[] = [], assertions: Assertion[] = [];
  for (let i = 0; i < p.count; i++) {
    const x = mixedSigns(draw, draw.int(...p.sizes)).map((sign) => draw.signed(p.magnitudes, sign));
    inputs.push(input(`x${i}`, x));
    calls.push({ function: "q1", args: [`x${i}`], returns: `r${i}` });
    assertions.push({ text: `q1(x) for x = ${formatValues(x)}`, value: `r${i}`, take: "all", allclose: x.map((v) => Math.max(v, 0)) });
  }
  return { inputs, calls, assertions };
}

function reluGrad(p: Params<"relu_grad">, draw: Draw): Omit<CheckSpec, "name"> {
  const x = mixedSigns(draw, p.count).map((sign) => draw.signed(p.magnitudes, sign));
  return {
    inputs: x.map((v, i) => input(`x${i}`, [v])),
    calls: x.map((_, i) => ({ function: "grad_q1", args: [`x${i}`], returns: `g${i}` })),
    assertions: x.map((v, i) => ({ text: `grad_q1(x) is ${v > 0 ? 1 : 0} for x = [${formatNumber(v)}]`, value: `g${i}`, take: "first", equals: v > 0 ? 1 : 0 })),
  };
}

/** grad_q1 against the slope of the student's own q1 between x − h and x + h (ReLU is linear there: h < |x|). */
function reluSlope(p: Params<"relu_slope">, draw: Draw): Omit<CheckSpec, "name"> {
  const inputs: Input[] = [], calls: Call[] = [], assertions: Assertion[] = [];
  for (let i = 0; i < p.count; i++) {
    const x = draw.signed(p.magnitudes), h = Math.abs(x) * p.step;
    const plus = Math.fround(x + h), minus = Math.fround(x - h);
    inputs.push(input(`x${i}`, [x]), input(`xp${i}`, [plus]), input(`xm${i}`, [minus]));
    calls.push(
      { function: "grad_q1", args: [`x${i}`], returns: `g${i}` },
      { function: "q1", args: [`xp${i}`], returns: `fp${i}` },
      { function: "q1", args: [`xm${i}`], returns: `fm${i}` },
    );
    assertions.push({
      text: `grad_q1(x) is the slope of your q1 around x = ${formatNumber(x)} (q1 at x ± ${formatNumber(h)})`,
      value: `g${i}`,
      take: "first",
      finite_difference: { plus: `fp${i}`, minus: `fm${i}`, spacing: plus - minus },
      rtol: p.rtol,
      atol: p.atol,
    });
  }
  return { inputs, calls, assertions };
}

/** The analytic gradient of f = (x−1)(y−2)²(z−3)³/√(x+y+z), the formula check_q2 grades, in float64. */
export function q2Gradient(x: number, y: number, z: number): [number, number, number] {
  const a = x - 1, b = y - 2, c = z - 3, s = x + y + z, r = Math.sqrt(s);
  const f = (a * b * b * c ** 3) / r;
  const dr = -f / (2 * s); // ∂f/∂v through 1/√s, the same for x, y and z
  return [(b * b * c ** 3) / r + dr, (2 * a * b * c ** 3) / r + dr, (3 * a * b * b * c * c) / r + dr];
}

function q2Point(p: Params<"q2_gradient">, draw: Draw): number[] {
  for (let tries = 0; tries < 1000; tries++) {
    const point = [1, 2, 3].map((centre) => Math.fround(centre + draw.sign() * (p.offsets[0] + draw.uniform() * (p.offsets[1] - p.offsets[0]))));
    if (point[0] + point[1] + point[2] >= p.min_sum) return point;
  }
  throw new ToolError(`checks/randomized: no point with x + y + z ≥ ${p.min_sum} for offsets ${p.offsets}`);
}

function q2(p: Params<"q2_gradient">, draw: Draw): Omit<CheckSpec, "name"> {
  const inputs: Input[] = [], calls: Call[] = [], assertions: Assertion[] = [];
  for (let i = 0; i < p.count; i++) {
    const point = q2Point(p, draw), names = ["x", "y", "z"].map((v) => `${v}${i}`), grads = names.map((n) => `d${n}`);
    point.forEach((v, k) => inputs.push(input(names[k], [v])));
    calls.push({ function: "q2", args: names, returns: grads });
    const at = `(x, y, z) = (${point.map(formatNumber).join(", ")})`;
    q2Gradient(point[0], point[1], point[2]).forEach((g, k) =>
      assertions.push({ text: `df/d${"xyz"[k]} at ${at}`, value: grads[k], take: "first", allclose: g }));
  }
  return { inputs, calls, assertions };
}

/**
 * What a correct q3 returns for each input: df/dx = w, df/dw = x. NOTE: the child builds every input before the
 * first call (see Input in spec.ts), and each q3 call then draws w and b from wherever the generator is: this
 * replays that order on the core's generator, which matches PyTorch's bit for bit.
 */
export function perceptronGradients(inputs: { seed: number; size: number }[]): { x_grad: number[]; w_grad: number[] }[] {
  const generator = new Generator();
  const xs = inputs.map(({ seed, size }) => Array.from(generator.manual_seed(seed).randn(size)));
  return xs.map((x) => {
    const w = Array.from(generator.randn(x.length));
    generator.randn(1); // b
    return { x_grad: w, w_grad: x };
  });
}

function perceptron(p: Params<"perceptron">, draw: Draw): Omit<CheckSpec, "name"> {
  const drawn = Array.from({ length: p.count }, () => ({ seed: draw.int(0, 2 ** 31 - 1), size: p.sizes[draw.int(0, p.sizes.length - 1)] }));
  const assertions = perceptronGradients(drawn).flatMap(({ x_grad, w_grad }, i) => {
    const at = `for x = randn(${drawn[i].size}) after manual_seed(${drawn[i].seed})`;
    return [
      { text: `df/dx ${at}`, value: `dx${i}`, take: "all", allclose: x_grad },
      { text: `df/dw ${at}`, value: `dw${i}`, take: "all", allclose: w_grad },
      { text: `df/db ${at}`, value: `db${i}`, take: "all", allclose: 1 },
    ] satisfies Assertion[];
  });
  return {
    inputs: drawn.map(({ seed, size }, i) => ({ name: `x${i}`, manual_seed: seed, randn: [size], requires_grad: true })),
    calls: drawn.map((_, i) => ({ function: "q3", args: [`x${i}`], returns: [`dx${i}`, `dw${i}`, `db${i}`] })),
    assertions,
  };
}

const MAKERS: { [K in CheckParams["kind"]]: (p: Params<K>, draw: Draw) => Omit<CheckSpec, "name"> } = {
  relu,
  relu_grad: reluGrad,
  relu_slope: reluSlope,
  q2_gradient: q2,
  perceptron,
};

const loaded = new Map<string, CheckParams[]>();

/** The question's randomized checks as data; none for a question without a file in checks/randomized/. */
function load(question: string, dir: string): CheckParams[] {
  const file = join(dir, `${question}.json`);
  if (!loaded.has(file)) {
    let parsed;
    try {
      parsed = existsSync(file) ? randomizedFile().safeParse(JSON.parse(readFileSync(file, "utf8"))) : { success: true as const, data: { question, checks: [] } };
    } catch (error) {
      throw new ToolError(`cannot read ${file}: ${(error as Error).message}`);
    }
    if (!parsed.success) throw new ToolError(`${file}: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
    loaded.set(file, parsed.data.checks);
  }
  return loaded.get(file)!;
}

/** A 32-bit seed derived from a seed and names: each check, and each student of a batch, gets its own. */
const derivedSeed = (...parts: (string | number)[]): number => sha256(parts.join("/")).readUInt32LE(0);

/** The question's randomized checks for `seed` (an integer from 0 to 2³² − 1): the same seed, the same checks. */
export function randomizedChecks(question: string, seed: number, dir = join(paths.checks, "randomized")): CheckSpec[] {
  return load(question, dir).map((params) => {
    const make = MAKERS[params.kind] as (p: typeof params, draw: Draw) => Omit<CheckSpec, "name">;
    return { name: params.name, ...make(params, new Draw(derivedSeed(seed, question, params.name))), randomized: true };
  });
}

/** A seed from the clock, for a run that was not given one. */
export const clockSeed = (): number => Date.now() % 2 ** 32;

/** Each student's own seed in a batch, from the batch's seed and the student's name. */
export const studentSeed = (seed: number, student: string): number => derivedSeed(seed, student);

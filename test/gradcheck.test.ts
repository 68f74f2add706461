// Property-based gradient check: for every differentiable op over random shapes and broadcasting, the core's
// float32 gradients against central differences of a float64 reference forward (test/helpers/reference.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { torch, type Tensor } from "../src/core/index.js";
import { flatten } from "./helpers/ir.js";
import * as R from "./helpers/reference.js";
import type { Ref } from "./helpers/reference.js";

// NOTE: analytic gradients are float32 (about 1e-7 relative per op) while the central differences are float64
// (step 1e-5: truncation and round-off below 1e-7 on these domains), so 1e-4 leaves room for float32 only.
const GRAD_TOL = { rtol: 1e-4, atol: 1e-4 };
const FORWARD_TOL = { rtol: 1e-5, atol: 1e-6 };
const H = 1e-5;
const RUNS = { numRuns: 25, seed: 20240613 };

type Op = { core: (ts: Tensor[]) => Tensor; ref: (xs: Ref[]) => Ref };

const nest = (x: Ref): number | unknown[] => {
  const build = (dim: number, offset: number): number | unknown[] => {
    if (dim === x.shape.length) return x.data[offset];
    const inner = R.numel(x.shape.slice(dim + 1));
    return Array.from({ length: x.shape[dim] }, (_, i) => build(dim + 1, offset + i * inner));
  };
  return build(0, 0);
};
const tensorOf = (x: Ref, requires_grad = false): Tensor => torch.tensor(nest(x) as number[], { requires_grad });

/** A distinct weight per output element, so the loss sum(w · f(x)) checks every output's gradient. */
const weights = (shape: number[]): Ref =>
  R.ref(shape, Array.from({ length: R.numel(shape) }, (_, j) => (j % 2 ? -1 : 1) * (0.5 + ((j * 5) % 7) * 0.25)));

const loss = (op: Op, xs: Ref[], w: Ref): number => op.ref(xs).data.reduce((s, v, j) => s + v * w.data[j], 0);

function closeTo(got: number, want: number, tol: { rtol: number; atol: number }): boolean {
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
}

/** Checks the forward against the reference and each input's .grad against central differences. */
function gradcheck(op: Op, inputs: Ref[]): void {
  const leaves = inputs.map((x) => tensorOf(x, true));
  const out = op.core(leaves);
  const want = op.ref(inputs);
  expect(out.shape).toEqual(want.shape);
  const got = flatten(out.tolist()) as number[];
  got.forEach((v, j) => expect(closeTo(v, want.data[j], FORWARD_TOL), `forward[${j}] ${v} vs ${want.data[j]}`).toBe(true));
  const w = weights(want.shape);
  out.backward(tensorOf(w));
  inputs.forEach((x, i) => {
    const grad = leaves[i].grad;
    expect(grad?.shape).toEqual(x.shape);
    const analytic = flatten(grad!.tolist()) as number[];
    x.data.forEach((v, j) => {
      const shifted = (d: number) => inputs.map((y, k) => (k === i ? R.ref(y.shape, y.data.map((u, m) => (m === j ? v + d : u))) : y));
      const numeric = (loss(op, shifted(H), w) - loss(op, shifted(-H), w)) / (2 * H);
      expect(closeTo(analytic[j], numeric, GRAD_TOL), `input ${i} grad[${j}]: ${analytic[j]} vs ${numeric}`).toBe(true);
    });
  });
}

// ---- arbitraries ----------------------------------------------------------------------------------------

const shapeArb = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 });
const nonScalarShape = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 });

/** A shape that broadcasts to `shape`: some leading dims dropped, some sizes set to 1. */
const variantOf = (shape: number[]) =>
  fc.tuple(fc.integer({ min: 0, max: shape.length }), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }))
    .map(([drop, ones]) => shape.slice(drop).map((s, i) => (ones[i + drop] ? 1 : s)));

/** float32 values in [min, max], kept at least `gap` away from 0 when gap > 0 (the kinks of relu, abs, div). */
const valuesOf = (shape: number[], min: number, max: number, gap = 0) =>
  fc.array(fc.double({ min, max, noNaN: true }), { minLength: R.numel(shape), maxLength: R.numel(shape) })
    .map((vs) => R.ref(shape, vs.map((v) => Math.fround(Math.abs(v) < gap ? Math.sign(v || 1) * gap * 2 : v))));

type Domain = [number, number, number?];
const oneInput = (domain: Domain, shapes = shapeArb) => shapes.chain((s) => valuesOf(s, ...domain)).map((x) => [x]);
const broadcastPair = (a: Domain, b: Domain) =>
  shapeArb.chain((s) => fc.tuple(variantOf(s), variantOf(s))).chain(([sa, sb]) => fc.tuple(valuesOf(sa, ...a), valuesOf(sb, ...b)));

const check = (inputs: fc.Arbitrary<Ref[]>, op: Op, pre: (xs: Ref[]) => boolean = () => true) =>
  fc.assert(fc.property(inputs, (xs) => { fc.pre(pre(xs)); gradcheck(op, xs); }), RUNS);

const apart = (xs: Ref[], gap = 1e-2) => R.elementwise(xs, (a, b) => Math.abs(a - b)).data.every((d) => d > gap);

// ---- the ops --------------------------------------------------------------------------------------------

const WIDE: Domain = [-2, 2];
const unary = (name: keyof Tensor & string, f: (v: number) => number, domain: Domain = WIDE) =>
  [name, () => check(oneInput(domain), { core: ([x]) => (x[name] as () => Tensor)(), ref: ([x]) => R.elementwise([x], f) })] as const;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
describe("gradcheck: unary elementwise", () => {
  it.each([
    unary("neg", (v) => -v), unary("exp", Math.exp), unary("log", Math.log, [0.1, 3]), unary("sqrt", Math.sqrt, [0.1, 3]),
    unary("sin", Math.sin), unary("cos", Math.cos), unary("tanh", Math.tanh, [-3, 3]), unary("sigmoid", sigmoid, [-4, 4]),
    unary("relu", (v) => Math.max(v, 0), [-2, 2, 0.01]), unary("abs", Math.abs, [-2, 2, 0.01]),
  ])("%s", (_, run) => run());

  it("clamp with min, max or both, away from the bounds", () => {
    const bounds = fc.record({ min: fc.option(fc.double({ min: -1.5, max: 0 }), { nil: undefined }),
      max: fc.option(fc.double({ min: 0.1, max: 1.5 }), { nil: undefined }) }).filter((b) => b.min !== undefined || b.max !== undefined);
    const arb = fc.tuple(oneInput(WIDE), bounds.map((b) => ({ min: b.min && Math.fround(b.min), max: b.max && Math.fround(b.max) })));
    fc.assert(fc.property(arb, ([[x], b]) => {
      fc.pre([...x.data].every((v) => [b.min, b.max].every((e) => e === undefined || Math.abs(v - e) > 1e-2)));
      const lo = b.min ?? -Infinity, hi = b.max ?? Infinity;
      gradcheck({ core: ([t]) => t.clamp(b), ref: ([y]) => R.elementwise([y], (v) => Math.min(Math.max(v, lo), hi)) }, [x]);
    }), RUNS);
  });
});

const binary = (name: string, f: (a: number, b: number) => number, a: Domain = WIDE, b: Domain = WIDE, gap = 0) =>
  [name, () => check(broadcastPair(a, b), {
    core: ([x, y]) => (x[name as "add"] as (o: Tensor) => Tensor)(y),
    ref: (xs) => R.elementwise(xs, f),
  }, (xs) => gap === 0 || apart(xs, gap))] as const;

describe("gradcheck: binary elementwise with broadcasting", () => {
  it.each([
    binary("add", (a, b) => a + b), binary("sub", (a, b) => a - b), binary("mul", (a, b) => a * b),
    binary("div", (a, b) => a / b, WIDE, [-2, 2, 0.5]), binary("pow", Math.pow, [0.2, 2], [-2, 2]),
    binary("maximum", Math.max, WIDE, WIDE, 1e-2), binary("minimum", Math.min, WIDE, WIDE, 1e-2),
  ])("%s", (_, run) => run());

  it("torch.max(a, b) elementwise", () =>
    check(broadcastPair(WIDE, WIDE), { core: ([x, y]) => torch.max(x, y), ref: (xs) => R.elementwise(xs, Math.max) }, apart));

  it.each([
    ["add", (a: number, s: number) => a + s], ["sub", (a: number, s: number) => a - s], ["mul", (a: number, s: number) => a * s],
    ["div", (a: number, s: number) => a / s], ["pow", Math.pow],
  ] as const)("%s with a number operand", (name, f) => {
    const scalar = fc.constantFrom(2, 3, -1, 0.5, -1.5);
    fc.assert(fc.property(fc.tuple(oneInput([0.2, 2]), scalar), ([[x], s]) => {
      gradcheck({ core: ([t]) => (t[name] as (o: number) => Tensor)(s), ref: ([y]) => R.elementwise([y], (v) => f(v, Math.fround(s))) }, [x]);
    }), RUNS);
  });

  it("torch.where with a broadcast condition", () => {
    const arb = shapeArb.chain((s) => fc.tuple(variantOf(s), variantOf(s), variantOf(s)))
      .chain(([sc, sa, sb]) => fc.tuple(fc.array(fc.boolean(), { minLength: R.numel(sc), maxLength: R.numel(sc) }).map((c) => R.ref(sc, c.map(Number))),
        valuesOf(sa, ...WIDE), valuesOf(sb, ...WIDE)));
    fc.assert(fc.property(arb, ([cond, a, b]) => {
      const condition = tensorOf(cond).gt(0.5);
      gradcheck({ core: ([x, y]) => torch.where(condition, x, y), ref: ([x, y]) => R.elementwise([cond, x, y], (c, u, v) => (c ? u : v)) }, [a, b]);
    }), RUNS);
  });
});

describe("gradcheck: reductions", () => {
  const dimArgs = (shape: number[]) =>
    fc.tuple(fc.option(fc.integer({ min: -shape.length, max: shape.length - 1 }), { nil: undefined }), fc.boolean());
  it.each(["sum", "mean"] as const)("%s over all, or a dim with or without keepdim", (name) => {
    const arb = nonScalarShape.chain((s) => fc.tuple(valuesOf(s, ...WIDE), dimArgs(s)));
    fc.assert(fc.property(arb, ([x, [dim, keepdim]]) => {
      const core = ([t]: Tensor[]) => (dim === undefined ? t[name]() : t[name](dim, keepdim));
      gradcheck({ core, ref: ([y]) => R.reduce(y, dim, dim !== undefined && keepdim, name === "mean") }, [x]);
    }), RUNS);
  });
  it("sum and mean of a 0-d tensor", () => {
    check(oneInput(WIDE, fc.constant([])), { core: ([x]) => x.sum().add(x.mean()), ref: ([x]) => R.elementwise([x], (v) => 2 * v) });
  });
  it("torch.max(a) with a unique largest element", () => {
    check(oneInput(WIDE), { core: ([x]) => torch.max(x), ref: ([x]) => R.maxAll(x) }, ([x]) => {
      const sorted = [...x.data].sort((p, q) => q - p);
      return sorted.length === 1 || sorted[0] - sorted[1] > 1e-2;
    });
  });
  it("norm away from zero", () => {
    check(oneInput(WIDE), { core: ([x]) => x.norm(), ref: ([x]) => R.norm(x) }, ([x]) => R.norm(x).data[0] > 0.1);
  });
});

describe("gradcheck: linear algebra", () => {
  const size = fc.integer({ min: 1, max: 4 });
  const pairOf = (shapes: fc.Arbitrary<[number[], number[]]>) =>
    shapes.chain(([a, b]) => fc.tuple(valuesOf(a, ...WIDE), valuesOf(b, ...WIDE)));
  const matmulShapes = {
    "1-d · 1-d": fc.tuple(size).map(([k]): [number[], number[]] => [[k], [k]]),
    "2-d @ 2-d": fc.tuple(size, size, size).map(([n, k, m]): [number[], number[]] => [[n, k], [k, m]]),
    "2-d @ 1-d": fc.tuple(size, size).map(([n, k]): [number[], number[]] => [[n, k], [k]]),
    "1-d @ 2-d": fc.tuple(size, size).map(([k, m]): [number[], number[]] => [[k], [k, m]]),
  };
  it.each(Object.entries(matmulShapes))("matmul %s", (_, shapes) => {
    check(pairOf(shapes), { core: ([a, b]) => a.matmul(b), ref: ([a, b]) => R.matmul(a, b) });
  });
  it("dot", () => check(pairOf(matmulShapes["1-d · 1-d"]), { core: ([a, b]) => torch.dot(a, b), ref: ([a, b]) => R.matmul(a, b) }));
});

describe("gradcheck: movement", () => {
  // Each movement is checked through a weighted sum, so a gradient put back in the wrong place shows.
  const moved = (core: (t: Tensor) => Tensor, shape: (s: number[]) => number[], reorder = false) => ({
    core: ([t]: Tensor[]) => core(t),
    ref: ([x]: Ref[]) => (reorder ? R.transpose(x) : R.reshape(x, shape(x.shape))),
  });
  it("reshape and view to a shuffled shape, with -1", () => {
    const arb = nonScalarShape.chain((s) => fc.tuple(valuesOf(s, ...WIDE), fc.shuffledSubarray(s, { minLength: s.length }),
      fc.boolean(), fc.boolean()));
    fc.assert(fc.property(arb, ([x, target, infer, useView]) => {
      const sizes = infer ? [-1, ...target.slice(1)] : target;
      gradcheck(moved((t) => (useView ? t.view(sizes) : t.reshape(sizes)), () => target), [x]);
    }), RUNS);
  });
  it("t of a 0-d, 1-d or 2-d tensor", () => {
    check(oneInput(WIDE, fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 })), moved((t) => t.t(), (s) => s, true));
  });
  it("unsqueeze at every position", () => {
    const arb = shapeArb.chain((s) => fc.tuple(valuesOf(s, ...WIDE), fc.integer({ min: -s.length - 1, max: s.length })));
    fc.assert(fc.property(arb, ([x, dim]) => {
      const d = dim < 0 ? dim + x.shape.length + 1 : dim;
      gradcheck(moved((t) => t.unsqueeze(dim), (s) => [...s.slice(0, d), 1, ...s.slice(d)]), [x]);
    }), RUNS);
  });
  it("squeeze all, or one dim", () => {
    const shapeWithOnes = fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 4 });
    const arb = shapeWithOnes.chain((s) => fc.tuple(valuesOf(s, ...WIDE), fc.option(fc.integer({ min: -s.length, max: s.length - 1 }), { nil: undefined })));
    fc.assert(fc.property(arb, ([x, dim]) => {
      const d = dim !== undefined && dim < 0 ? dim + x.shape.length : dim;
      const shape = (s: number[]) => s.filter((n, i) => n !== 1 || (d !== undefined && i !== d));
      gradcheck(moved((t) => (dim === undefined ? t.squeeze() : t.squeeze(dim)), shape), [x]);
    }), RUNS);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Generator, default_generator, fmaF } from "./random.js";

// Expected values come from test/fixtures/random.json, written by scripts/fixtures/random.py with PyTorch 1.13.

type Seed = number | string;
type Draw = { fn: "randn" | "rand"; size: number[]; values: number[] };
type Call = Draw | { fn: "manual_seed"; seed: Seed };
interface Fixture {
  cpu_capability: string;
  initial_seeds: { seed: Seed; initial_seed: string }[];
  fresh_generator: { initial_seed: string; calls: Draw[] };
  cases: { seed: Seed; calls: Call[] }[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/random.json", import.meta.url), "utf8"),
);
const VECTORISED_MIN = 16;
const VECTORISED_MAX_ULPS = 2; // the contract for randn of 16+ elements, which PyTorch computes with SIMD approximations

const toSeed = (seed: Seed) => (typeof seed === "string" ? BigInt(seed) : seed);
const numel = (size: number[]) => size.reduce((a, b) => a * b, 1);

const bitsView = new Uint32Array(1);
const floatView = new Float32Array(bitsView.buffer);
/** Position of a float32 on the number line, so that neighbouring floats differ by one. */
function ordinal(x: number): number {
  floatView[0] = x;
  const b = bitsView[0];
  return b >= 0x80000000 ? 0x80000000 - b : b + 0x80000000;
}

interface Mismatch { call: string; index: number; got: number; want: number; ulps: number }

/** Replays calls on a generator and lists every value further than the allowed ulps from PyTorch's. */
function replay(g: Generator, calls: Call[], maxUlps: (n: number) => number): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const call of calls) {
    if (call.fn === "manual_seed") {
      g.manual_seed(toSeed(call.seed));
      continue;
    }
    const n = numel(call.size);
    const got = g[call.fn](n);
    expect(got.length).toBe(call.values.length);
    call.values.forEach((want, index) => {
      const ulps = Math.abs(ordinal(got[index]) - ordinal(want));
      if (ulps > maxUlps(n)) mismatches.push({ call: `${call.fn}(${call.size})`, index, got: got[index], want, ulps });
    });
  }
  return mismatches;
}

const contract = (n: number) => (n < VECTORISED_MIN ? 0 : VECTORISED_MAX_ULPS);
const seeds = [...new Set(fixture.cases.map((c) => c.seed))];
const singleCalls = fixture.cases.filter((c) => c.calls.length === 1);
const sequences = fixture.cases.filter((c) => c.calls.length > 1);
const describeCalls = (calls: Call[]) =>
  calls.map((c) => (c.fn === "manual_seed" ? `manual_seed(${c.seed})` : `${c.fn}(${c.size})`)).join(", ");

describe("Generator draws match PyTorch", () => {
  it("reproduces the documented values after manual_seed(0)", () => {
    const g = new Generator(0);
    expect(Array.from(g.randn(5))).toEqual([1.5409961, -0.2934289, -2.1787894, 0.56843126, -1.0845224].map(Math.fround));
    expect(Array.from(g.randn(5))).toEqual(
      [-1.3985955, 0.40334684, 0.83802634, -0.7192576, -0.40334353].map(Math.fround),
    );
    expect(g.randn(1)[0]).toBeCloseTo(-0.5966, 4);
  });

  it.each(seeds.map((seed) => [seed]))("seed %s: randn and rand of every size, fresh after manual_seed", (seed) => {
    const mismatches = singleCalls
      .filter((c) => c.seed === seed)
      .flatMap((c) => replay(new Generator(toSeed(seed)), c.calls, contract));
    expect(mismatches).toEqual([]);
  });

  it.each(sequences.map((c) => [c.seed, describeCalls(c.calls), c]))(
    "seed %s: %s on one generator",
    (seed, _name, c) => {
      expect(replay(new Generator().manual_seed(toSeed(seed)), c.calls, contract)).toEqual([]);
    },
  );

  it.skipIf(fixture.cpu_capability !== "AVX2")("matches the AVX2 kernel bit for bit for 16+ elements too", () => {
    const mismatches = fixture.cases.flatMap((c) => replay(new Generator(toSeed(c.seed)), c.calls, () => 0));
    expect(mismatches).toEqual([]);
  });

  it("an unseeded Generator starts from default_rng_seed_val, like torch.Generator()", () => {
    const g = new Generator();
    expect(g.initial_seed()).toBe(BigInt(fixture.fresh_generator.initial_seed));
    expect(replay(g, fixture.fresh_generator.calls, contract)).toEqual([]);
  });

  it("default_generator starts from an OS-random seed, as torch's default CPU generator does", () => {
    expect(default_generator).toBeInstanceOf(Generator);
    const seed = default_generator.initial_seed();
    expect(seed).not.toBe(67280421310721n);
    const replayed = new Generator(seed);
    expect(Array.from(default_generator.randn(5))).toEqual(Array.from(replayed.randn(5)));
  });

  it("seeds a generator from the OS at its first draw, and not at all when manual_seed comes first", () => {
    const [first, second] = [Generator.seededByOs(), Generator.seededByOs()];
    const draws = [Array.from(first.rand(4)), Array.from(second.rand(4))];
    expect(draws[0]).not.toEqual(draws[1]);
    expect(Array.from(new Generator(first.initial_seed()).rand(4))).toEqual(draws[0]);
    const seeded = Generator.seededByOs().manual_seed(0);
    expect(seeded.initial_seed()).toBe(0n);
    expect(Array.from(seeded.randn(5))).toEqual(Array.from(new Generator(0).randn(5)));
  });
});

describe("seeds", () => {
  it.each(fixture.initial_seeds.map((s) => [s.seed, s.initial_seed]))(
    "manual_seed(%s) keeps initial_seed %s",
    (seed, initial) => {
      expect(new Generator().manual_seed(toSeed(seed)).initial_seed()).toBe(BigInt(initial));
    },
  );

  it("takes number and bigint seeds alike", () => {
    expect(new Generator(42n).rand(20)).toEqual(new Generator(42).rand(20));
  });

  it("manual_seed drops the cached normal sample", () => {
    const g = new Generator(0);
    g.randn(1);
    expect(g.manual_seed(0).randn(1)[0]).toBe(Math.fround(1.5409960746765137));
  });

  it("seed() reseeds from entropy and reports the new seed", () => {
    const g = new Generator(0);
    const seed = g.seed();
    expect(seed >= 0n && seed < 1n << 64n).toBe(true);
    expect(g.initial_seed()).toBe(seed);
    expect(g.randn(3)).toEqual(new Generator(seed).randn(3));
  });
});

describe("get_state / set_state", () => {
  it("restores the engine, the seed and the cached normal, like torch.set_rng_state", () => {
    const g = new Generator(0);
    g.randn(1);
    const state = g.get_state();
    const first = Array.from(g.randn(2));
    g.manual_seed(5);
    g.set_state(state);
    expect(first).toEqual([-0.293428897857666, -2.1787893772125244]);
    expect(Array.from(g.randn(2))).toEqual(first);
    expect(g.initial_seed()).toBe(0n);
  });

  it("returns a snapshot that later draws do not change", () => {
    const g = new Generator(1);
    const state = g.get_state();
    const before = state.mt.slice();
    g.rand(1000);
    expect(state.mt).toEqual(before);
  });
});

describe("fmaF", () => {
  it("rounds a·b + c once, even where double arithmetic lands on a float32 tie", () => {
    const [a, b, c] = [2 ** -24 * (1 + 2 ** -23), 1 - 2 ** -23, 1 + 2 ** -23]; // a·b + c = c + 2^-24 - 2^-70
    expect(Math.fround(a * b + c)).toBe(1 + 2 ** -22); // rounded twice: to the tie, then to even
    expect(fmaF(a, b, c)).toBe(1 + 2 ** -23);
    expect(fmaF(a, -b, -c)).toBe(-(1 + 2 ** -23));
    expect(fmaF(3, 5, 0.25)).toBe(15.25);
  });
});

describe("bad input", () => {
  it("sizes: empty, negative and non-integer", () => {
    const g = new Generator(0);
    expect(g.randn(0)).toEqual(new Float32Array(0));
    expect(g.rand(0)).toEqual(new Float32Array(0));
    expect(() => g.randn(-1)).toThrowError("Trying to create tensor with negative dimension -1: [-1]");
    expect(() => g.rand(-3)).toThrowError("Trying to create tensor with negative dimension -3: [-3]");
    expect(() => g.randn(1.5)).toThrowError("randn(): argument 'size' (position 1) must be tuple of ints, not float");
    expect(() => g.rand(Number.NaN)).toThrowError("rand(): argument 'size' (position 1) must be tuple of ints, not float");
  });

  it("seeds: non-integer, wrong type and out of the 64-bit range", () => {
    const g = new Generator(0);
    expect(() => g.manual_seed(1.5)).toThrowError("manual_seed expected a long, but got float");
    expect(() => new Generator(Number.POSITIVE_INFINITY)).toThrowError("manual_seed expected a long, but got float");
    expect(() => g.manual_seed("7" as never)).toThrowError("manual_seed expected a long, but got str");
    expect(() => g.manual_seed(1n << 64n)).toThrowError("Overflow when unpacking long");
    expect(() => g.manual_seed(-(1n << 63n) - 1n)).toThrowError("Overflow when unpacking long");
    expect(g.initial_seed()).toBe(0n);
  });
});

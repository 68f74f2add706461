import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { formatExp, formatFixed } from "./format-number.js";
import { formatTensor, get_printoptions, set_printoptions, type Printable } from "./print.js";

interface ReprCase {
  name: string;
  shape: number[];
  dtype: Printable["dtype"];
  values: (number | "nan" | "inf" | "-inf")[];
  suffixes: string[];
  options?: Parameters<typeof set_printoptions>[0];
  repr: string;
}

const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/repr.json", import.meta.url), "utf8")) as {
  cases: ReprCase[];
};

const DECODE = { nan: NaN, inf: Infinity, "-inf": -Infinity };

function printable(c: ReprCase): Printable {
  const values = Float32Array.from(c.values, (v) => (typeof v === "number" ? v : DECODE[v]));
  return { shape: c.shape, dtype: c.dtype, values };
}

function f32(shape: number[], values: number[]): Printable {
  return { shape, dtype: "float32", values: Float32Array.from(values) };
}

afterEach(() => set_printoptions({ profile: "default" }));

describe("formatTensor matches PyTorch 1.13 repr", () => {
  it("has a few hundred golden cases", () => {
    expect(fixture.cases.length).toBeGreaterThan(250);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    if (c.options) set_printoptions(c.options);
    expect(formatTensor(printable(c), c.suffixes)).toBe(c.repr);
  });
});

describe("formatFixed / formatExp follow Python's format()", () => {
  it("rounds exact ties to even, unlike toFixed", () => {
    expect((0.03125).toFixed(4)).toBe("0.0313");
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect(formatFixed(0.09375, 4)).toBe("0.0938");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(3.5, 0)).toBe("4");
    expect(formatFixed(-2.5, 0)).toBe("-2");
    expect(formatExp(100005, 4)).toBe("1.0000e+05");
    expect(formatExp(0.125, 2)).toBe("1.25e-01");
  });

  it("formats the exact float32 value, not its shortest decimal", () => {
    expect(formatFixed(Math.fround(0.1), 20)).toBe("0.10000000149011611938");
    expect(formatExp(Math.fround(0.1), 10)).toBe("1.0000000149e-01");
    expect(formatFixed(Math.fround(3e20), 4)).toBe("300000006012263202816.0000");
    expect(formatFixed(1e22, 0)).toBe("10000000000000000000000");
  });

  it("pads the exponent to two digits and carries a rounded-up mantissa", () => {
    expect(formatExp(51.2, 4)).toBe("5.1200e+01");
    expect(formatExp(Math.fround(1e-45), 4)).toBe("1.4013e-45");
    expect(formatExp(1e100, 4)).toBe("1.0000e+100");
    expect(formatExp(5e-324, 4)).toBe("4.9407e-324");
    expect(formatExp(99999.5, 4)).toBe("1.0000e+05");
    expect(formatExp(9.5, 0)).toBe("1e+01");
    expect(formatExp(1.5, 0)).toBe("2e+00");
  });

  it("keeps the sign of zero and spells nan and inf as Python does", () => {
    expect(formatFixed(-0, 4)).toBe("-0.0000");
    expect(formatExp(-0, 4)).toBe("-0.0000e+00");
    expect(formatExp(0, 0)).toBe("0e+00");
    expect(formatFixed(-0.00001, 4)).toBe("-0.0000");
    expect(formatFixed(NaN, 4)).toBe("nan");
    expect(formatExp(-Infinity, 4)).toBe("-inf");
  });
});

describe("formatTensor", () => {
  it("prints the tutorial's tensors", () => {
    expect(formatTensor(f32([], [27]), ["grad_fn=<MeanBackward0>"])).toBe("tensor(27., grad_fn=<MeanBackward0>)");
    expect(formatTensor(f32([3], [51.2, 512, 0.0512]))).toBe("tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])");
  });

  it("summarizes with ... past threshold, keeping edgeitems at each end", () => {
    const t = f32([1001], Array.from({ length: 1001 }, (_, i) => i));
    expect(formatTensor(t)).toBe("tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])");
    set_printoptions({ threshold: 5, edgeitems: 1 });
    expect(formatTensor(f32([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(
      "tensor([[1.,  ..., 3.],\n        ...,\n        [7.,  ..., 9.]])",
    );
  });

  it("pads bools to the width of False", () => {
    const bools = (values: number[]): Printable => ({
      shape: [values.length],
      dtype: "bool",
      values: Float32Array.from(values),
    });
    expect(formatTensor(bools([1, 0]))).toBe("tensor([ True, False])");
    expect(formatTensor(bools([1, 1]))).toBe("tensor([True, True])");
    expect(formatTensor(bools([]))).toBe("tensor([], dtype=torch.bool)");
  });

  it("moves a suffix to its own line when the last line would pass linewidth", () => {
    const row = f32([5], [-10.9796, -10.4895, -8.8736, -9.5089, -11.1393]);
    expect(formatTensor(row, ["grad_fn=<SubBackward0>"])).toBe(
      "tensor([-10.9796, -10.4895,  -8.8736,  -9.5089, -11.1393],\n       grad_fn=<SubBackward0>)",
    );
  });
});

describe("set_printoptions", () => {
  it("starts at PyTorch's defaults", () => {
    expect(get_printoptions()).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null });
  });

  it("applies a profile, then explicit options over it", () => {
    set_printoptions({ profile: "short", linewidth: 100 });
    expect(get_printoptions()).toEqual({ precision: 2, threshold: 1000, edgeitems: 2, linewidth: 100, sci_mode: null });
    set_printoptions({ profile: "full" });
    expect(get_printoptions().threshold).toBe(Infinity);
  });

  it("resets sci_mode whenever it is not passed, as PyTorch does", () => {
    set_printoptions({ sci_mode: true });
    expect(formatTensor(f32([2], [1, 2]))).toBe("tensor([1.0000e+00, 2.0000e+00])");
    set_printoptions({ precision: 4 });
    expect(get_printoptions().sci_mode).toBeNull();
    expect(formatTensor(f32([2], [1, 2]))).toBe("tensor([1., 2.])");
  });

  it("returns a copy that does not change the options", () => {
    get_printoptions().precision = 9;
    expect(get_printoptions().precision).toBe(4);
  });
});

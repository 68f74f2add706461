// The shortcuts on the MLP's path against PyTorch 1.13 (test/fixtures/fast-paths.json, written by
// scripts/fixtures/fast-paths.py): in-place arithmetic in the tensor's own storage, bias gradients summed over the
// leading dims, and pow's backward at exponents 1 and 2.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { torch, RuntimeError, type Tensor } from "../index.js";

interface BiasCase { shape: number[]; bias: number[]; x: number[]; b: number[]; g: number[]; grad: number[] }
const fixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/fast-paths.json", import.meta.url), "utf8")) as {
  in_place: { base: number[]; row: number[]; column: number[]; cases: { op: string; other: string; out: number[] }[]; error: string };
  bias_grads: BiasCase[];
  powers: { x: number[]; cases: { exponent: number; out: number[]; grad: number[] }[] };
};

const values = (t: Tensor): number[] => t.flatten().tolist() as number[];

describe("in-place arithmetic", () => {
  const { base, row, column, cases, error } = fixture.in_place;
  const others: Record<string, () => Tensor | number> = {
    row: () => torch.tensor(row),
    column: () => torch.tensor(column).reshape(4, 1),
    scalar: () => 0.3,
    same: () => torch.tensor(base).reshape(4, 5).mul(0.5),
  };

  test.each(cases.map((c) => [c.op, c.other, c]))("%s with a %s operand matches PyTorch", (_op, _other, c) => {
    const t = torch.tensor(base).reshape(4, 5);
    const method = c.op as "add_" | "sub_" | "mul_" | "div_";
    expect(values(t[method](others[c.other]()))).toEqual(c.out);
  });

  test("writes into the tensor's own storage, which its aliases share", () => {
    const t = torch.tensor(base).reshape(4, 5), alias = t.detach();
    t.sub_(torch.tensor(row));
    expect(values(alias)).toEqual(cases.find((c) => c.op === "sub_" && c.other === "row")!.out);
  });

  test("a result larger than the tensor is PyTorch's error, and the tensor is left as it was", () => {
    const t = torch.ones(5);
    expect(() => t.add_(torch.ones(4, 5))).toThrowError(new RuntimeError(error));
    expect(values(t)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("bias gradients", () => {
  test.each(fixture.bias_grads.map((c) => [c.shape.join("×"), c.bias.join("×"), c]))(
    "a [%s] gradient summed to the bias's [%s] matches PyTorch", (_shape, _bias, c) => {
      const b = torch.tensor(c.b).reshape(c.bias).requires_grad_();
      torch.tensor(c.x).reshape(c.shape).add(b).backward(torch.tensor(c.g).reshape(c.shape));
      expect(b.grad!.shape).toEqual(c.bias);
      values(b.grad!).forEach((v, i) => expect(v).toBeCloseTo(c.grad[i], 5));
    },
  );
});

describe("pow", () => {
  const { x, cases } = fixture.powers;
  test.each(cases.map((c) => [c.exponent, c]))("x.pow(%d) and its gradient match PyTorch, signed zeros too", (e, c) => {
    const t = torch.tensor(x).requires_grad_();
    const y = t.pow(e);
    y.sum().backward();
    expect([values(y), values(t.grad!)]).toEqual([c.out, c.grad]);
  });
});

import { describe, expect, test } from "vitest";
import { RuntimeError, Tensor, TorchTypeError, Variable, torch } from "./index.js";
import { FREED_GRAPH, IMPLICIT_SCALAR, NO_GRAD_FN } from "./autograd.js";
import { JS_OPERATOR_USED, LEAF_IN_PLACE, NON_LEAF_REQUIRES_GRAD } from "./tensor.js";

const leaf = (values: number[]) => torch.tensor(values, { requires_grad: true });

describe("backward", () => {
  test("the notebook's a/b/c/d/e graph gives de/da = 2 and de/db = 5", () => {
    const a = Variable(torch.FloatTensor([2]), { requires_grad: true });
    const b = new Variable(torch.FloatTensor([1]), { requires_grad: true });
    const e = a.add(b).mul(b.add(1));
    e.backward();
    expect(a.grad!.tolist()).toEqual([2]);
    expect(b.grad!.tolist()).toEqual([5]);
    expect(a.is_leaf && !e.is_leaf).toBe(true);
  });

  test("gradients accumulate into leaves across calls, in the same grad tensor", () => {
    const x = leaf([1, 2]);
    x.mul(3).sum().backward();
    const first = x.grad!;
    x.mul(3).sum().backward();
    expect(x.grad).toBe(first);
    expect(first.tolist()).toEqual([6, 6]);
    x.grad!.zero_();
    expect(x.grad!.tolist()).toEqual([0, 0]);
  });

  test("a second backward through saved tensors needs retain_graph", () => {
    const x = leaf([3]);
    const y = x.mul(x);
    y.backward(undefined, { retain_graph: true });
    y.backward();
    expect(x.grad!.tolist()).toEqual([12]);
    expect(() => y.backward()).toThrowError(new RuntimeError(FREED_GRAPH));
  });

  test("a graph that saves nothing (add) can be walked twice, as in PyTorch", () => {
    const x = leaf([1]);
    const y = x.add(1);
    y.backward();
    y.backward();
    expect(x.grad!.tolist()).toEqual([2]);
  });

  test("a non-scalar output needs a gradient of its own shape", () => {
    const y = leaf([1, 2, 3]).mul(2);
    expect(() => y.backward()).toThrowError(new RuntimeError(IMPLICIT_SCALAR));
    expect(() => y.backward(torch.ones(2))).toThrowError(
      "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).",
    );
    y.backward([0.1, 1, 0.0001]);
  });

  test("a tensor outside any graph cannot be backpropagated", () => {
    expect(() => torch.ones(1).mul(2).backward()).toThrowError(new RuntimeError(NO_GRAD_FN));
  });

  test("broadcast gradients are summed back to each input's shape", () => {
    const a = torch.ones(3, 1, { requires_grad: true });
    const b = torch.ones(4, { requires_grad: true });
    a.mul(b).sum().backward();
    expect(a.grad!.shape).toEqual([3, 1]);
    expect(a.grad!.tolist()).toEqual([[4], [4], [4]]);
    expect(b.grad!.tolist()).toEqual([3, 3, 3, 3]);
  });

  test("non-leaf gradients are kept only with retain_grad", () => {
    const x = leaf([2]);
    const y = x.mul(3), z = y.mul(y);
    y.retain_grad();
    z.backward();
    expect(y.grad!.tolist()).toEqual([12]);
    expect(x.mul(2).grad).toBeNull();
  });
});

describe("derivatives at the traps", () => {
  const gradOf = (f: (x: Tensor) => Tensor, values: number[]) => {
    const x = leaf(values);
    f(x).sum().backward();
    return x.grad!.tolist();
  };
  test("relu'(0) = 0 and abs'(0) = 0", () => {
    expect(gradOf((x) => x.relu(), [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(gradOf((x) => x.abs(), [-1, 0, 2])).toEqual([-1, 0, 1]);
  });
  test("maximum, minimum and torch.max(a, b) split ties in half", () => {
    const zero = torch.zeros(3);
    expect(gradOf((x) => x.maximum(zero), [-1, 0, 2])).toEqual([0, 0.5, 1]);
    expect(gradOf((x) => torch.max(x, zero), [-1, 0, 2])).toEqual([0, 0.5, 1]);
    expect(gradOf((x) => x.minimum(zero), [-1, 0, 2])).toEqual([1, 0.5, 0]);
  });
  test("torch.max(a) shares the gradient evenly between tied maxima", () => {
    expect(gradOf((x) => torch.max(x), [1, 3, 3, 2])).toEqual([0, 0.5, 0.5, 0]);
  });
  test("clamp passes the gradient at its bounds", () => {
    expect(gradOf((x) => x.clamp({ min: 0, max: 1 }), [-1, 0, 0.5, 1, 2])).toEqual([0, 1, 1, 1, 0]);
  });
});

describe("grad mode and in-place rules", () => {
  test("no_grad records no graph", () => {
    const x = leaf([1]);
    const y = torch.no_grad(() => x.mul(2));
    expect(y.grad_fn).toBeNull();
    expect(y.requires_grad).toBe(false);
  });
  test("a leaf that requires grad refuses in-place ops, except under no_grad", () => {
    const w = leaf([1, 2]);
    expect(() => w.sub_(1)).toThrowError(new RuntimeError(LEAF_IN_PLACE));
    torch.no_grad(() => w.sub_(1));
    expect(w.tolist()).toEqual([0, 1]);
  });
  test("a tensor inside a graph refuses in-place ops (PyTorch would fail later, at backward)", () => {
    const y = leaf([1, 2]).mul(2);
    expect(() => y.zero_()).toThrowError(/in-place operations on a tensor that is part of a graph/);
    expect(y.tolist()).toEqual([2, 4]);
  });
  test("requires_grad can be switched off only on leaves", () => {
    const y = leaf([1]).mul(2);
    expect(() => (y.requires_grad = false)).toThrowError(new RuntimeError(NON_LEAF_REQUIRES_GRAD));
  });
  test(".data and detach share storage and carry no history", () => {
    const x = leaf([1, 2]);
    const d = x.data;
    d.mul_(10);
    expect(x.tolist()).toEqual([10, 20]);
    expect(d.requires_grad || d.grad_fn !== null).toBe(false);
  });
});

test("JavaScript operators on a tensor fail with a hint instead of concatenating strings", () => {
  const x = torch.ones(1);
  expect(() => (x as unknown as number) + 1).toThrowError(new TorchTypeError(JS_OPERATOR_USED));
  expect(`${x}`).toBe("tensor([1.])");
});

test("Variable refuses anything but a tensor", () => {
  expect(() => Variable([1, 2] as unknown as Tensor)).toThrowError("Variable data has to be a tensor, but got list");
});

describe("torch.allclose, as numpy and PyTorch define it", () => {
  test("relative and absolute tolerances", () => {
    expect(torch.allclose(torch.tensor([1, 2]), torch.tensor([1 + 1e-6, 2]))).toBe(true);
    expect(torch.allclose(torch.tensor([1]), torch.tensor([1.001]))).toBe(false);
    expect(torch.allclose(torch.tensor([1]), torch.tensor([1.001]), 1e-2)).toBe(true);
  });
  test("infinities are close only to themselves, NaN only with equal_nan", () => {
    expect(torch.allclose(torch.tensor([1]), torch.tensor([Infinity]))).toBe(false);
    expect(torch.allclose(torch.tensor([Infinity]), torch.tensor([Infinity]))).toBe(true);
    expect(torch.allclose(torch.tensor([NaN]), torch.tensor([NaN]))).toBe(false);
    expect(torch.allclose(torch.tensor([NaN]), torch.tensor([NaN]), 1e-5, 1e-8, true)).toBe(true);
  });
});

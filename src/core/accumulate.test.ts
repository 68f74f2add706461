// A leaf's .grad never shares storage with a tensor the user holds: their gradient, another .grad, a retained
// gradient, a graph's last_grad. Expected values from PyTorch 1.13, where .grad never aliases them either.
import { describe, expect, test } from "vitest";
import { torch } from "./index.js";

const leaf = (values: number[]) => torch.tensor(values, { requires_grad: true });

describe("a leaf's .grad owns its storage", () => {
  test("a gradient passed straight through (AddBackward0) is copied into each leaf", () => {
    const x = leaf([1, 2]), y = leaf([3, 4]), v = torch.tensor([0.5, -1]);
    x.add(y).backward(v);
    v.add_(10);
    expect([x.grad!.tolist(), y.grad!.tolist()]).toEqual([[0.5, -1], [0.5, -1]]);
    x.grad!.add_(1);
    expect([x.grad!.tolist(), y.grad!.tolist()]).toEqual([[1.5, 0], [0.5, -1]]);
  });

  test("a gradient shared by a leaf and an inner node keeps the node's gradient whole", () => {
    const a = leaf([1, 2]), b = leaf([3, 4]), v = torch.tensor([0.5, -1]);
    const c = a.add(b.mul(2));
    c.backward(v);
    a.grad!.add_(100);
    expect([a.grad!.tolist(), b.grad!.tolist(), v.tolist()]).toEqual([[100.5, 99], [1, -2], [0.5, -1]]);
    expect(c.grad_fn!.last_grad!.tolist()).toEqual([0.5, -1]);
  });

  test("the same leaf reached twice through one node gets the sum, the caller's gradient unchanged", () => {
    const x = leaf([1, 2]), v = torch.tensor([0.5, -1]);
    x.add(x).backward(v);
    expect([x.grad!.tolist(), v.tolist()]).toEqual([[1, -2], [0.5, -1]]);
  });

  test("backward on a leaf copies the gradient it is given", () => {
    const x = leaf([1, 2]), v = torch.tensor([3, 4]);
    x.backward(v);
    v.add_(1);
    expect(x.grad!.tolist()).toEqual([3, 4]);
  });

  test("a retained gradient of an inner node is its own copy", () => {
    const x = leaf([1, 2]), v = torch.tensor([0.5, -1]);
    const y = x.mul(2);
    y.retain_grad();
    y.add(1).backward(v);
    y.grad!.add_(1);
    expect([y.grad!.tolist(), x.grad!.tolist()]).toEqual([[1.5, 0], [1, -2]]);
  });
});

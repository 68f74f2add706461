import { describe, expect, test } from "vitest";
import { copyOf, floats } from "./storage.js";
import { torch } from "./index.js";

describe("floats", () => {
  test("arrays of every size class are zero-filled and as long as asked", () => {
    for (const n of [0, 1, 16, 17, 1000, 1024, 1025, 5000]) {
      const a = floats(n);
      expect([a.length, a.every((v) => v === 0)]).toEqual([n, true]);
    }
  });

  test("arrays carved from one slab, and across slabs, never overlap", () => {
    const arrays = Array.from({ length: 100 }, (_, i) => floats(17 + (i % 900)).fill(i + 1));
    expect(arrays.every((a, i) => a.every((v) => v === i + 1))).toBe(true);
  });

  test("copyOf is a copy, not a view", () => {
    const source = Float32Array.of(1, 2, 3), copy = copyOf(source);
    source[0] = 9;
    expect([...copy]).toEqual([1, 2, 3]);
  });

  test("op results of the MLP's sizes do not share storage", () => {
    const x = torch.ones(64, 16);
    const a = x.mul(2), b = x.mul(3);
    a.add_(1);
    expect([a.sum().item(), b.sum().item(), x.sum().item()]).toEqual([3072, 3072, 1024]);
  });
});

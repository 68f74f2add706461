// The child's describer, run here in-process: what it makes of tensors, lists, odd numbers and hostile values.
// The parent's parseFrame must accept all of it.
import { describe as group, expect, it } from "vitest";
import { Tensor, torch } from "../core/index.js";
import { describe, describeThrown, errorLine, useTensorClass } from "./harness-describe.js";
import { described } from "./reply.js";

useTensorClass(Tensor);
const read = (value: unknown) => described(JSON.parse(describe(value)));

group("describe", () => {
  it("describes a tensor by dtype, shape and values, NaN, ±Infinity and -0 included", () => {
    expect(read(torch.tensor([[NaN, Infinity], [-Infinity, -0]]))).toEqual({
      kind: "tensor",
      dtype: "float32",
      shape: [2, 2],
      numel: 4,
      values: [NaN, Infinity, -Infinity, -0],
    });
    expect(read(torch.tensor(3)).kind).toBe("tensor");
  });

  it("describes lists item by item, and plain values by kind", () => {
    expect(read([torch.ones(1), 2, null, undefined, "s", () => 1])).toEqual({
      kind: "array",
      length: 6,
      items: [
        { kind: "tensor", dtype: "float32", shape: [1], numel: 1, values: [1] },
        { kind: "number", value: 2 },
        { kind: "null" },
        { kind: "undefined" },
        { kind: "string", value: "s" },
        { kind: "other", type: "function" },
      ],
    });
  });

  it("caps long lists at 16 items and deep nesting at 3 levels", () => {
    const long = read(Array.from({ length: 100 }, () => 0));
    expect(long).toMatchObject({ kind: "array", length: 100 });
    expect(long.kind === "array" && long.items.length).toBe(16);
    expect(read([[[[1]]]])).toEqual({ kind: "array", length: 1, items: [{ kind: "array", length: 1, items: [{ kind: "array", length: 1, items: [{ kind: "other", type: "object" }] }] }] });
  });

  it("calls a tensor whose storage was swapped for something else unreadable", () => {
    const t = torch.ones(2) as unknown as { _values: unknown };
    t._values = [1, 1];
    expect(read(t)).toEqual({ kind: "unreadable", message: "a tensor whose storage has been replaced" });
  });

  it("calls a value too large to describe unreadable, and stops describing it early", () => {
    const big = Array.from({ length: 16 }, () => Array.from({ length: 16 }, () => torch.ones(4096)));
    const text = describe(big);
    expect(read(big)).toEqual({ kind: "unreadable", message: "a value too large to describe (more than 131072 characters as JSON)" });
    expect(text.length).toBeLessThan(200);
    expect(read(torch.ones(4096))).toMatchObject({ kind: "tensor", numel: 4096 });
  });

  it("reads a tensor's shape once, so a getter cannot lie about it twice", () => {
    const t = torch.ones(2) as unknown as { _shape: number[] };
    let reads = 0;
    Object.defineProperty(t, "_shape", { get: () => (reads++ === 0 ? [2] : [1000]) });
    expect(read(t)).toMatchObject({ kind: "tensor", shape: [2], numel: 2 });
    expect(reads).toBe(1);
  });

  it("calls a value whose reading throws unreadable", () => {
    const trap = new Proxy([], { get: () => { throw new Error("gotcha"); } });
    expect(read(trap)).toEqual({ kind: "unreadable", message: "reading it threw gotcha" });
  });
});

group("describeThrown", () => {
  it("keeps an error's name, message and stack", () => {
    expect(JSON.parse(describeThrown(new RangeError("too far")))).toMatchObject({ kind: "error", name: "RangeError", message: "too far" });
  });

  it("describes thrown primitives, and objects whose getters throw", () => {
    expect(JSON.parse(describeThrown(null))).toEqual({ kind: "value", value: { kind: "null" } });
    expect(JSON.parse(describeThrown(42))).toEqual({ kind: "value", value: { kind: "number", value: 42 } });
    const nasty = Object.defineProperty({}, "message", { get: () => { throw new Error("no"); } });
    expect(JSON.parse(describeThrown(nasty))).toEqual({ kind: "error", name: "", message: "", stack: "" });
    expect(errorLine(nasty)).toBe("an object with no readable name or message");
    expect(errorLine(new TypeError("x"))).toBe("TypeError: x");
  });
});

import { describe, expect, it } from "vitest";
import { parseFrame, ProtocolError } from "./reply.js";

const tensor = (extra: object) => JSON.stringify({ t: "result", check: 0, calls: [{ returned: { kind: "tensor", dtype: "float32", shape: [2], numel: 2, values: [1, 2], ...extra } }] });

describe("parseFrame", () => {
  it("reads a result with a tensor, decoding NaN, ±Infinity and -0", () => {
    const frame = parseFrame(tensor({ shape: [4], numel: 4, values: ["NaN", "Infinity", "-Infinity", "-0"] }));
    expect(frame).toEqual({
      t: "result",
      check: 0,
      calls: [{ returned: { kind: "tensor", dtype: "float32", shape: [4], numel: 4, values: [NaN, Infinity, -Infinity, -0] } }],
    });
    const values = frame.t === "result" && "returned" in frame.calls[0] && frame.calls[0].returned.kind === "tensor" ? frame.calls[0].returned.values : [];
    expect(Object.is(values[3], -0)).toBe(true);
  });

  it("reads thrown errors and values, and missing exports", () => {
    const line = JSON.stringify({
      t: "result",
      check: 1,
      calls: [{ threw: { kind: "error", name: "RuntimeError", message: "m", stack: "s" } }, { threw: { kind: "value", value: { kind: "number", value: 42 } } }, { missing: "undefined" }],
    });
    expect(parseFrame(line)).toEqual({
      t: "result",
      check: 1,
      calls: [{ threw: { kind: "error", name: "RuntimeError", message: "m", stack: "s" } }, { threw: { kind: "value", value: { kind: "number", value: 42 } } }, { missing: "undefined" }],
    });
  });

  it("makes every string inert: escapes, carriage returns and CI workflow commands", () => {
    const line = JSON.stringify({
      t: "result",
      check: 0,
      calls: [{ threw: { kind: "error", name: "\x1b[32mOK", message: "fine\r\n::error::fake ##[error]x", stack: "" } }, { returned: { kind: "string", value: "\x1b]0;title\x07::set-output name=x::1" } }],
    });
    expect(parseFrame(line)).toEqual({
      t: "result",
      check: 0,
      calls: [{ threw: { kind: "error", name: "OK", message: "fine\n: :error::fake # #[error]x", stack: "" } }, { returned: { kind: "string", value: ": :set-output name=x::1" } }],
    });
  });

  it("reads how a standby exits: its code or its signal", () => {
    expect(parseFrame('{"t":"exit","code":3}')).toEqual({ t: "exit", code: 3, signal: null });
    expect(parseFrame('{"t":"exit","signal":"SIGTERM"}')).toEqual({ t: "exit", code: null, signal: "SIGTERM" });
  });

  it.each([
    ["not JSON", "{"],
    ["an exit frame without a whole code", '{"t":"exit","code":"3"}'],
    ["an exit frame with neither", '{"t":"exit"}'],
    ["an exit frame with a signal that is none", '{"t":"exit","signal":"\\u001b[2J"}'],
    ["an unknown frame", '{"t":"passed"}'],
    ["a tensor whose shape disagrees with its size", tensor({ numel: 3 })],
    ["a tensor whose values disagree with its size", tensor({ values: [1] })],
    ["a number that is not a number", tensor({ values: [1, "2"] })],
    ["a negative check index", '{"t":"begin","check":-1}'],
    ["an empty outcome", '{"t":"result","check":0,"calls":[{}]}'],
    ["too deep a nesting", JSON.stringify({ t: "result", check: 0, calls: [{ returned: nest(6) }] })],
  ])("rejects %s", (_, line) => {
    expect(() => parseFrame(line)).toThrow(ProtocolError);
  });
});

function nest(depth: number): object {
  return depth === 0 ? { kind: "null" } : { kind: "array", length: 1, items: [nest(depth - 1)] };
}

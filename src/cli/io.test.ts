import { describe, expect, it } from "vitest";
import { wantsColor } from "./io.js";

describe("wantsColor", () => {
  it("colours a terminal", () => expect(wantsColor(true, {})).toBe(true));
  it("never colours a pipe or a file", () => expect(wantsColor(undefined, {})).toBe(false));
  it("never colours with NO_COLOR set", () => expect(wantsColor(true, { NO_COLOR: "1" })).toBe(false));
  it("ignores an empty NO_COLOR, as no-color.org says", () => expect(wantsColor(true, { NO_COLOR: "" })).toBe(true));
  it("never colours a dumb terminal", () => expect(wantsColor(true, { TERM: "dumb" })).toBe(false));
});

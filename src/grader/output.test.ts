import { describe, expect, it } from "vitest";
import { CapturedOutput, quoted, sanitize } from "./output.js";

describe("sanitize", () => {
  it("removes colour codes and turns carriage-return overwrites into visible lines", () => {
    expect(sanitize("\x1b[32m✓ passed\x1b[0m\rFAKE\r\n")).toBe("✓ passed\nFAKE");
  });

  it("removes other escapes, control and bidi characters, keeping tabs", () => {
    expect(sanitize("a\x1b]0;title\x07b\x07c\x00d\te\u202Ef\u2066")).toBe("abcd\tef");
  });
});

describe("quoted", () => {
  it("puts a gutter before every line, so `::error::` cannot start one", () => {
    expect(quoted("::error::fake\n::stop-commands::x")).toBe("  │ ::error::fake\n  │ ::stop-commands::x");
  });

  it("cuts long lines", () => {
    expect(quoted("x".repeat(250))).toBe(`  │ ${"x".repeat(200)}… (50 more characters)`);
  });
});

describe("CapturedOutput", () => {
  it("keeps the first bytes up to its limit and counts the rest", () => {
    const output = new CapturedOutput(5);
    output.add(Buffer.from("abc"));
    output.add(Buffer.from("defgh"));
    expect(output.text()).toBe("abcde\n[3 more bytes of output not shown]");
  });
});

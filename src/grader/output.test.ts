import { describe, expect, it } from "vitest";
import { CapturedOutput, quoted, sanitize } from "./output.js";

describe("sanitize", () => {
  it("removes colour codes and turns carriage-return overwrites into visible lines", () => {
    expect(sanitize("\x1b[32m✓ passed\x1b[0m\rFAKE\r\n")).toBe("✓ passed\nFAKE");
  });

  it("removes other escapes, control and bidi characters, keeping tabs", () => {
    expect(sanitize("a\x1b]0;title\x07b\x07c\x00d\te\u202Ef\u2066")).toBe("abcd\tef");
  });

  it("breaks up CI workflow commands: `::` starting a line (after spaces too), `##[` anywhere", () => {
    expect(sanitize("::error::fake\n  ::stop-commands::tok\nok :: fine")).toBe(": :error::fake\n  : :stop-commands::tok\nok :: fine");
    expect(sanitize("x ##[error]fake ###[warning]w ##vso[task.complete result=Succeeded] ##TeamCity[x] ## heading")).toBe(
      "x # #[error]fake ## #[warning]w # #vso[task.complete result=Succeeded] # #TeamCity[x] ## heading",
    );
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

  it("keeps the tail of everything printed, past the limit, to tell how a process died", () => {
    const output = new CapturedOutput(5);
    output.add(Buffer.from("x".repeat(10_000)));
    output.add(Buffer.from("FATAL ERROR: Reached heap limit"));
    expect(output.tail(31)).toBe("FATAL ERROR: Reached heap limit");
    expect(output.tail()).toHaveLength(2048);
  });
});

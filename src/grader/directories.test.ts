import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeDirectory } from "./directories.js";

let scratch = "";
beforeEach(() => void (scratch = mkdtempSync(join(tmpdir(), "autograd-ex-dirs-"))));
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("makeDirectory", () => {
  it("makes a folder and its missing parents, and accepts one that exists", () => {
    const deep = join(scratch, "a", "b", "c");
    makeDirectory(deep);
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it("fails when a parent is a file", () => {
    writeFileSync(join(scratch, "file"), "");
    expect(() => makeDirectory(join(scratch, "file", "sub"))).toThrow(/ENOTDIR|EEXIST/);
  });

  // Node's own recursive mkdirSync never returns here
  it.runIf(process.platform === "linux")("fails at once where the file system refuses new folders (/proc)", () => {
    expect(() => makeDirectory("/proc/autograd-ex-nowhere/reports")).toThrow(/ENOENT/);
  });
});

// Where WebAssembly is refused (an embedder's policy, --jitless), matmul falls back to JavaScript.
import { expect, test, vi } from "vitest";

test("matmul works without WebAssembly, with the same results", async () => {
  vi.stubGlobal("WebAssembly", undefined);
  const { torch } = await import("../index.js");
  const a = torch.ones(32, 32).mul(0.5), b = torch.ones(32, 32).mul(2);
  expect(a.mm(b).tolist()).toEqual(Array.from({ length: 32 }, () => Array(32).fill(32)));
  vi.unstubAllGlobals();
});

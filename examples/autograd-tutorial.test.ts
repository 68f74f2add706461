import { afterEach, expect, test, vi } from "vitest";
import golden from "../test/fixtures/tutorial.json" with { type: "json" };

afterEach(() => vi.restoreAllMocks());

test("the tutorial prints what the notebook prints in PyTorch", async () => {
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => printed.push(...args.join(" ").split("\n")));
  await import("./autograd-tutorial.js");
  expect(printed).toEqual(golden.lines);
});

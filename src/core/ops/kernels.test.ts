import { expect, test } from "vitest";
import { torch } from "../index.js";

// Broadcasting with values is covered by test/golden-ops (same shape, scalar, bias rows, [3,1] and [1,4], ...).
test("empty tensors broadcast to an empty result of the broadcast shape, as in PyTorch", () => {
  const shapes = [
    torch.zeros(0, 3).add(torch.ones(3)),
    torch.zeros(2, 0).add(torch.ones(2, 1)),
    torch.ones(3).add(torch.zeros(0, 1)),
    torch.zeros(0).mul(2),
  ].map((t) => t.shape);
  expect(shapes).toEqual([[0, 3], [2, 0], [0, 3], [0]]);
});

// Whatever a student passes, the core answers with a PyTorch-style error, never a JavaScript crash.
import fc from "fast-check";
import { expect, test } from "vitest";
import { Tensor, TorchError, torch } from "./index.js";

const METHODS = [
  "add", "sub", "rsub", "mul", "div", "pow", "maximum", "minimum", "clamp", "gt", "eq", "sum", "mean", "max",
  "norm", "reshape", "view", "expand", "transpose", "permute", "unsqueeze", "squeeze", "select", "dot", "matmul",
  "mm", "mv", "backward", "sum_to_size", "add_", "copy_", "item", "size",
] as const;

const junk = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.boolean(), fc.double(),
  fc.integer({ min: -4, max: 4 }), fc.constant([]), fc.array(fc.integer({ min: -2, max: 3 }), { maxLength: 3 }),
  fc.constant({}), fc.constant({ min: "a" }), fc.constant(torch.ones(2, 3)), fc.constant(torch.tensor(1)),
);

test("every method fails with a TorchError (or succeeds) for any argument", () => {
  fc.assert(
    fc.property(fc.constantFrom(...METHODS), fc.array(junk, { maxLength: 3 }), fc.boolean(), (name, args, grad) => {
      const x = torch.ones(2, 3, { requires_grad: grad }).mul(2);
      try {
        (x as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
      } catch (error) {
        expect(error, `${name}(${args.map(String).join(", ")})`).toBeInstanceOf(TorchError);
        expect((error as Error).message).not.toContain("\n");
      }
    }),
    { numRuns: 20000 },
  );
});

test("creation functions reject junk with a TorchError", () => {
  const makers = [torch.tensor, torch.FloatTensor, torch.ones, torch.zeros, torch.randn, torch.rand] as ((
    ...a: unknown[]
  ) => Tensor)[];
  fc.assert(
    fc.property(fc.constantFrom(...makers), fc.array(junk, { maxLength: 3 }), (make, args) => {
      try {
        make(...args);
      } catch (error) {
        expect(error).toBeInstanceOf(TorchError);
      }
    }),
    { numRuns: 2000 },
  );
});

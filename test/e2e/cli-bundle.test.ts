// The CLI's bundle (needs `npm run build`) loads src/grader/spawn.ts from dist/bin/spawn.cjs, as
// bin/autograd-ex.cjs does, whichever of its modules imports it: a copy of its own would hold a second spare, which
// no Child would take.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";

describe("the CLI's bundle", () => {
  const bundle = readFileSync(join(paths.root, "dist", "bin", "autograd-ex.cjs"), "utf8");

  it("shares spawn.cjs with bin/autograd-ex.cjs, and has no copy of it", () => {
    expect(bundle).toContain('require("./spawn.cjs")');
    for (const name of ["startHarness", "takeSpare", "keepSpare", "discardSpare"]) {
      expect(new RegExp(`function ${name}\\b`).test(bundle), `${name} defined in the CLI's bundle`).toBe(false);
    }
  });
});

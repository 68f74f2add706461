import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests and examples import the package by name; point it at the sources so no build is needed.
    alias: { "autograd-ex": fileURLToPath(new URL("./src/core/index.ts", import.meta.url)) },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 60_000,
    // check keeps bundles between runs: in tests, somewhere other than the user's own cache
    // and no standby left behind by each check a test runs (test/standby.test.ts turns them on)
    env: { AUTOGRAD_EX_CACHE: join(tmpdir(), "autograd-ex-test-bundles"), AUTOGRAD_EX_STANDBY: "off" },
    reporters: ["default", "./scripts/vitest-summary.js"],
  },
});

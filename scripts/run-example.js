#!/usr/bin/env node
// Runs a TypeScript example against the core's sources: npm run example examples/autograd-tutorial.ts
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run example <file.ts>   (for example: npm run example examples/autograd-tutorial.ts)");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "autograd-ex-example-"));
const outfile = join(dir, "example.mjs");
try {
  await build({
    entryPoints: [file],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    logLevel: "error",
    alias: { "autograd-ex": fileURLToPath(new URL("../src/core/index.ts", import.meta.url)) },
  });
  await import(pathToFileURL(outfile).href);
} catch (error) {
  if (!error?.errors) console.error(error);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

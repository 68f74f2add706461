// Build step (after tsc): bundles the child's harness and the core it grades with into one file, so a child
// starts by reading one module instead of resolving the core's graph (about 16 ms instead of 60 ms here).
import { build } from "esbuild";
import { paths } from "./paths.js";

await build({
  entryPoints: [paths.harnessEntry],
  outfile: paths.harness,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});

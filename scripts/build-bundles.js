// Build step (after tsc): each process autograd-ex starts loads one file instead of resolving a graph of modules.
// - dist/bin/autograd-ex.js: the CLI and the libraries it always needs. esbuild, mathjs and Graphviz stay
//   outside, loaded only by the commands that use them.
// - dist/grader/harness.bundle.js: the child's harness, with the core as source text: it runs a copy of the
//   core in each realm (src/grader/harness-realm.ts).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning" };

/** The built core as a script whose completion value is its exports. */
async function coreSource() {
  const result = await build({ ...common, entryPoints: [`${dist}core/index.js`], write: false, format: "cjs", platform: "neutral" });
  return `(() => {\nconst module = { exports: {} };\n${result.outputFiles[0].text}\nreturn module.exports;\n})();\n`;
}

const coreSourcePlugin = (source) => ({
  name: "autograd-ex-core-source",
  setup(b) {
    b.onResolve({ filter: /^autograd-ex:core-source$/ }, (args) => ({ path: args.path, namespace: "core-source" }));
    b.onLoad({ filter: /.*/, namespace: "core-source" }, () => ({ contents: `export default ${JSON.stringify(source)};`, loader: "js" }));
  },
});

await build({
  ...common,
  entryPoints: [`${dist}grader/harness.js`],
  outfile: `${dist}grader/harness.bundle.js`,
  format: "esm",
  plugins: [coreSourcePlugin(await coreSource())],
});

// NOTE: dist/bin/ sits two levels below the package's root, as dist/grader/paths.js does: paths stay right.
await build({
  ...common,
  entryPoints: [`${dist}cli/index.js`],
  outfile: `${dist}bin/autograd-ex.js`,
  format: "esm",
  external: ["esbuild", "mathjs", "@viz-js/viz"],
  // for the CommonJS libraries inside (commander): esbuild's ESM output has no `require` of its own
  banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
});

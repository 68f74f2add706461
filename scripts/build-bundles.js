// Build step (after tsc): each process autograd-ex starts loads one file instead of resolving a graph of modules.
// - dist/bin/autograd-ex.cjs: the CLI and the libraries it always needs. esbuild, mathjs and Graphviz stay
//   outside, loaded only by the commands that use them. With it, V8's code cache for it (.cache).
// - dist/grader/harness.bundle.cjs: the child's harness, with the core as source text: it runs a copy of the
//   core in each realm (src/grader/harness-realm.ts). CommonJS: Node starts it ~30 ms sooner than an ES module.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

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

// CommonJS bundles: `import.meta.url` becomes the bundle's own URL (for createRequire in src/grader/lazy.ts).
const commonjs = {
  ...common,
  format: "cjs",
  define: { "import.meta.url": "__bundle_url" },
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
};

await build({
  ...commonjs,
  entryPoints: [`${dist}grader/harness.js`],
  outfile: `${dist}grader/harness.bundle.cjs`,
  plugins: [coreSourcePlugin(await coreSource())],
});

// The CLI's files in dist/bin/, two levels below the package's root as dist/grader/paths.js is, so that paths
// stay right.
// spawn.cjs starts the child before the rest loads (bin/autograd-ex.cjs); the CLI shares it, spare and all
await build({ ...commonjs, entryPoints: [`${dist}grader/spawn.js`], outfile: `${dist}bin/spawn.cjs` });
// the keeper of standbys, a process of its own
await build({ ...commonjs, entryPoints: [`${dist}grader/keeper.js`], outfile: `${dist}bin/keeper.cjs` });
const sharedSpawn = {
  name: "autograd-ex-shared-spawn",
  setup(b) {
    // NOTE: every import of src/grader/spawn.ts, from whichever folder, or the CLI would hold a second spare
    b.onResolve({ filter: /(^|\/)spawn\.js$/ }, (args) => {
      if (resolve(args.resolveDir, args.path) !== `${dist}grader/spawn.js`) return undefined;
      return { path: "./spawn.cjs", external: true };
    });
  },
};
// NOTE: without comments and blanks the CLI's bundle is a third smaller and loads ~4 ms sooner; its names stay
await build({
  ...commonjs,
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: [`${dist}cli/index.js`],
  outfile: `${dist}bin/autograd-ex.cjs`,
  external: ["esbuild", "mathjs", "@viz-js/viz"],
  plugins: [sharedSpawn],
});

// V8's code cache for the CLI's bundle, made after its top-level code has run (so that the functions that code
// compiled are in it): bin/autograd-ex.cjs compiles the bundle with it, ~10 ms sooner. A Node that is not this
// one rejects it, and compiles the bundle as usual.
const cli = `${dist}bin/autograd-ex.cjs`;
const source = readFileSync(cli, "utf8");
// NOTE: compiled by vm.Script, the bundle has no loader for import(): it must require what it loads later
if (/[^\w.$]import\(/.test(source)) throw new Error(`${cli} calls import(): use lazyRequire (src/grader/lazy.ts)`);
const script = new Script(Module.wrap(source), { filename: cli });
script.runInThisContext()({}, Module.createRequire(cli), { exports: {} }, cli, dirname(cli));
writeFileSync(`${cli}.cache`, script.createCachedData());

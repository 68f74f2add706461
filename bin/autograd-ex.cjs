#!/usr/bin/env node
// The command's entry: the only place that sets the process's exit code.
// NOTE: CommonJS throughout (this file and the bundles it loads): Node starts it ~40 ms sooner than ES modules.
// `check` starts its sandbox process first (or claims a standby), so that it boots while the rest of the CLI loads.
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const args = process.argv.slice(2);
const { startSpareFor, discardSpare } = require("../dist/bin/spawn.cjs");
startSpareFor(args);

/** The CLI's bundle, compiled with the code cache the build made for it (a Node that is not the build's rejects it). */
function loadCli() {
  const file = join(__dirname, "..", "dist", "bin", "autograd-ex.cjs");
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    return require(file);
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, join(__dirname, "..", "dist", "bin"));
  return module.exports;
}

loadCli()
  .main(args)
  .then((code) => {
    process.exitCode = code;
  })
  .finally(() => {
    discardSpare();
    // NOTE: ending here spares Node freeing its heap page by page (~20 ms), but only once all output is out:
    // writes to a pipe are asynchronous on macOS
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
  });

#!/usr/bin/env node
// The command's entry: the only place that sets the process's exit code.
// NOTE: CommonJS throughout (this file and the bundles it loads): Node starts it ~40 ms sooner than ES modules.
// `check` starts its sandbox process first, so that it boots while the rest of the CLI loads.
const args = process.argv.slice(2);
const { startSpareFor, discardSpare } = require("../dist/bin/spawn.cjs");
startSpareFor(args);
require("../dist/bin/autograd-ex.cjs")
  .main(args)
  .then((code) => {
    process.exitCode = code;
  })
  .finally(discardSpare);

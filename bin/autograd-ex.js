#!/usr/bin/env node
// The command's entry: the only place that sets the process's exit code.
import { main } from "../dist/bin/autograd-ex.js";

process.exitCode = await main(process.argv.slice(2));

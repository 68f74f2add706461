// autograd-ex's side of bench/run.js, in a process of its own started as the grader starts its harness: with
// spawn.ts's HARNESS_ENV as its whole environment. Asked one figure per line, it answers with its measurement.
import { createInterface } from "node:readline";
import { workloads } from "./core.js";
import { measureWorkload } from "./measure.js";

const reply = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

reply({ info: `node ${process.version}, pid ${process.pid}` });
for await (const line of createInterface({ input: process.stdin })) {
  const { figure, params, method } = JSON.parse(line);
  try {
    reply(measureWorkload(workloads[figure], params, method));
  } catch (error) {
    reply({ error: `${figure}: ${error.stack ?? error}` });
  }
}

// `npm run bench`: autograd-ex against PyTorch and TensorFlow.js, measured side by side in one run.
// Speed is measured, never asserted: the exit code is 0 whatever the figures say.
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { HARNESS_ENV } from "../dist/grader/spawn.js";
import { workloads } from "./core.js";
import { FIGURES } from "./figures.js";
import { ratio, table, timing } from "./format.js";
import { startLines } from "./lines.js";
import { METHOD, measureWorkload } from "./measure.js";
import { loadTfjs } from "./tfjs.js";
import { startTorch } from "./torch.js";

const ANCHOR_LABELS = { torch: "PyTorch eager", tfjs: "TF.js cpu" };
/** Relative difference of check values above which two runners are said to compute different things. */
const CHECK_TOLERANCE = 1e-3;

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

/**
 * autograd-ex's runner: bench/core-child.js, started as the grader starts its harness (the environment is
 * HARNESS_ENV and nothing else), since that is where solutions and checks run. `measure(figure)` throws if
 * the core fails: a broken core fails the bench.
 */
async function startOurs() {
  const child = startLines("autograd-ex", process.execPath, [fileURLToPath(new URL("./core-child.js", import.meta.url))], { env: HARNESS_ENV });
  const hello = await child.answer();
  if (hello.unavailable) throw new Error(hello.unavailable);
  const measure = async (figure) => {
    const result = await child.ask({ figure: figure.name, params: figure.params, method: METHOD });
    if (result.error ?? result.unavailable) throw new Error(result.error ?? result.unavailable);
    return result;
  };
  return { info: `a child process with the harness's environment (${Object.entries(HARNESS_ENV).map(([k, v]) => `${k}=${v}`).join(" ")}), ${hello.info}`, measure, close: child.close };
}

/** Each anchor: `{ info, measure(figure) }`, or `{ unavailable }` saying why it cannot run here. */
async function loadAnchors() {
  const torch = await startTorch(METHOD);
  const tfjs = await loadTfjs();
  return {
    torch,
    tfjs: { ...tfjs, measure: (figure) => measureWorkload(tfjs.workloads[figure.name], figure.params) },
  };
}

/** An anchor's measurement of `figure`, or `{ unavailable, failed }`; a failing anchor does not stop the bench. */
async function measureAnchor(anchor, name, figure) {
  if (anchor.unavailable) return { unavailable: anchor.unavailable };
  progress(`${figure.name}: ${ANCHOR_LABELS[name]}`);
  try {
    const result = await anchor.measure(figure);
    return result.unavailable ? { ...result, failed: true } : result;
  } catch (error) {
    return { unavailable: error.message, failed: true };
  }
}

/** Rounds per figure: autograd-ex and each anchor take turns, so that other work on the machine hits all alike. */
const ROUNDS = 3;

/** The median round; ± becomes the farthest round from it, or the median round's own spread if larger. */
function combine(rounds) {
  if (rounds.some((r) => r.unavailable)) return rounds.find((r) => r.unavailable);
  const sorted = [...rounds].sort((a, b) => a.seconds - b.seconds), mid = sorted[sorted.length >> 1];
  const apart = Math.max(...rounds.map((r) => Math.abs(r.seconds - mid.seconds))) / mid.seconds;
  return { ...mid, spread: Math.max(mid.spread, apart) };
}

async function measureFigure(figure, ourRunner, anchors) {
  const ours = [], theirs = new Map(figure.anchors.map((name) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    progress(`${figure.name}: autograd-ex (round ${round} of ${ROUNDS})`);
    ours.push(await ourRunner.measure(figure));
    for (const name of figure.anchors) theirs.get(name).push(await measureAnchor(anchors[name], name, figure));
  }
  const our = combine(ours);
  const speedup = (result) => (result.unavailable ? NaN : result.seconds / our.seconds);
  const measured = figure.anchors.map((name) => ({ name, result: combine(theirs.get(name)) }));
  return { figure, ours: our, anchors: measured.map((a) => ({ ...a, speedup: speedup(a.result) })) };
}

/** "≥20×", or for a goal below 1 (at most so many times slower) "within 5×". */
const goalText = (speedup) => (speedup >= 1 ? `≥${speedup}×` : `within ${1 / speedup}×`);

function verdict(target, speedup) {
  if (Number.isNaN(speedup)) return "not measured";
  return speedup >= target.speedup ? "met" : "missed";
}

function tableRows({ figure, ours, anchors }) {
  return anchors.map(({ name, result, speedup }, i) => {
    const own = figure.targets.find((t) => t.anchor === name);
    const target = own ? `${goalText(own.speedup)} ${verdict(own, speedup)}` : "";
    return [
      i === 0 ? figure.title : "",
      i === 0 ? timing(ours) : "",
      ANCHOR_LABELS[name],
      result.unavailable ? "unavailable" : timing(result),
      result.unavailable ? "—" : ratio(speedup),
      target,
    ];
  });
}

/** A warning when an anchor failed on `figure` or its check value differs from autograd-ex's. */
function note(figure, ours, name, result) {
  if (result.failed) return [`! ${figure.name}: ${ANCHOR_LABELS[name]} failed: ${result.unavailable}`];
  if (result.unavailable || Math.abs(result.check - ours.check) <= CHECK_TOLERANCE * Math.abs(ours.check)) return [];
  return [`! ${figure.name}: Σg² is ${ours.check} in autograd-ex but ${result.check} in ${ANCHOR_LABELS[name]}`];
}

const notes = (rows) =>
  rows.flatMap(({ figure, ours, anchors }) => anchors.flatMap(({ name, result }) => note(figure, ours, name, result)));

function targetLines(rows) {
  return rows.flatMap(({ figure, anchors }) =>
    figure.targets.map((target) => {
      const { anchor, speedup: goal, source } = target;
      const { speedup } = anchors.find((a) => a.name === anchor);
      const measured = Number.isNaN(speedup) ? "" : ` (measured ${ratio(speedup)})`;
      return `  ${source}: ${figure.name} ${goalText(goal)} vs ${ANCHOR_LABELS[anchor]}: ${verdict(target, speedup)}${measured}`;
    }),
  );
}

function header(ours, anchors, loadAtStart) {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const cpus = os.cpus();
  const blasEnv = Object.entries(process.env).filter(([key]) => key.startsWith("OPENBLAS_")).sort();
  return [
    `autograd-ex ${version} · ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores · ${os.type()} ${os.release()} · node ${process.version}`,
    `autograd-ex: in ${ours.info}`,
    ...Object.entries(anchors).map(([name, a]) => `${ANCHOR_LABELS[name]}: ${a.unavailable ? `unavailable: ${a.unavailable}` : a.info}`),
    `load average at start: ${loadAtStart.toFixed(1)} (figures are noisy when other work shares the cores)`,
    ...(blasEnv.length ? [`env: ${blasEnv.map(([k, v]) => `${k}=${v}`).join(" ")} (left as set)`] : []),
    `method: ${ROUNDS} rounds in which autograd-ex and each anchor take turns; in each, warm-up, then the median ` +
      `of ${METHOD.samples} samples of ≥${METHOD.minSampleMs} ms; the median round is shown, ± the farthest sample ` +
      `or round from it; speed-up: anchor time ÷ autograd-ex time, 2 significant digits`,
  ];
}

/**
 * The figure measured once more in this process, a plain `node` with the shell's environment, for comparison
 * with the harness's (see HARNESS_ENV in src/grader/spawn.ts): the line under the table.
 */
const IN_PROCESS = "mlp_step";

function inProcessLine(rows) {
  const { figure, anchors } = rows.find((row) => row.figure.name === IN_PROCESS);
  progress(`${figure.name}: autograd-ex in this process`);
  const here = measureWorkload(workloads[figure.name], figure.params);
  const speedups = anchors.filter((a) => !a.result.unavailable).map((a) => `${ratio(a.result.seconds / here.seconds)} ${ANCHOR_LABELS[a.name]}`);
  return `${figure.name} in the bench's own process instead (plain node, this shell's environment): ${timing(here)}${speedups.length ? `, ${speedups.join(", ")}` : ""}`;
}

const loadAtStart = os.loadavg()[0];
const ours = await startOurs();
const anchors = await loadAnchors();
const rows = [];
for (const figure of FIGURES) rows.push(await measureFigure(figure, ours, anchors));
ours.close();
anchors.torch.close?.();
const report = [
  ...header(ours, anchors, loadAtStart),
  "",
  table(["figure", "autograd-ex", "anchor", "anchor time", "speed-up", "target"], rows.flatMap(tableRows)),
  ...notes(rows),
  inProcessLine(rows),
  "",
  "targets:",
  ...targetLines(rows),
];
console.log(report.join("\n"));

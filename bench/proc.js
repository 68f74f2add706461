// Running a command for the bench: its wall time and the peak resident memory of its whole process tree (Linux
// /proc, sampled every few ms; 0 elsewhere).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Whether process `p` works in `folder` or below it. */
function worksIn(p, folder) {
  try {
    return readlinkSync(`/proc/${p}/cwd`).startsWith(folder);
  } catch {
    return false;
  }
}

/**
 * Resident memory of the process tree under `pid`, in MB, with the processes working in `alsoIn` (a folder) and
 * their trees: a standby that a run takes was started by the run before, and is not in its tree.
 */
export function treeRssMb(pid, alsoIn) {
  let procs;
  try {
    procs = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const parent = new Map(), rss = new Map();
  for (const p of procs) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(p), Number(fields[1]));
      rss.set(Number(p), (Number(fields[21]) * 4096) / 2 ** 20);
    } catch {
      // gone already
    }
  }
  const roots = new Set([pid, ...(alsoIn === undefined ? [] : [...rss.keys()].filter((p) => worksIn(p, alsoIn)))]);
  const inTree = (p) => roots.has(p) || (parent.has(p) && p > 1 && inTree(parent.get(p)));
  return [...rss].filter(([p]) => inTree(p)).reduce((sum, [, mb]) => sum + mb, 0);
}

/** Resident memory of `pid` alone, in MB. */
export function rssMb(pid) {
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * 4096) / 2 ** 20;
  } catch {
    return 0; // finished, or no /proc here
  }
}

/**
 * Runs `command` to its end; resolves with its exit code, wall time in ms, and peak memory (MB) of the process
 * itself and of its whole tree (with the processes working in `alsoIn`), sampled every `sampleMs` (0: not
 * sampled, peaks 0). NOTE: a sample reads every process's /proc entry, a few ms of CPU: on a machine of 2 cores,
 * frequent samples slow what they measure.
 */
export function run(command, args, options = {}, sampleMs = 5, alsoIn = undefined) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: "ignore", ...options });
    let peakTree = 0, peakSelf = 0;
    const sample = () => {
      peakTree = Math.max(peakTree, treeRssMb(child.pid, alsoIn));
      peakSelf = Math.max(peakSelf, rssMb(child.pid));
    };
    const sampler = sampleMs > 0 ? setInterval(sample, sampleMs) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      resolve({ code, ms: performance.now() - started, peakSelf, peakTree });
    });
  });
}

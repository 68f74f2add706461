// Timing: warm up, size each sample to at least METHOD.minSampleMs, report the median of METHOD.samples.
// bench/torch_bench.py times its loops the same way, from the same METHOD.

export const METHOD = { samples: 5, minSampleMs: 200 };

/** Milliseconds taken by `n` calls of `step`. */
function timeBatch(step, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) step();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Calls per sample: grows the batch until one takes minSampleMs (the first, cold calls warm up the JIT). */
function calibrate(step, minSampleMs) {
  let n = 1;
  let ms = timeBatch(step, n);
  while (ms < minSampleMs) {
    n = Math.ceil(n * Math.min(100, Math.max(2, (1.2 * minSampleMs) / Math.max(ms, 1e-3))));
    ms = timeBatch(step, n);
  }
  return n;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Seconds per call of `step`, with `spread`, the largest distance of a sample from the median, as a fraction
 * of the median (a rough noise gauge).
 */
export function measure(step, { samples, minSampleMs } = METHOD) {
  const n = calibrate(step, minSampleMs);
  timeBatch(step, n); // warm-up at the final batch size
  const perCall = Array.from({ length: samples }, () => timeBatch(step, n) / 1e3 / n);
  const seconds = median(perCall);
  const spread = Math.max(...perCall.map((s) => Math.abs(s - seconds))) / seconds;
  return { seconds, spread };
}

/** Measures a workload (`make(params)` gives `{ step, check }`); its check value is taken after one step from its initial state. */
export function measureWorkload(make, params, method = METHOD) {
  const { step, check } = make(params);
  step();
  const value = check();
  return { ...measure(step, method), check: value };
}

// Progress through a batch: a bar redrawn in place on a terminal, one plain line per student otherwise (CI logs).
import type { StudentReport } from "../grader/batch.js";
import { sanitize } from "../grader/output.js";
import { formatPoints } from "../grader/summary.js";

export interface Progress {
  graded: (report: StudentReport) => void;
  finish: () => void;
}

const BAR = 24;

export function progress(total: number, tty: boolean, write: (text: string) => void, now = () => performance.now()): Progress {
  const started = now();
  let done = 0;
  const width = String(total).length;
  return {
    graded(report) {
      done++;
      const name = sanitize(report.student).slice(0, 40);
      const score = `${formatPoints(report.score.score)}/${formatPoints(report.score.max_score)}`;
      if (!tty) return write(`[${String(done).padStart(width)}/${total}] ${name}: ${score} ${report.status} (${report.duration_ms} ms)\n`);
      const filled = Math.round((done / total) * BAR);
      const rate = done / Math.max((now() - started) / 1000, 1e-3);
      // \r and "erase line": the bar replaces itself
      write(`\r\x1b[2K[${"█".repeat(filled)}${"░".repeat(BAR - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s  ${name}`);
    },
    finish() {
      if (tty && done > 0) write("\r\x1b[2K");
    },
  };
}

// `autograd-ex grade <dir>`: grade every student's workspace in <dir> in parallel with the instructor's
// configuration (never a student's own), then write the gradebook to --out and print a table.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gradeBatch, inShard, listStudents, type Shard, type StudentReport } from "../grader/batch.js";
import { gradeSettings, loadConfig, withHints, type CliSettings } from "../grader/config.js";
import { gradesTable, writeGradebook, writeStudentReport, GRADES_FILE, STUDENTS_DIR } from "../grader/gradebook.js";
import { graderVersion, sha256 } from "../grader/provenance.js";
import { questionChecks } from "../grader/grade.js";
import { loadManifest } from "../grader/spec.js";
import type { Io } from "./io.js";
import { progress } from "./progress.js";
import { selectQuestions } from "./questions.js";

export interface GradeCommandOptions extends CliSettings {
  out: string;
  jobs: number;
  config?: string;
  shard?: Shard;
  /** Draw a progress bar (standard error is a terminal) rather than a line per student. */
  tty: boolean;
}

export async function gradeCommand(dir: string, options: GradeCommandOptions, io: Io): Promise<number> {
  const manifest = loadManifest();
  const root = resolve(io.cwd, dir), out = resolve(io.cwd, options.out);
  const configFile = options.config && resolve(io.cwd, options.config);
  const config = loadConfig(configFile, null, manifest);
  const questions = withHints(selectQuestions(manifest, config?.questions ?? []), config);
  const { limits, options: settings } = gradeSettings(config, options);
  const students = listStudents(root, out).filter((student) => inShard(student, options.shard ?? null));

  const started = performance.now();
  const bar = progress(students.length, options.tty, io.err);
  const onGraded = (report: StudentReport) => {
    writeStudentReport(out, report);
    bar.graded(report);
  };
  const reports = await gradeBatch(students, { root, questions, limits, options: settings, jobs: options.jobs, onGraded });
  bar.finish();
  const seconds = (performance.now() - started) / 1000;

  writeGradebook(out, reports, {
    grader: { name: "autograd-ex", version: graderVersion() },
    config_sha256: configFile ? sha256(readFileSync(configFile)) : null,
    seed: settings.seed ?? null,
    questions: questions.map((question) => question.id),
    checks: questions.flatMap((question) => questionChecks(question.id, settings.seed ?? null).map((spec) => spec.name)),
    shard: options.shard ?? null,
    students,
  });
  const counts = ["pass", "fail", "error"].map((status) => `${reports.filter((r) => r.status === status).length} ${status}`).join(", ");
  const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : "";
  const seed = settings.seed == null ? "" : `Randomized checks from seed ${settings.seed} (each student's own seed is in their report).\n`;
  io.out(
    gradesTable(reports) +
      `\n${seed}Graded ${reports.length} workspaces${shard} in ${seconds.toFixed(1)} s (${(reports.length / seconds).toFixed(1)}/s): ${counts}.\n` +
      `Wrote ${resolve(out, GRADES_FILE)} and ${reports.length} reports in ${resolve(out, STUDENTS_DIR)}.\n`,
  );
  return 0;
}

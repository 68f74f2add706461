// `autograd-ex merge <folders...>`: one gradebook from the --out folders of a sharded `grade` (a CI matrix),
// refusing folders graded differently, a shard missing or given twice, or a student graded twice.
import { resolve } from "node:path";
import { gradesTable, mergeGradebooks, writeGradebook, writeStudentReport, GRADES_FILE } from "../grader/gradebook.js";
import type { Io } from "./io.js";

export function merge(dirs: string[], options: { out: string }, io: Io): number {
  const { info, reports } = mergeGradebooks(dirs.map((dir) => resolve(io.cwd, dir)));
  const out = resolve(io.cwd, options.out);
  for (const report of reports) writeStudentReport(out, report);
  writeGradebook(out, reports, info);
  io.out(gradesTable(reports) + `\nMerged ${dirs.length} folders: ${reports.length} students in ${resolve(out, GRADES_FILE)}.\n`);
  return 0;
}

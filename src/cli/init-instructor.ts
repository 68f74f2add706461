// `autograd-ex init --instructor [dir]`: an instructor's grading repository: a workflow that checks out the
// students' repositories and grades them with a pinned autograd-ex and the instructor's autograd-ex.json, plus a
// Gradescope autograder. It never overwrites an existing file unless --force says so.
import { chmodSync, existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { paths } from "../grader/paths.js";
import { graderVersion } from "../grader/provenance.js";
import { writeFiles } from "./init.js";
import type { Io } from "./io.js";

/** Repository file → template under exercises/instructor/. */
const TEMPLATES: Record<string, string> = {
  ".github/workflows/grade.yml": "grade.yml",
  "autograd-ex.json": "autograd-ex.json",
  "students.txt": "students.txt",
  "fetch-submissions.sh": "fetch-submissions.sh",
  "README.md": "README.md",
  ".gitignore": "gitignore",
  "gradescope/run_autograder": "gradescope/run_autograder",
  "gradescope/setup.sh": "gradescope/setup.sh",
};
const SCRIPTS = ["fetch-submissions.sh", "gradescope/run_autograder", "gradescope/setup.sh"];

export const INSTRUCTOR_NEXT_STEPS = (dir: string) =>
  `Next: ${dir === "." ? "" : `cd ${dir} && `}npm install, list the students' repositories in students.txt, set points in ` +
  `autograd-ex.json, commit, and run the "grade" workflow (see README.md).`;

/** The version that grades is this one, exactly: a caret would let a new release change the grades. */
function packageJson(): string {
  const repository = {
    name: "autograd-ex-grading",
    private: true,
    scripts: { grade: "autograd-ex grade submissions --config autograd-ex.json --randomized" },
    devDependencies: { "autograd-ex": graderVersion() },
  };
  return JSON.stringify(repository, null, 2) + "\n";
}

export function instructorFiles(): Map<string, string> {
  const files = new Map(Object.entries(TEMPLATES).map(([target, template]) => [target, readFileSync(join(paths.exercises, "instructor", template), "utf8")]));
  return files.set("package.json", packageJson());
}

export function initInstructor(dir: string | undefined, options: { force: boolean }, io: Io): number {
  const target = resolve(io.cwd, dir ?? ".");
  const code = writeFiles(target, instructorFiles(), options.force, io, INSTRUCTOR_NEXT_STEPS);
  for (const script of SCRIPTS) if (existsSync(join(target, script))) chmodSync(join(target, script), 0o755);
  return code;
}

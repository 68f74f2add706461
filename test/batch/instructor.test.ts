// `init --instructor`: the grading repository it writes, the workflow's commands, and fetch-submissions.sh
// cloning students' repositories as they were at a deadline (from a local git server, file://).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INSTRUCTOR_NEXT_STEPS } from "../../src/cli/init-instructor.js";
import { parseConfig } from "../../src/grader/config.js";
import { paths } from "../../src/grader/paths.js";
import { loadManifest } from "../../src/grader/spec.js";
import { runCli, tempDir } from "../cli/run-cli.js";

const FILES = [".github/workflows/grade.yml", "autograd-ex.json", "students.txt", "fetch-submissions.sh", "README.md", ".gitignore", "gradescope/run_autograder", "gradescope/setup.sh", "package.json"];
const version = JSON.parse(readFileSync(paths.packageJson, "utf8")).version;
const hasGit = spawnSync("git", ["--version"]).status === 0;

describe("init --instructor", () => {
  it("writes the grading repository, with autograd-ex pinned to this exact version", async () => {
    const cwd = tempDir();
    const run = await runCli(["init", "--instructor", "grading"], cwd);
    expect(run.code).toBe(0);
    expect(run.out).toBe([`Wrote ${FILES.length} files in grading`, ...FILES.map((f) => `  ${f}`), "", INSTRUCTOR_NEXT_STEPS("grading")].join("\n") + "\n");
    const pkg = JSON.parse(readFileSync(join(cwd, "grading", "package.json"), "utf8"));
    expect(pkg.devDependencies).toEqual({ "autograd-ex": version });
    for (const script of ["fetch-submissions.sh", "gradescope/run_autograder", "gradescope/setup.sh"]) {
      expect(statSync(join(cwd, "grading", script)).mode & 0o111).toBe(0o111);
    }
    expect(() => parseConfig(readFileSync(join(cwd, "grading", "autograd-ex.json"), "utf8"), "autograd-ex.json", loadManifest())).not.toThrow();
  });

  it("never overwrites a file without --force", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "students.txt"), "me/mine\n");
    const run = await runCli(["init", "--instructor"], cwd);
    expect(run.out).toContain("Skipped 1 that already exist (--force overwrites them):\n  students.txt");
    expect(readFileSync(join(cwd, "students.txt"), "utf8")).toBe("me/mine\n");
  });

  it("grades in a workflow the students cannot edit: pinned install, the instructor's config, shards, merge, upload", () => {
    const workflow = readFileSync(join(paths.exercises, "instructor", "grade.yml"), "utf8");
    expect(workflow).toContain("npm ci");
    expect(workflow).toContain("bash fetch-submissions.sh students.txt submissions");
    expect(workflow).toContain("npx autograd-ex grade submissions --config autograd-ex.json --randomized");
    expect(workflow).toContain("--shard ${{ matrix.shard }}/${{ strategy.job-total }}");
    expect(workflow).toContain("npx autograd-ex merge shards/grades-* --out gradebook");
    expect(workflow).toMatch(/uses: actions\/upload-artifact@v4\n\s+with:\n\s+name: gradebook/);
    expect(workflow).toContain("persist-credentials: false");
    // the token reaches only the step that clones
    expect(workflow.match(/secrets\.STUDENT_REPOS_TOKEN/g)).toHaveLength(1);
    expect(readFileSync(join(paths.exercises, "instructor", "gradescope", "run_autograder"), "utf8").trimEnd().split("\n")).toEqual([
      "#!/usr/bin/env bash",
      "cd /autograder/source && npx autograd-ex check --dir /autograder/submission --config autograd-ex.json --randomized --report gradescope:/autograder/results/results.json",
    ]);
  });
});

describe.skipIf(!hasGit)("fetch-submissions.sh", () => {
  const git = (cwd: string, args: string[], date?: string) =>
    execFileSync("git", args, { cwd, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: "s", GIT_AUTHOR_EMAIL: "s@x", GIT_COMMITTER_NAME: "s", GIT_COMMITTER_EMAIL: "s@x" }, encoding: "utf8" });

  function studentRepository(server: string, name: string): void {
    const repo = join(server, "course", `${name}.git`);
    mkdirSync(repo, { recursive: true });
    git(repo, ["init", "--quiet", "--initial-branch=main"]);
    writeFileSync(join(repo, "q2.ts"), "// on time\n");
    git(repo, ["add", "."]);
    git(repo, ["commit", "--quiet", "-m", "on time"], "2025-03-01T12:00:00Z");
    writeFileSync(join(repo, "q2.ts"), "// late\n");
    git(repo, ["commit", "--quiet", "-am", "late"], "2025-03-03T12:00:00Z");
  }

  it("clones each listed repository as it was at the deadline, and leaves a folder for one it cannot clone", () => {
    const server = tempDir(), cwd = tempDir();
    studentRepository(server, "alice");
    writeFileSync(join(cwd, "students.txt"), "# the class\ncourse/alice\n\ncourse/bob\n");
    const script = join(paths.exercises, "instructor", "fetch-submissions.sh");
    const env = { ...process.env, GITHUB_SERVER_URL: `file://${server}`, DEADLINE: "2025-03-02T00:00:00Z", STUDENT_REPOS_TOKEN: "" };
    const run = spawnSync("bash", [script, "students.txt", "submissions"], { cwd, env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(readFileSync(join(cwd, "submissions", "alice", "q2.ts"), "utf8")).toBe("// on time\n");
    expect(run.stdout).toMatch(/^course\/alice: [0-9a-f]{40}$/m);
    expect(existsSync(join(cwd, "submissions", "bob"))).toBe(true);
    expect(run.stderr).toContain("course/bob: cannot be cloned");
  });
});

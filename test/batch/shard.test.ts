// --shard i/n grades a deterministic slice; merge makes one gradebook of the slices and refuses ones that do not fit.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inShard } from "../../src/grader/batch.js";
import { BATCH_FILE, GRADES_FILE, type BatchInfo } from "../../src/grader/gradebook.js";
import { runCli, tempDir } from "../cli/run-cli.js";
import { generateClass } from "./workspaces.js";

describe("inShard", () => {
  it("puts every student in exactly one shard, by name alone", () => {
    const names = Array.from({ length: 500 }, (_, i) => `student-${i}`);
    const sizes = [1, 2, 3, 4].map((index) => names.filter((name) => inShard(name, { index, count: 4 })).length);
    expect(sizes.reduce((a, b) => a + b)).toBe(500);
    for (const size of sizes) expect(size).toBeGreaterThan(90); // roughly even
    expect(names.every((name) => inShard(name, null))).toBe(true);
  });
});

/** Three shard folders as `grade --shard i/3` writes them, for `students` who earned nothing, without grading. */
function shards(students: string[]): string {
  const root = tempDir();
  for (const i of [1, 2, 3]) {
    const mine = students.filter((name) => inShard(name, { index: i, count: 3 }));
    const info = { grader: { name: "autograd-ex", version: "0.1.0" }, config_sha256: null, seed: 5, questions: ["q1"], checks: ["check_q1"], shard: { index: i, count: 3 }, students: mine };
    mkdirSync(join(root, `shard-${i}`, "students"), { recursive: true });
    writeFileSync(join(root, `shard-${i}`, BATCH_FILE), JSON.stringify(info));
    for (const name of mine) {
      const report = { student: name, checks: [], score: { score: 0, max_score: 2 }, status: "fail", files_sha256: "", duration_ms: 1 };
      writeFileSync(join(root, `shard-${i}`, "students", `${name}.json`), JSON.stringify(report));
    }
  }
  return root;
}

describe("grade --shard and merge", () => {
  it("grade three slices of a class and merge them into the gradebook one run would make", async () => {
    const root = tempDir();
    const students = generateClass(join(root, "class"), 6);
    for (const i of [1, 2, 3]) {
      const run = await runCli(["grade", "class", "--shard", `${i}/3`, "--out", `shard-${i}`, "--seed", "5", "--timeout", "1"], root);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`(shard ${i}/3)`);
    }
    const merged = await runCli(["merge", "shard-1", "shard-2", "shard-3", "--out", "gradebook"], root);
    expect(merged.code).toBe(0);
    expect(merged.out).toContain(`Merged 3 folders: 6 students in ${join(root, "gradebook", GRADES_FILE)}.`);
    const rows = readFileSync(join(root, "gradebook", GRADES_FILE), "utf8").trimEnd().split("\r\n").slice(1);
    expect(rows.map((row) => row.split(",").slice(0, 1).concat(row.split(",")[10]))).toEqual(students.map((s) => [s.name, String(s.total)]));
    const info: BatchInfo = JSON.parse(readFileSync(join(root, "gradebook", BATCH_FILE), "utf8"));
    expect(info).toMatchObject({ shard: null, seed: 5, students: students.map((s) => s.name) });
  });

  it.each([
    ["a missing shard", () => ["shard-1", "shard-3"], "autograd-ex: shard 2/3 missing: merge needs the folder of every shard"],
    ["a shard given twice", () => ["shard-1", "shard-1", "shard-2", "shard-3"], "autograd-ex: shard 1/3 given twice"],
    ["a shard graded with another seed", (root: string) => {
      const file = join(root, "shard-2", BATCH_FILE);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), seed: 6 }));
      return ["shard-1", "shard-2", "shard-3"];
    }, "were graded with different seed"],
    ["a student in two folders", (root: string) => {
      cpSync(join(root, "shard-1"), join(root, "copy"), { recursive: true });
      const file = join(root, "copy", BATCH_FILE);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), shard: null }));
      const plain = join(root, "shard-1", BATCH_FILE);
      writeFileSync(plain, JSON.stringify({ ...JSON.parse(readFileSync(plain, "utf8")), shard: null }));
      return ["shard-1", "copy"];
    }, "was graded in two of the folders"],
    ["a folder that is no grade output", () => ["nowhere"], "holds no batch.json"],
  ])("refuses %s, exit 2 and one line", async (_, folders: (root: string) => string[], message) => {
    const root = shards(["ann", "bob", "cy", "dee", "eve", "fay"]);
    const run = await runCli(["merge", ...folders(root), "--out", "gradebook"], root);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.err.trimEnd().split("\n")).toHaveLength(1);
  });

  it("merges a shard that had no students, whose empty students/ folder a CI artifact drops", async () => {
    const root = shards(["ann", "bob"]);
    const empty = [1, 2, 3].find((i) => !["ann", "bob"].some((name) => inShard(name, { index: i, count: 3 })))!;
    rmSync(join(root, `shard-${empty}`, "students"), { recursive: true });
    const run = await runCli(["merge", "shard-1", "shard-2", "shard-3", "--out", "gradebook"], root);
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, "gradebook", GRADES_FILE), "utf8").split("\r\n").slice(1, 3).map((row) => row.split(",")[0])).toEqual(["ann", "bob"]);
  });
});

import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/cli/run-cli.js";
import { changed, snapshot, SourceWatcher } from "./watch-files.js";

let watcher: SourceWatcher | undefined;
afterEach(() => watcher?.close());

function workspace(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "q1.ts"), "a");
  mkdirSync(join(dir, "lib"));
  writeFileSync(join(dir, "lib", "helper.js"), "b");
  mkdirSync(join(dir, "node_modules", "x"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "x", "index.js"), "c");
  mkdirSync(join(dir, ".git"));
  writeFileSync(join(dir, ".git", "hook.js"), "d");
  writeFileSync(join(dir, "notes.md"), "e");
  return dir;
}

/** The next paths the watcher reports. */
const nextChange = (dir: string, poll: boolean) =>
  new Promise<string[]>((done) => (watcher = new SourceWatcher(dir, done, poll)));

describe("source snapshots", () => {
  it("hold the workspace's .ts and .js files, in its folders too, but none in node_modules or hidden folders", () => {
    expect([...snapshot(workspace()).keys()].sort()).toEqual(["lib/helper.js", "q1.ts"]);
  });

  it("tell which files were written, added or removed", () => {
    const dir = workspace();
    const before = snapshot(dir);
    writeFileSync(join(dir, "q1.ts"), "a longer text");
    writeFileSync(join(dir, "q2.mts"), "new");
    rmSync(join(dir, "lib", "helper.js"));
    expect(changed(before, snapshot(dir))).toEqual(["lib/helper.js", "q1.ts", "q2.mts"]);
    expect(changed(before, before)).toEqual([]);
  });
});

describe("SourceWatcher", () => {
  it.each([
    ["file events", false],
    ["polling", true],
  ])("reports a save with %s", async (_, poll) => {
    const dir = workspace();
    const reported = nextChange(dir, poll);
    expect(watcher!.polling).toBe(poll);
    writeFileSync(join(dir, "lib", "helper.js"), "changed");
    expect(await reported).toEqual(["lib/helper.js"]);
  });

  it("sees an editor's save by renaming a temporary file over the old one", async () => {
    const dir = workspace();
    const reported = nextChange(dir, false);
    writeFileSync(join(dir, "q1.ts.tmp"), "saved");
    renameSync(join(dir, "q1.ts.tmp"), join(dir, "q1.ts"));
    expect(await reported).toEqual(["q1.ts"]);
  });
});

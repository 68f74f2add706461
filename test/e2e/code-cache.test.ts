// The CLI's bundle starts from V8's code cache that the build makes (needs `npm run build`): this Node accepts
// it, and a cache it would reject, or none, changes nothing but the time.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { paths } from "../../src/grader/paths.js";

const bundle = join(paths.root, "dist", "bin", "autograd-ex.cjs");
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** bin/ and dist/bin/ of the package in a folder of their own, with `cache` as the code cache (none if null). */
function packageWith(cache: Buffer | null): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "autograd-ex-code-cache-")));
  copies.push(dir);
  for (const part of ["bin", join("dist", "bin"), "package.json"]) cpSync(join(paths.root, part), join(dir, part), { recursive: true });
  if (cache === null) rmSync(join(dir, "dist", "bin", "autograd-ex.cjs.cache"));
  else writeFileSync(join(dir, "dist", "bin", "autograd-ex.cjs.cache"), cache);
  return dir;
}

const version = (dir: string) => spawnSync(process.execPath, [join(dir, "bin", "autograd-ex.cjs"), "--version"], { encoding: "utf8" });

describe("the CLI's code cache", () => {
  it("is accepted by the Node that built it", () => {
    const script = new Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, cachedData: readFileSync(`${bundle}.cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it.each([
    ["a cache this Node rejects", Buffer.from("not a code cache")],
    ["no cache", null],
  ])("is only a head start: with %s the CLI runs the same", (_, cache) => {
    const expected = JSON.parse(readFileSync(paths.packageJson, "utf8")).version;
    const run = version(packageWith(cache));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(expected);
  });
});

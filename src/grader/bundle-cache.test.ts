// The bundle cache: a kept bundle is used only while the files and the way each import resolves are unchanged.
// A kept bundle is marked by rewriting its code in the cache, so that a test can tell it was used.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { bundleCacheDir } from "./bundle-cache.js";
import { bundleSolution } from "./bundle.js";
import { scratch } from "../../test/helpers/scratch.js";

let workspace: string, cache: string;

beforeEach(() => {
  const root = scratch("bundle-cache");
  workspace = join(root, "ws");
  cache = join(root, "cache");
  mkdirSync(join(workspace, "lib"), { recursive: true });
  writeFileSync(join(workspace, "q2.ts"), 'import { two } from "./lib/helper.js";\nexport const q2 = (): number => two();\n');
  writeFileSync(join(workspace, "lib", "helper.ts"), "export const two = (): number => 2;\n");
});

const entry = () => join(workspace, "q2.ts");

/** Bundles q2.ts with the cache, and returns its code. */
async function code(): Promise<string> {
  const bundle = await bundleSolution(entry(), workspace, cache);
  if (!bundle.ok) throw new Error(bundle.message);
  return bundle.code;
}

/** Replaces the code of the one kept bundle by a marker. */
function markKept(): void {
  const [file] = readdirSync(cache);
  const kept = JSON.parse(readFileSync(join(cache, file), "utf8"));
  writeFileSync(join(cache, file), JSON.stringify({ ...kept, code: "/* kept */" }));
}

describe("the bundle cache", () => {
  it("uses a kept bundle while nothing changed", async () => {
    expect(await code()).toContain("two = () => 2");
    markKept();
    expect(await code()).toBe("/* kept */");
  });

  it("bundles again when the solution or a file it imports changed", async () => {
    await code();
    markKept();
    writeFileSync(join(workspace, "lib", "helper.ts"), "export const two = (): number => 1 + 1;\n");
    expect(await code()).toContain("1 + 1");
    markKept();
    writeFileSync(join(workspace, "q2.ts"), 'import { two } from "./lib/helper.js";\nexport const q2 = (): number => two() * 1;\n');
    expect(await code()).toContain("two() * 1");
  });

  it("bundles again when an import would now resolve to another file", async () => {
    await code();
    markKept();
    // "./lib/helper.js" names helper.ts only while there is no helper.js
    writeFileSync(join(workspace, "lib", "helper.js"), "export const two = () => 22;\n");
    expect(await code()).toContain("two = () => 22");
  });

  it("keeps no bundle of a file that does not build, and bundles without a usable cache folder", async () => {
    writeFileSync(join(workspace, "q2.ts"), "export const q2 = (: number => 2;\n");
    expect((await bundleSolution(entry(), workspace, cache)).ok).toBe(false);
    expect(existsSync(cache)).toBe(false);
    writeFileSync(join(workspace, "q2.ts"), "export const q2 = (): number => 2;\n");
    cache = join(workspace, "lib", "helper.ts", "cache"); // under a file: it cannot be made
    expect(await code()).toContain("q2 = () => 2");
  });
});

describe("bundleCacheDir", () => {
  it("is off, a folder of the user's choice, or under the user's cache folder", () => {
    expect(bundleCacheDir({ AUTOGRAD_EX_CACHE: "off" })).toBeNull();
    expect(bundleCacheDir({ AUTOGRAD_EX_CACHE: "/tmp/c" })).toBe("/tmp/c");
    expect(bundleCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/autograd-ex/bundles");
    expect(bundleCacheDir({})).toMatch(/\/\.cache\/autograd-ex\/bundles$/);
  });
});

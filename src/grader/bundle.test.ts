import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSolution } from "./bundle.js";
import { scratch } from "../../test/helpers/scratch.js";

let workspace: string, outside: string;

beforeAll(() => {
  const root = scratch("bundle");
  workspace = join(root, "ws");
  outside = join(root, "outside");
  mkdirSync(join(workspace, "lib"), { recursive: true });
  mkdirSync(join(workspace, "node_modules", "dep"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(workspace, "lib", "helper.ts"), "export const two = (): number => 2;\n");
  writeFileSync(join(workspace, "data.json"), "{}\n");
  writeFileSync(join(workspace, "node_modules", "dep", "index.js"), "export const x = 1;\n");
  writeFileSync(join(outside, "secret.ts"), "export const secret = 1;\n");
  symlinkSync(join(outside, "secret.ts"), join(workspace, "link.ts"));
  mkdirSync(join(workspace, "util"));
  writeFileSync(join(workspace, "util", "index.ts"), "export const three = (): number => 3;\n");
  writeFileSync(join(workspace, "notes.txt"), "hello\n");
  // esbuild would read these (for paths, "browser" or "type"); the grader never lets it
  writeFileSync(join(workspace, "tsconfig.json"), '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["./lib/*"] } } }\n');
  writeFileSync(join(workspace, "util", "package.json"), '{ "main": "../../outside/secret.ts",\n  not json\n');
  writeFileSync(join(root, "package.json"), "{ not json above the workspace\n");
});

async function bundle(name: string, source: string) {
  writeFileSync(join(workspace, name), source);
  return bundleSolution(join(workspace, name), workspace);
}

describe("bundleSolution", () => {
  it("bundles a TypeScript solution with its own helpers, leaving autograd-ex to the child", async () => {
    const result = await bundle("ok.ts", 'import { torch } from "autograd-ex";\nimport { two } from "./lib/helper";\nexport const q = () => torch.ones(two());\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).toContain('require("autograd-ex")');
    expect(result.code).toContain("two = () => 2");
    expect(JSON.parse(result.map).sources.sort()).toEqual(["lib/helper.ts", "ok.ts"]);
  });

  it("resolves ./x.js to x.ts and a folder to its index, reading no package.json or tsconfig.json", async () => {
    const result = await bundle("dirs.ts", 'import { two } from "./lib/helper.js";\nimport { three } from "./util";\nexport const q = () => two() * three();\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(result.map).sources.sort()).toEqual(["dirs.ts", "lib/helper.ts", "util/index.ts"]);
  });

  it("says which relative import it cannot find", async () => {
    const result = await bundle("lost.ts", 'import { x } from "./nowhere";\nexport const q = () => x;\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.split("\n")[0]).toBe('lost.ts:1:19: Could not resolve "./nowhere"');
  });

  it.each([
    ["a Node built-in", "node:fs"],
    ["a bare built-in", "child_process"],
    ["an absolute path", "/etc/passwd"],
    ["a JSON file", "./data.json"],
    ["a text file", "./notes.txt"],
    ["a tsconfig.json path alias", "@lib/helper"],
    ["a package in node_modules", "./node_modules/dep/index.js"],
    ["a symlink that leads outside", "./link.ts"],
    ["a file outside the workspace", "../outside/secret.ts"],
    ["the core's internals", "autograd-ex/dist/core/tensor.js"],
  ])("refuses %s", async (_, path) => {
    const result = await bundle("bad.ts", `import * as m from "${path}";\nexport const q = () => m;\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`bad.ts:1:20: cannot import "${path}": a solution may import only "autograd-ex" and its own .ts or .js files`);
  });

  it.each([
    ["JSON", 'import data from "./lib/helper.ts" with { type: "json" };'],
    ["text", 'import data from "./lib/helper.ts" with { type: "text" };'],
  ])("refuses a %s import attribute, even on its own file", async (_, line) => {
    const result = await bundle("attr.ts", `${line}\nexport const q = () => data;\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('cannot import "./lib/helper.ts": a solution may import only');
  });

  it("refuses require() of a built-in in a JavaScript solution", async () => {
    const result = await bundle("bad.js", 'const fs = require("fs");\nexport const q = () => fs;\n');
    expect(result.ok).toBe(false);
  });

  it("reports a syntax error with file:line:column and a code frame", async () => {
    const result = await bundle("broken.ts", "export function q2(x) {\n  const f = x.mul(2\n  return f;\n}\n");
    expect(result).toEqual({
      ok: false,
      message: [
        'broken.ts:3:3: Expected ")" but found "return"',
        "",
        "  1 | export function q2(x) {",
        "  2 |   const f = x.mul(2",
        "> 3 |   return f;",
        "    |   ^",
        "  4 | }",
      ].join("\n"),
    });
  });
});

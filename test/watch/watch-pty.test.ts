// One `watch` session in a real pseudo-terminal (util-linux's `script`, part of every Debian): raw keys, a
// cleared screen per drawing. Skipped where `script` is missing.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { KEYS } from "../../src/cli/watch.js";
import { paths } from "../../src/grader/paths.js";
import { initWorkspace } from "../cli/run-cli.js";
import { BIN, Watching } from "./spawn-watch.js";

const hasScript = spawnSync("script", ["--version"]).status === 0;
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
let running: Watching | undefined;
afterEach(() => running?.stop());

it.skipIf(!hasScript)("runs in a terminal: clears the screen to redraw, and q quits without Enter", async () => {
  const cwd = await initWorkspace();
  const command = [process.execPath, BIN, "watch", "q2"].map(quote).join(" ");
  running = new Watching(spawn("script", ["-qfec", command, "/dev/null"], { cwd, env: { ...process.env, NO_COLOR: "1", TERM: "xterm" } }));
  const first = await running.waitFor(KEYS);
  expect(first).toContain("\x1b[2J\x1b[3J\x1b[H");
  expect(first).toContain("– check_q2  not attempted");
  writeFileSync(join(cwd, "q2.ts"), readFileSync(join(paths.root, "test", "solutions", "reference", "q2.ts"), "utf8"));
  const green = await running.waitFor(KEYS);
  expect(green).toContain("\x1b[2J\x1b[3J\x1b[H");
  expect(green).toContain("✓ check_q2");
  running.press("q");
  expect(await running.exited).toBe(0);
});

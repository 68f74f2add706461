// Temporary folders for tests, removed once the test file is done: each file imports this module afresh, so
// the hook below belongs to that file.
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder in the temporary folder, named `autograd-ex-<name>-XXXXXX`, by its real path. */
export function scratch(name: string): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), `autograd-ex-${name}-`)));
  made.push(folder);
  return folder;
}

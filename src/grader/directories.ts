// Making a folder and its missing parents. NOTE: not mkdirSync(path, { recursive: true }): on Linux, Node 20's
// loops forever when the file system refuses a new folder with ENOENT though its parent exists (/proc, /sys),
// so a report path such as /proc/x/report.xml would hang the grader instead of failing.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let dir = resolve(path);
  for (; !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.push(dir);
  if (!statSync(dir).isDirectory()) mkdirSync(dir); // a file where a folder goes: Node's EEXIST says so
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // made meanwhile by another process: fine if it is a folder
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(folder).isDirectory()) throw error;
    }
  }
}

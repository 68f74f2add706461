// Which source files in a workspace changed: file events where the system delivers them, and a poll that finds
// what they miss (WSL, network drives) or, with --poll, does all the finding.
import { watch, readdirSync, statSync, type FSWatcher } from "node:fs";
import { extname, join, relative } from "node:path";

const SOURCES = new Set([".ts", ".mts", ".js", ".mjs"]);

/** How often to look: with file events, only as a safety net; with --poll, often enough to feel immediate. */
export const POLL_MS = { events: 1000, poll: 250 };
/** Editors save in steps (write a temporary file, rename it): changes this close together are one change. */
export const SETTLE_MS = 60;

/** The folders that may hold solutions: the workspace and its folders, but not node_modules nor hidden ones. */
export function folders(dir: string): string[] {
  const found = [dir];
  for (let i = 0; i < found.length; i++) {
    if (relative(dir, found[i]).split(/[\\/]/).length > 4) continue;
    try {
      for (const entry of readdirSync(found[i], { withFileTypes: true })) {
        if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") found.push(join(found[i], entry.name));
      }
    } catch {
      // removed while we looked
    }
  }
  return found;
}

/** Each source file (relative path) with what changes when it is written. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of folders(dir)) {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // removed while we looked
    }
    for (const entry of entries) {
      if (!entry.isFile() || !SOURCES.has(extname(entry.name))) continue;
      try {
        const { mtimeMs, size, ino } = statSync(join(folder, entry.name));
        files.set(relative(dir, join(folder, entry.name)), `${mtimeMs}:${size}:${ino}`);
      } catch {
        // removed while we looked
      }
    }
  }
  return files;
}

/** The paths added, removed or written between two snapshots. */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** Calls `onChange` with the relative paths of the source files that changed, until closed. */
export class SourceWatcher {
  #files: Map<string, string>;
  #events: FSWatcher[] | null = null;
  #timer: NodeJS.Timeout;
  #settle: NodeJS.Timeout | undefined;

  constructor(private readonly dir: string, private readonly onChange: (paths: string[]) => void, poll: boolean) {
    this.#files = snapshot(dir);
    if (!poll) {
      try {
        this.#events = folders(dir).map((folder) => watch(folder, () => this.#soon()).on("error", () => this.#stopEvents()));
      } catch {
        this.#stopEvents(); // no file events here: polling finds the changes
      }
    }
    this.#timer = setInterval(() => this.#look(), this.#events === null ? POLL_MS.poll : POLL_MS.events);
  }

  /** Whether file events arrive, or only the poll finds changes. */
  get polling(): boolean {
    return this.#events === null;
  }

  close(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#settle);
    this.#stopEvents();
  }

  #stopEvents(): void {
    this.#events?.forEach((events) => events.close());
    this.#events = null;
  }

  #soon(): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => this.#look(), SETTLE_MS);
  }

  #look(): void {
    const files = snapshot(this.dir);
    const paths = changed(this.#files, files);
    this.#files = files;
    if (paths.length > 0) this.onChange(paths);
  }
}

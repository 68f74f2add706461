// Runs the built CLI's `watch` as a student would, and reads its screen as it redraws.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { paths } from "../../src/grader/paths.js";

export const BIN = join(paths.root, "bin", "autograd-ex.cjs");

export class Watching {
  out = "";
  readonly exited: Promise<number | null>;
  #seen = 0;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8").on("data", (text: string) => (this.out += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (this.out += text));
    this.exited = new Promise((done) => child.on("close", (code) => done(code)));
  }

  /** Waits until the output since the last match holds `text`; returns that output, up to the match's end. */
  async waitFor(text: string | RegExp, ms = 8000): Promise<string> {
    for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 25))) {
      const rest = this.out.slice(this.#seen);
      const match = typeof text === "string" ? (rest.includes(text) ? { index: rest.indexOf(text), 0: text } : null) : text.exec(rest);
      if (match) {
        const end = match.index + match[0].length;
        this.#seen += end;
        return rest.slice(0, end);
      }
    }
    throw new Error(`no ${String(text)} in the output after ${ms} ms:\n${this.out.slice(this.#seen)}`);
  }

  press(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Ends it as a closed session would (SIGTERM, which it handles as q), or with SIGKILL if it is still there 2 s later. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const late = setTimeout(() => this.child.kill("SIGKILL"), 2000);
    await this.exited;
    clearTimeout(late);
  }
}

/** `autograd-ex watch ...args` in `cwd`, its stdin and stdout pipes (no terminal). */
export const spawnWatch = (args: string[], cwd: string, env: Record<string, string> = {}): Watching =>
  new Watching(spawn(process.execPath, [BIN, "watch", ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } }));

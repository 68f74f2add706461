// The parent's side of a claimed standby, shaped as the ChildProcess that `Child` drives: stdin takes the job,
// stdio[3] gives the frames (both over the standby's socket), stderr gives what it printed (its log, read once
// it has closed), and "close" comes when it is gone. A standby still booting is waited for; one that refuses
// (it quit, or its pid is another process now) is replaced by an ordinary child started in its folder.
import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { alive, STANDBY_FILES, type Claimed } from "./standby.js";

/** How often, and how many times, to try the socket of a standby that is still booting (1 s in all). */
const RETRY_MS = 5;
const RETRIES = 200;

export class StandbyProcess extends EventEmitter {
  /** NOTE: written through at once (not piped, which waits a tick), as a child's stdin is. */
  readonly stdin = new Writable({
    write: (chunk: Buffer, _encoding, done) => (this.#target ? this.#target.write(chunk, done) : this.#queued.push([chunk, done])),
    final: (done) => (this.#target ? this.#target.end(done) : (this.#ended = done)),
  });
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdio = [this.stdin, this.stdout, this.stderr, new PassThrough()] as const;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  /** Known once the standby has answered (before, it might be another process that took a dead standby's pid). */
  #pid: number | undefined;
  #socket: Socket | undefined;
  #replacement: ChildProcess | undefined;
  #unref = false;
  /** Where stdin goes once there is somewhere: the socket, or the replacement's stdin; and what waits for it. */
  #target: NodeJS.WritableStream | undefined;
  #queued: [Buffer, (error?: Error | null) => void][] = [];
  #ended: ((error?: Error | null) => void) | undefined;

  /** `replace(cwd)` starts an ordinary child in `cwd`, for a standby that refuses. */
  constructor(
    private readonly claimed: Claimed,
    private readonly replace: (cwd: string) => ChildProcess,
  ) {
    super();
    this.#connect(0);
  }

  get pid(): number | undefined {
    return this.#pid;
  }

  unref(): void {
    this.#unref = true;
    this.#socket?.unref();
    this.#replacement?.unref();
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): boolean {
    try {
      return this.#pid !== undefined && process.kill(this.#pid, signal);
    } catch {
      return false; // gone already
    }
  }

  #connect(attempt: number): void {
    const socket = connect(join(this.claimed.folder, STANDBY_FILES.socket));
    socket.once("error", () => {
      if (attempt < RETRIES && alive(this.claimed.pid)) setTimeout(() => this.#connect(attempt + 1), RETRY_MS);
      else this.#useReplacement();
    });
    socket.once("connect", () => {
      socket.removeAllListeners("error");
      socket.on("error", () => {}); // reset by a dying standby: "close" follows
      this.#socket = socket;
      this.#pid = this.claimed.pid;
      if (this.#unref) socket.unref();
      this.#writeTo(socket);
      socket.pipe(this.stdio[3]);
      socket.once("close", () => this.#closed());
    });
  }

  #writeTo(target: NodeJS.WritableStream): void {
    this.#target = target;
    for (const [chunk, done] of this.#queued.splice(0)) target.write(chunk, done);
    if (this.#ended) target.end(this.#ended);
  }

  /** Gone: what it printed is in its log, flushed before it died (V8's out-of-memory message, say). */
  #closed(): void {
    this.#pid = undefined; // its socket closes as it dies: the pid may soon be another process's
    let log = Buffer.alloc(0);
    try {
      log = readFileSync(join(this.claimed.folder, STANDBY_FILES.log));
    } catch {
      // removed already: the run is over
    }
    this.stdout.end();
    this.stderr.end(log);
    // NOTE: as a ChildProcess, "close" after every stream has delivered its data
    setImmediate(() => this.emit("close", null, null));
  }

  #useReplacement(): void {
    const child = this.replace(this.claimed.folder);
    this.#replacement = child;
    if (this.#unref) child.unref();
    this.#pid = child.pid;
    this.#writeTo(child.stdin!);
    (child.stdio[3] as NodeJS.ReadableStream).pipe(this.stdio[3]);
    child.stdout!.pipe(this.stdout);
    child.stderr!.pipe(this.stderr);
    child.on("error", (error) => this.emit("error", error));
    child.on("close", (code, signal) => {
      this.exitCode = code;
      this.signalCode = signal;
      this.emit("close", code, signal);
    });
  }
}

// The parent's side of a claimed standby, shaped as the ChildProcess that `Child` drives: stdin takes the job,
// stdio[3] gives the frames (both over the standby's socket), stderr gives what it printed (its log, read once
// it has closed), and "close" comes when it is gone. A standby still booting is waited for. One that refuses
// (it quit, or its pid is another process's now) is replaced by an ordinary child started in its folder, and so
// is one that takes the job and ends or says nothing (stopped, say): that one is killed.
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
/** How long a standby may take to answer its job: its realms are made, so it takes milliseconds. */
const ANSWER_MS = 1000;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // gone already
  }
}

export class StandbyProcess extends EventEmitter {
  /** NOTE: written through at once (not piped, which waits a tick), as a child's stdin is; kept for a replacement. */
  readonly stdin = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.#written.push(chunk);
      this.#target?.write(chunk);
      done();
    },
    final: (done) => {
      this.#ended = true;
      this.#target?.end();
      this.#awaitAnswer();
      done();
    },
  });
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdio = [this.stdin, this.stdout, this.stderr, new PassThrough()] as const;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  /** Known once the standby has taken the connection (before, it might be another process that took a dead standby's pid). */
  #pid: number | undefined;
  #socket: Socket | undefined;
  #replacement: ChildProcess | undefined;
  #unref = false;
  /** Where stdin goes once there is somewhere (the socket, or the replacement's stdin), and what it was given. */
  #target: NodeJS.WritableStream | undefined;
  #written: Buffer[] = [];
  #ended = false;
  #disposed = false;
  /** Armed once the standby has its whole job; disarmed by its first word. */
  #silence: NodeJS.Timeout | undefined;

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

  /** Ends it with its process group: the standby, once it has taken the connection (so surely ours), or its replacement. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#silence);
    if (this.#pid !== undefined) killGroup(this.#pid);
  }

  #connect(attempt: number): void {
    const socket = connect(join(this.claimed.folder, STANDBY_FILES.socket));
    socket.once("error", () => {
      if (this.#disposed) return;
      if (attempt < RETRIES && alive(this.claimed.pid)) setTimeout(() => this.#connect(attempt + 1), RETRY_MS);
      else this.#useReplacement();
    });
    socket.once("connect", () => {
      if (this.#disposed) return void (socket.destroy(), killGroup(this.claimed.pid));
      socket.removeAllListeners("error");
      socket.on("error", () => {}); // reset by a dying standby: "close" follows
      this.#socket = socket;
      this.#pid = this.claimed.pid;
      if (this.#unref) socket.unref();
      let answered = false;
      socket.once("data", () => ((answered = true), clearTimeout(this.#silence)));
      socket.pipe(this.stdio[3]);
      // gone before a word (killed from outside as it took the connection): as good as refused
      socket.once("close", () => (clearTimeout(this.#silence), answered ? this.#closed() : this.#giveUp(socket)));
      this.#writeTo(socket);
      this.#awaitAnswer();
    });
  }

  /** Once the standby has its whole job, it has ANSWER_MS to say something. */
  #awaitAnswer(): void {
    const socket = this.#socket;
    if (socket === undefined || this.#target !== socket || !this.#ended || this.#silence !== undefined) return;
    this.#silence = setTimeout(() => this.#giveUp(socket), ANSWER_MS);
    if (this.#unref) this.#silence.unref();
  }

  /** A standby that took the connection and said nothing: killed, and replaced. */
  #giveUp(socket: Socket): void {
    socket.removeAllListeners("close");
    socket.unpipe(this.stdio[3]);
    socket.destroy();
    killGroup(this.claimed.pid); // it took the connection: it is our standby
    this.#useReplacement();
  }

  #writeTo(target: NodeJS.WritableStream): void {
    this.#target = target;
    for (const chunk of this.#written) target.write(chunk);
    if (this.#ended) target.end();
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
    (child.stdio[3] as NodeJS.ReadableStream).pipe(this.stdio[3]);
    child.stdout!.pipe(this.stdout);
    child.stderr!.pipe(this.stderr);
    child.stdin!.on("error", () => {}); // it may die before reading its job: "close" reports that
    child.on("error", (error) => this.emit("error", error));
    child.on("close", (code, signal) => {
      this.exitCode = code;
      this.signalCode = signal;
      this.emit("close", code, signal);
    });
    this.#writeTo(child.stdin!);
  }
}

// What a solution printed: captured from the child, capped, and made inert before anyone sees it.

export const OUTPUT_LIMIT = 4096;
export const LINE_LIMIT = 200;
const TAIL_LIMIT = 2048;

/** Collects a child's stdout and stderr in arrival order, keeping the first `limit` bytes and the last few. */
export class CapturedOutput {
  #chunks: Buffer[] = [];
  #kept = 0;
  #dropped = 0;
  #tail = Buffer.alloc(0);

  constructor(private readonly limit = OUTPUT_LIMIT) {}

  /** `more`: bytes printed besides `chunk` that never reached the grader (the child counted them only). */
  add = (chunk: Buffer, more = 0): void => {
    this.#dropped += more;
    const room = this.limit - this.#kept;
    if (room > 0) this.#chunks.push(chunk.subarray(0, room));
    this.#kept += Math.min(room, chunk.length);
    this.#dropped += Math.max(0, chunk.length - room);
    this.#tail = Buffer.concat([this.#tail, chunk.subarray(-TAIL_LIMIT)]).subarray(-TAIL_LIMIT);
  };

  /** The output, sanitized, with a note when some was dropped. */
  text(): string {
    const text = sanitize(Buffer.concat(this.#chunks).toString("utf8"));
    return this.#dropped > 0 ? `${text}\n[${this.#dropped} more bytes of output not shown]` : text;
  }

  /** The raw tail of everything printed, for recognising how a process died (V8's out-of-memory message). */
  tail(bytes = TAIL_LIMIT): string {
    return this.#tail.subarray(-bytes).toString("utf8");
  }
}

const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// NOTE: GitHub's runner takes `::command::` at the start of a line even after spaces, and its older `##[command]`
// anywhere in a line (Azure's `##vso[` too). A visible space breaks both: an invisible character might not,
// since .NET's culture-aware IndexOf and StartsWith skip zero-width ones.
const LINE_COMMAND = /^(\s*):(?=:)/gm;
const ANYWHERE_COMMAND = /##(?=\[|vso\[|teamcity\[)/gi;

/**
 * Text from a solution made inert: terminal escapes, carriage-return overwrites, control and bidi characters
 * removed, and CI workflow commands (`::error::`, `##[error]`) broken up so that no CI runner acts on them.
 */
export function sanitize(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .replace(LINE_COMMAND, "$1: ")
    .replace(ANYWHERE_COMMAND, "# #")
    .replace(/\n+$/, "");
}

/** Each line behind a gutter, so none can start a CI workflow command such as `::error::`; long lines cut. */
export function quoted(text: string, gutter = "  │ "): string {
  return text
    .split("\n")
    .map((line) => gutter + (line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT)}… (${line.length - LINE_LIMIT} more characters)` : line))
    .join("\n");
}

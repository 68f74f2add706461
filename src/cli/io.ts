// Where commands write, and whether in colour: the process by default, a capture in tests.

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
  cwd: string;
}

/** Colour only on a terminal, never with NO_COLOR set and not empty (https://no-color.org), nor TERM=dumb. */
export const wantsColor = (isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean =>
  isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: wantsColor(process.stdout.isTTY, process.env),
    cwd: process.cwd(),
  };
}

// A few lines of source around a position, with a caret under the column: for syntax errors and stack frames.

/**
 * `source` holds the text starting at line `firstLine`; `line` and `column` are 1-based.
 * Shows up to two lines before and one after.
 */
export function codeFrame(source: string, line: number, column: number, firstLine = 1): string {
  const lines = source.split(/\r?\n/);
  const at = line - firstLine;
  const from = Math.max(0, at - 2), to = Math.min(lines.length - 1, at + 1);
  const width = String(to + firstLine).length;
  const gutter = (n: number | string, mark: string) => `${mark} ${String(n).padStart(width)} | `;
  const out: string[] = [];
  for (let i = from; i <= to; i++) {
    out.push(gutter(i + firstLine, i === at ? ">" : " ") + lines[i].replace(/\t/g, "  "));
    if (i === at) out.push(gutter("", " ") + lines[i].slice(0, column - 1).replace(/[^\t]/g, " ").replace(/\t/g, "  ") + "^");
  }
  return out.join("\n").replace(/ +$/gm, "");
}

// Printing the bench: two significant digits, time units, and a plain-text table.

/** `x` to two significant digits, without exponent: 0.0123 → "0.012", 1234 → "1200". */
const sig2 = (x) => String(Number(x.toPrecision(2)));

const UNITS = [
  [1, "s"],
  [1e-3, "ms"],
  [1e-6, "µs"],
  [1e-9, "ns"],
];

/** Seconds in the largest unit that keeps the value ≥ 1: 9.7e-6 → "9.7 µs". */
function duration(seconds) {
  const [scale, unit] = UNITS.find(([s]) => seconds >= s) ?? UNITS.at(-1);
  return `${sig2(seconds / scale)} ${unit}`;
}

/** A measurement as "9.7 µs ±3%". */
export const timing = ({ seconds, spread }) => `${duration(seconds)} ±${sig2(spread * 100)}%`;

export const ratio = (r) => `${sig2(r)}×`;

/** Rows of cells as aligned columns under `headers`, separated by two spaces. */
export function table(headers, rows) {
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const line = (row) => row.map((cell, c) => (cell ?? "").padEnd(widths[c])).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

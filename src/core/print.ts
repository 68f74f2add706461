// PyTorch 1.13's repr of a float32 or bool tensor, line for line after torch/_tensor_str.py.
import { formatExp, formatFixed } from "./format-number.js";

export interface Printable {
  readonly shape: readonly number[];
  readonly dtype: "float32" | "bool";
  /** Contiguous row-major; bool stored as 0/1. */
  readonly values: Float32Array;
}

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sci_mode: boolean | null;
}

export type PrintProfile = "default" | "short" | "full";

const PROFILES: Record<PrintProfile, Omit<PrintOptions, "sci_mode">> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

let options: PrintOptions = { ...PROFILES.default, sci_mode: null };

/** torch.set_printoptions. NOTE: like PyTorch, any call resets sci_mode unless it is passed again. */
export function set_printoptions(opts: Partial<PrintOptions> & { profile?: PrintProfile }): void {
  const next: PrintOptions = { ...options, ...(opts.profile === undefined ? {} : PROFILES[opts.profile]) };
  if (opts.precision !== undefined) next.precision = opts.precision;
  if (opts.threshold !== undefined) next.threshold = opts.threshold;
  if (opts.edgeitems !== undefined) next.edgeitems = opts.edgeitems;
  if (opts.linewidth !== undefined) next.linewidth = opts.linewidth;
  next.sci_mode = opts.sci_mode ?? null;
  options = next;
}

export function get_printoptions(): PrintOptions {
  return { ...options };
}

/** torch's _Formatter: how every element of one tensor is written, and the common width. */
interface Formatter {
  readonly mode: "bool" | Notation;
  readonly width: number;
}

type Notation = "int" | "fixed" | "sci";

/** One float as its notation writes it; int mode marks finite values as floats with a ".". */
function floatText(notation: Notation, v: number): string {
  if (notation === "sci") return formatExp(v, options.precision);
  if (notation === "int") return formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
  return formatFixed(v, options.precision);
}

function formatValue(f: Formatter, v: number): string {
  const text = f.mode === "bool" ? (v !== 0 ? "True" : "False") : floatText(f.mode, v);
  return text.padStart(f.width);
}

function floatFormatter(data: readonly number[]): Formatter {
  const shown = data.filter((v) => Number.isFinite(v) && v !== 0);
  // NOTE: PyTorch returns before applying sci_mode when nothing is finite and nonzero.
  if (shown.length === 0) return { mode: "int", width: 1 };
  const magnitudes = shown.map(Math.abs);
  const max = magnitudes.reduce((a, b) => Math.max(a, b));
  const min = magnitudes.reduce((a, b) => Math.min(a, b));
  const intMode = shown.every((v) => v === Math.ceil(v));
  const sci = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
  const measured: Notation = sci ? "sci" : intMode ? "int" : "fixed";
  // NOTE: the width comes from the chosen notation even when sci_mode overrides it.
  const width = shown.reduce((w, v) => Math.max(w, floatText(measured, v).length), 1);
  const mode = (options.sci_mode ?? sci) ? "sci" : intMode ? "int" : "fixed";
  return { mode, width };
}

function makeFormatter(dtype: Printable["dtype"], data: readonly number[]): Formatter {
  if (dtype === "float32") return floatFormatter(data);
  return { mode: "bool", width: data.some((v) => v === 0) ? "False".length : "True".length };
}

/** Walks the elements that get printed: all of them, or the edge items of each dim when summarizing. */
class Layout {
  private readonly strides: number[];

  constructor(
    readonly t: Printable,
    readonly summarize: boolean,
  ) {
    this.strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  }

  /** Indices shown along dim d; null marks the "..." of a summarized dim. */
  shown(d: number): (number | null)[] {
    const size = this.t.shape[d];
    const edge = options.edgeitems;
    const all = Array.from({ length: size }, (_, i) => i);
    if (!this.summarize || size <= 2 * edge) return all;
    // NOTE: slice(-edge) like PyTorch's self[-edgeitems:], which is the whole dim when edgeitems is 0.
    return [...all.slice(0, edge), null, ...all.slice(-edge)];
  }

  /** The printed values (PyTorch's get_summarized_data). */
  values(): number[] {
    return this.summarize ? this.edgeValues(0, 0) : Array.from(this.t.values);
  }

  private edgeValues(d: number, offset: number): number[] {
    if (d === this.t.shape.length) return [this.t.values[offset]];
    return this.shown(d).flatMap((i) => (i === null ? [] : this.edgeValues(d + 1, offset + i * this.strides[d])));
  }

  /** PyTorch's _tensor_str_with_formatter for the sub-tensor at dim d. */
  render(f: Formatter, indent: number, d = 0, offset = 0): string {
    const rank = this.t.shape.length;
    if (rank === 0) return formatValue(f, this.t.values[0]);
    const at = (i: number): number => offset + i * this.strides[d];
    if (d === rank - 1) {
      const items = this.shown(d).map((i) => (i === null ? " ..." : formatValue(f, this.t.values[at(i)])));
      return vectorStr(items, f, indent);
    }
    const slices = this.shown(d).map((i) => (i === null ? "..." : this.render(f, indent + 1, d + 1, at(i))));
    return "[" + slices.join("," + "\n".repeat(rank - d - 1) + " ".repeat(indent + 1)) + "]";
  }
}

/** PyTorch's _vector_str: a row, wrapped to linewidth. */
function vectorStr(items: readonly string[], f: Formatter, indent: number): string {
  const perLine = Math.max(1, Math.floor((options.linewidth - indent) / (f.width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

/** PyTorch's _add_suffixes: ", suffix", or a new line when the last line would pass linewidth. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  const parts = [text];
  // NOTE: PyTorch counts the last line 2 characters longer than it is; that decides where suffixes wrap.
  let lastLineLength = text.length - text.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > options.linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLength += suffix.length + 2;
    }
  }
  return parts.join("") + ")";
}

/** repr(tensor); suffixes such as "grad_fn=<AddBackward0>" or "requires_grad=True" go before ")". */
export function formatTensor(t: Printable, suffixes: readonly string[] = []): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const numel = t.shape.reduce((a, b) => a * b, 1);
  if (numel === 0) {
    // Empty tensors show their shape unless it is (0,), and any dtype but the default float32.
    const own = t.shape.length === 1 ? [] : [`size=(${t.shape.join(", ")})`];
    if (t.dtype === "bool") own.push("dtype=torch.bool");
    return addSuffixes(prefix + "[]", [...own, ...suffixes], indent);
  }
  const layout = new Layout(t, numel > options.threshold);
  const formatter = makeFormatter(t.dtype, layout.values());
  return addSuffixes(prefix + layout.render(formatter, indent), suffixes, indent);
}

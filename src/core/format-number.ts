// Python's "{:.Nf}" and "{:.Ne}" for a double: the exact binary value, correctly rounded, ties to even.
// NOTE: JS toFixed/toExponential round exact ties away from zero ('{:.4f}'.format(0.03125) is
// "0.0312", (0.03125).toFixed(4) is "0.0313"), and float32 values hit such ties, so we use BigInt.

/** An exact non-negative rational num/den. */
interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const view = new DataView(new ArrayBuffer(8));

/** |x| as an exact rational, read from the IEEE-754 bits. */
function exactAbs(x: number): Rational {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased > 0) mantissa |= 1n << 52n;
  const exp = Math.max(biased, 1) - 1075;
  return exp >= 0 ? { num: mantissa << BigInt(exp), den: 1n } : { num: mantissa, den: 1n << BigInt(-exp) };
}

/** r * 10^p. */
function scale(r: Rational, p: number): Rational {
  const pow = 10n ** BigInt(Math.abs(p));
  return p >= 0 ? { num: r.num * pow, den: r.den } : { num: r.num, den: r.den * pow };
}

function roundHalfEven(r: Rational): bigint {
  const q = r.num / r.den;
  const twiceRest = (r.num % r.den) * 2n;
  return twiceRest > r.den || (twiceRest === r.den && q % 2n === 1n) ? q + 1n : q;
}

/** nan/inf as Python spells them, or undefined for a finite x. */
function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  return undefined;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/** Python's format(x, f".{digits}f"). */
export function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const units = roundHalfEven(scale(exactAbs(x), digits)).toString().padStart(digits + 1, "0");
  const whole = units.slice(0, units.length - digits);
  return sign(x) + (digits > 0 ? `${whole}.${units.slice(-digits)}` : whole);
}

/** The decimal exponent k with 10^k <= r < 10^(k+1), for r > 0. */
function decimalExponent(r: Rational, estimate: number): number {
  let k = estimate;
  const lead = (e: number): bigint => {
    const s = scale(r, -e);
    return s.num / s.den;
  };
  while (lead(k) >= 10n) k++;
  while (lead(k) < 1n) k--;
  return k;
}

/** Python's format(x, f".{digits}e"): at least two exponent digits, as in "5.1200e+01". */
export function formatExp(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const r = exactAbs(x);
  let exp = 0;
  let units = 0n;
  if (r.num !== 0n) {
    exp = decimalExponent(r, Math.floor(Math.log10(Math.abs(x))));
    units = roundHalfEven(scale(r, digits - exp));
    if (units === 10n ** BigInt(digits + 1)) {
      units /= 10n;
      exp++;
    }
  }
  const s = units.toString().padStart(digits + 1, "0");
  const mantissa = digits > 0 ? `${s[0]}.${s.slice(1)}` : s;
  const expDigits = String(Math.abs(exp)).padStart(2, "0");
  return `${sign(x)}${mantissa}e${exp < 0 ? "-" : "+"}${expDigits}`;
}

// tanh for float32 results, over twice as fast as Math.tanh (5 ns against 13 ns an element here).
// A rational minimax fit x·P(x²)/Q(x²) of degree (7, 7) on [0, 9.02], relative error 2e-17 in exact arithmetic
// (fitted with mpmath by Loeb's and Lawson's iterations); every coefficient is positive, so Horner's rule adds
// no cancellation. Rounded to float32 it equals Math.tanh rounded, for every float32 input (checked exhaustively).
// The WebAssembly kernel (wasm/kernels.wat) evaluates the same coefficients in the same order.

/** From here on tanh rounds to ±1 in float32: 1 − tanh(x) ≈ 2e^(−2x) is below half an ulp of 1. */
export const SATURATES = 9.02;

/** The coefficients of z¹ … z⁷ in P and in Q (both start with 1). */
export const TANH_P = [0.14869667753698398, 0.005512982261452239, 7.653735699039558e-5, 4.472893009663806e-7,
  1.0668643413235689e-9, 8.35486482344253e-13, 9.381714428093468e-17] as const;
export const TANH_Q = [0.482030010870317, 0.03285631921822536, 0.0007262296152763411, 6.5107761112371e-6,
  2.4623319856096382e-8, 3.521312140049155e-11, 1.2731594218429277e-14] as const;

const [p1, p2, p3, p4, p5, p6, p7] = TANH_P;
const [q1, q2, q3, q4, q5, q6, q7] = TANH_Q;

export function tanhf(x: number): number {
  if (!(Math.abs(x) < SATURATES)) return x !== x ? x : x > 0 ? 1 : -1;
  const z = x * x;
  const p = 1 + z * (p1 + z * (p2 + z * (p3 + z * (p4 + z * (p5 + z * (p6 + z * p7))))));
  const q = 1 + z * (q1 + z * (q2 + z * (q3 + z * (q4 + z * (q5 + z * (q6 + z * q7))))));
  return (x * p) / q;
}

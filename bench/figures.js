// The rows of `npm run bench`: what each figure measures, its parameters, its anchors and its target.
// To add a figure: a line here, and the workload under the same name in each runner it names
// (bench/core.js always; bench/tfjs.js for "tfjs", bench/torch_bench.py for "torch").

/** @typedef {{ anchor: string, speedup: number, source: string }} Target  met when anchor time ÷ ours ≥ speedup */
/** @typedef {{ name: string, title: string, params: object, anchors: string[], target?: Target }} Figure */

/** @type {Figure[]} */
export const FIGURES = [
  {
    name: "scalar_graph",
    title: "(x−1)(y−2)²(z−3)³/√(x+y+z) fwd+bwd, 1-element",
    params: { x: 4, y: 5, z: 6 },
    anchors: ["torch", "tfjs"],
    target: { anchor: "torch", speedup: 20, source: "issue 2" },
  },
  {
    name: "matmul",
    title: "256×256 matmul, sum, fwd+bwd to both",
    params: { n: 256, seed: 0 },
    anchors: ["tfjs", "torch"],
    target: { anchor: "tfjs", speedup: 1, source: "issue 2" },
  },
  {
    name: "perceptron",
    title: "perceptron w·x + b fwd+bwd, 5 elements",
    params: { n: 5, seed: 0 },
    anchors: ["torch"],
  },
  {
    name: "mlp_step",
    title: "MLP 2→16→16→1 tanh, MSE, SGD step, batch 64",
    params: { sizes: [2, 16, 16, 1], batch: 64, lr: 0.01, seed: 0 },
    anchors: ["torch"],
  },
];

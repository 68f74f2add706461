// The rows of `npm run bench`: what each figure measures, its parameters, its anchors and its target.
// To add a figure: a line here, and the workload under the same name in each runner it names
// (bench/core.js always; bench/tfjs.js for "tfjs", bench/torch_bench.py for "torch").

/** @typedef {{ anchor: string, speedup: number, source: string }} Target  met when anchor time ÷ ours ≥ speedup */
/** @typedef {{ name: string, title: string, params: object, anchors: string[], targets: Target[] }} Figure */

/** Issue 7's figures for tutorial-scale graphs: at least 20× PyTorch eager, with TF.js alongside. */
const TUTORIAL_SCALE = { anchors: ["torch", "tfjs"], targets: [{ anchor: "torch", speedup: 20, source: "issue 7" }] };

/** @type {Figure[]} */
export const FIGURES = [
  {
    name: "scalar_graph",
    title: "(x−1)(y−2)²(z−3)³/√(x+y+z) fwd+bwd, 1-element",
    params: { x: 4, y: 5, z: 6 },
    ...TUTORIAL_SCALE,
  },
  {
    name: "chain_rule",
    title: "notebook c = a+b, d = b+1, e = c·d fwd+bwd, 1-element",
    params: { a: 2, b: 1 },
    ...TUTORIAL_SCALE,
  },
  {
    name: "mean_square",
    title: "notebook 3(x+2)², mean, fwd+bwd, 2×2",
    params: { n: 2 },
    ...TUTORIAL_SCALE,
  },
  {
    name: "doubling",
    title: "notebook y = 2ᵏx while ‖y‖ < 1000, backward(v), 3 elements",
    params: { n: 3, seed: 0, gradient: [0.1, 1.0, 0.0001] },
    ...TUTORIAL_SCALE,
  },
  {
    name: "matmul",
    title: "256×256 matmul, sum, fwd+bwd to both",
    params: { n: 256, seed: 0 },
    anchors: ["tfjs", "torch"],
    // at least 10× TF.js, and within 5× of PyTorch with OpenBLAS
    targets: [
      { anchor: "tfjs", speedup: 10, source: "issue 7" },
      { anchor: "torch", speedup: 0.2, source: "issue 7" },
    ],
  },
  {
    name: "perceptron",
    title: "perceptron w·x + b fwd+bwd, 5 elements",
    params: { n: 5, seed: 0 },
    ...TUTORIAL_SCALE,
  },
  {
    name: "mlp_step",
    title: "MLP 2→16→16→1 tanh, MSE, SGD step, batch 64",
    params: { sizes: [2, 16, 16, 1], batch: 64, lr: 0.01, seed: 0 },
    anchors: ["torch"],
    targets: [{ anchor: "torch", speedup: 3, source: "issue 7" }],
  },
];

// The TensorFlow.js anchor: the figures' workloads on tfjs-core's CPU backend, with tf.grads.
import { fileURLToPath } from "node:url";
import { torch } from "autograd-ex";

/**
 * NOTE: tfjs-core's Node bundle ships no gradient definitions (the full @tensorflow/tfjs package registers
 * them). esbuild bundles tfjs-core's own register_all_gradients.js, so the anchor runs TF.js's gradient code
 * unchanged; the copy registers into the engine and registry that tfjs-core keeps on globalThis.
 */
async function registerGradients() {
  const { build } = await import("esbuild");
  const { outputFiles } = await build({
    stdin: {
      contents: 'import "@tensorflow/tfjs-core/dist/register_all_gradients.js";',
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);
}

/** The same float32 inputs autograd-ex's and PyTorch's generators make, as nested lists. */
function randnLists(seed, ...shapes) {
  torch.manual_seed(seed);
  return shapes.map((shape) => torch.randn(shape).tolist());
}

function workloadsFor(tf) {
  /** A workload from `gradients`, a function returning the gradients of one forward+backward. */
  const workload = (gradients) => ({
    step: () => tf.tidy(() => void gradients()),
    check() {
      const total = tf.tidy(() => tf.addN(gradients().map((g) => tf.sum(tf.square(g)))));
      const value = total.dataSync()[0];
      total.dispose();
      return value;
    },
  });
  return {
    scalar_graph({ x, y, z }) {
      const inputs = [x, y, z].map((v) => tf.tensor1d([v]));
      const f = (x, y, z) =>
        tf.div(
          tf.mul(tf.mul(tf.sub(x, 1), tf.pow(tf.sub(y, 2), 2)), tf.pow(tf.sub(z, 3), 3)),
          tf.sqrt(tf.add(tf.add(x, y), z)),
        );
      const grads = tf.grads(f);
      return workload(() => grads(inputs));
    },
    chain_rule({ a, b }) {
      const inputs = [a, b].map((v) => tf.tensor1d([v]));
      const grads = tf.grads((a, b) => tf.mul(tf.add(a, b), tf.add(b, 1)));
      return workload(() => grads(inputs));
    },
    mean_square({ n }) {
      const inputs = [tf.ones([n, n])];
      const grads = tf.grads((x) => {
        const y = tf.add(x, 2);
        return tf.mean(tf.mul(tf.mul(y, y), 3));
      });
      return workload(() => grads(inputs));
    },
    doubling({ n, seed, gradient }) {
      const inputs = randnLists(seed, [n]).map((values) => tf.tensor1d(values));
      const v = tf.tensor1d(gradient);
      const grads = tf.grads((x) => {
        let y = tf.mul(x, 2);
        while (tf.norm(y).dataSync()[0] < 1000) y = tf.mul(y, 2);
        return y;
      });
      return workload(() => grads(inputs, v));
    },
    perceptron({ n, seed }) {
      const [w, x, b] = randnLists(seed, [n], [n], [1]).map((values) => tf.tensor1d(values));
      const grads = tf.grads((w, b) => tf.add(tf.dot(w, x), b));
      return workload(() => grads([w, b]));
    },
    matmul({ n, seed }) {
      const inputs = randnLists(seed, [n, n], [n, n]).map((values) => tf.tensor2d(values));
      const grads = tf.grads((a, b) => tf.sum(tf.matMul(a, b)));
      return workload(() => grads(inputs));
    },
  };
}

/** The runner, or `{ unavailable }` saying why TF.js cannot run here. */
export async function loadTfjs() {
  let tf;
  try {
    tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    await registerGradients();
  } catch (error) {
    return { unavailable: `cannot load @tensorflow/tfjs-core and tfjs-backend-cpu (${error.code ?? error.message})` };
  }
  await tf.setBackend("cpu");
  await tf.ready();
  tf.enableProdMode();
  return {
    info: `TF.js ${tf.version_core}, cpu backend, prod mode, gradients via tf.grads`,
    workloads: workloadsFor(tf),
  };
}

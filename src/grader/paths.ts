// Where the package's own files live, from src/ (tests) or dist/ (installed): both sit two levels below the root.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export const paths = {
  root,
  packageJson: join(root, "package.json"),
  exercises: join(root, "exercises"),
  checks: join(root, "checks"),
  /** The child runs the built harness, bundled into one file by scripts/build-bundles.js. */
  harness: join(root, "dist", "grader", "harness.bundle.cjs"),
  /** The keeper of standbys (src/grader/keeper.ts), bundled likewise. */
  keeper: join(root, "dist", "bin", "keeper.cjs"),
};

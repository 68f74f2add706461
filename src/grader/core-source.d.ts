// The core as one script, put into the harness's bundle by scripts/build-bundles.js: each realm runs its own copy.
declare module "autograd-ex:core-source" {
  /** An expression statement script whose completion value is the core's exports. */
  const source: string;
  export default source;
}

// zod, loaded on first use: it takes about a tenth of a second to load, which `check` pays only when there is a
// configuration to read or randomized checks to make.
import { createRequire } from "node:module";
import type { z } from "zod";

type Zod = typeof z;
let zod: Zod | undefined;

/** `make(z)`'s value, made on the first call: for schemas, which need zod loaded. */
export function lazily<T>(make: (z: Zod) => T): () => T {
  let value: T | undefined;
  return () => (value ??= make((zod ??= (createRequire(import.meta.url)("zod") as { z: Zod }).z)));
}

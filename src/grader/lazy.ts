// Libraries loaded on first use rather than at start-up, each where it is needed: `check` must reach its child
// before it pays for esbuild (~0.1 s to import), zod (~0.1 s), node:crypto (~7 ms) or mathjs (~0.1 s).
// NOTE: required, not imported: Node reads a CommonJS module's exports for `import` by scanning its source,
// which for esbuild took longer than esbuild's own start.
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";
import type { z } from "zod";

/** `make()`'s value, made on the first call and kept. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** `id`, required on the first call and kept. */
export const lazyRequire = <T>(id: string): (() => T) => once(() => createRequire(import.meta.url)(id) as T);

export const esbuild = lazyRequire<typeof import("esbuild")>("esbuild");
export const crypto = lazyRequire<typeof Crypto>("node:crypto");
const zod = lazyRequire<{ z: typeof z }>("zod");

export const sha256 = (data: string | Buffer): Buffer => crypto().createHash("sha256").update(data).digest();

/** `make(z)`'s value, made on the first call: for schemas, which need zod loaded. */
export const lazily = <T>(make: (zod: typeof z) => T): (() => T) => once(() => make(zod().z));

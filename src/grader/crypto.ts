// node:crypto, loaded on first use: `check` needs it only after its child has the job, and loading it sooner
// would delay that (~7 ms here).
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let loaded: typeof Crypto | undefined;

export const crypto = (): typeof Crypto => (loaded ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto);

export const sha256 = (data: string | Buffer): Buffer => crypto().createHash("sha256").update(data).digest();

/**
 * SHA-256 in the worker: `node:crypto` (workerd with `nodejs_compat`, wrangler.toml) is native and
 * synchronous — the shared hashes (shared/sheet-hash.ts) of a year-old workbook in a few ms, where the
 * pure-JS primitive of shared/sha256.ts takes tens. Same digest of the same text
 * (tests/worker/ingest-delta.test.ts).
 * https://developers.cloudflare.com/workers/runtime-apis/nodejs/crypto/
 */
import { createHash } from "node:crypto";
import type { Digest } from "../../../shared/sheet-hash";

export const sha256: Digest = (text) => createHash("sha256").update(text).digest("hex");

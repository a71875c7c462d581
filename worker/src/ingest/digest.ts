/**
 * SHA-256 in the worker: `node:crypto` (workerd with `nodejs_compat`, wrangler.toml) is native and
 * synchronous — the shared hashes (shared/sheet-hash.ts) of a year-old workbook in a few ms, where the
 * pure-JS primitive of shared/sha256.ts takes tens. Same digest of the same text
 * (tests/worker/ingest-delta.test.ts).
 * https://developers.cloudflare.com/workers/runtime-apis/nodejs/crypto/
 *
 * Many texts (the chunks of log sheets: ./chunks.ts) are hashed at once with WebCrypto instead
 * (`digestAll`): in workerd a `createHash` call costs ~20 µs whatever the text, `crypto.subtle.digest`
 * ~7 µs (measured: 15,600 row texts, 315 ms against 118 ms).
 * https://developers.cloudflare.com/workers/runtime-apis/web-crypto/
 */
import { createHash } from "node:crypto";
import type { Digest } from "../../../shared/sheet-hash";

export const sha256: Digest = (text) => createHash("sha256").update(text).digest("hex");

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex = (buf: ArrayBuffer) => {
  let out = "";
  for (const b of new Uint8Array(buf)) out += HEX[b];
  return out;
};

/** The SHA-256 of each text (hex), in order, computed together with WebCrypto. */
export async function digestAll(texts: readonly string[]): Promise<string[]> {
  const enc = new TextEncoder();
  const hashes = await Promise.all(texts.map((t) => crypto.subtle.digest("SHA-256", enc.encode(t))));
  return hashes.map(hex);
}

/**
 * SHA-256 in the worker: `node:crypto` (workerd with `nodejs_compat`, wrangler.toml) is native and
 * synchronous — the shared hashes (shared/sheet-hash.ts) of a year-old workbook in a few ms, where the
 * pure-JS primitive of shared/sha256.ts takes tens. Same digest of the same text
 * (tests/worker/ingest-delta.test.ts).
 * https://developers.cloudflare.com/workers/runtime-apis/nodejs/crypto/
 *
 * Many short texts (a log sheet's rows) are hashed at once with WebCrypto instead (`digestsOf`): in
 * workerd a `createHash` call costs ~20 µs whatever the text, `crypto.subtle.digest` ~7 µs
 * (measured: 15,600 row texts, 315 ms against 118 ms), and a year-old weekly sheet has 1,560 rows.
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

/**
 * The SHA-256 of each text, computed together; as a `Digest` that answers from them, and hashes any
 * other text with `sha256` (the same digest: UTF-8 both ways, a lone surrogate as U+FFFD).
 */
export async function digestsOf(texts: Iterable<string>): Promise<Digest> {
  const list = [...new Set(texts)];
  const enc = new TextEncoder();
  const hashes = await Promise.all(list.map((t) => crypto.subtle.digest("SHA-256", enc.encode(t))));
  const known = new Map(list.map((t, i) => [t, hex(hashes[i]!)]));
  return (text) => known.get(text) ?? sha256(text);
}

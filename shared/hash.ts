/**
 * Content hash of a submission: SHA-256 (noble, pure JS, so the add-on and the worker compute
 * the same bytes) over a canonical JSON text — object keys sorted, `undefined` dropped.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** JSON with object keys in sorted order at every depth; same value → same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * Content hash of a submission: SHA-256 (./sha256.ts) of the UTF-8 bytes of a canonical JSON text —
 * object keys sorted, `undefined` dropped — so the add-on and the worker compute the same hash of
 * the same sheets. This is the one definition; the add-on's build only swaps the SHA-256 primitive.
 */
import { sha256Hex } from "./sha256";

export { sha256Hex };

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

export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

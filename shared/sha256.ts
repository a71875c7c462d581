/**
 * SHA-256 of a text's UTF-8 bytes, as lowercase hex: @noble/hashes, pure JS and synchronous, for the
 * worker, Node and the tests. The add-on's build puts addon/src/gas/sha256.ts (Apps Script's own
 * `Utilities.computeDigest`) in this module's place (scripts/build-addon.mjs): Apps Script has no
 * TextEncoder for noble's UTF-8 step, and needs no SHA-256 in JavaScript. Both give the same digest
 * of the same text (tests/addon/bundle.test.ts).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * SHA-256 of a text's UTF-8 bytes, as lowercase hex, by Apps Script itself:
 * https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)
 * The add-on's build uses this module in place of shared/sha256.ts (scripts/build-addon.mjs), so
 * shared/hash.ts computes the content hash with it. Apps Script gives signed bytes (-128…127).
 */
import { bytesToHex } from "@noble/hashes/utils.js";

export function sha256Hex(text: string): string {
  const signed = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  return bytesToHex(Uint8Array.from(signed, (b) => b & 0xff));
}

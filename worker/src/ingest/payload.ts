/**
 * Before 0033 (payloads in R2: worker/src/db/payloads.ts) the raw payload of a submission was kept in
 * D1, in parts small enough for a D1 row
 * (2 MB at most: https://developers.cloudflare.com/d1/platform/limits/). A part of 500,000 UTF-16
 * units is at most 1.5 MB of UTF-8, leaving room for the receipt in the same row.
 */
export const PAYLOAD_PART_UNITS = 500_000;

/** Split text into parts of at most `size` units, never inside a surrogate pair. */
export function splitPayload(text: string, size = PAYLOAD_PART_UNITS): string[] {
  const parts: string[] = [];
  let i = 0;
  do {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(i, end));
    i = end;
  } while (i < text.length);
  return parts;
}

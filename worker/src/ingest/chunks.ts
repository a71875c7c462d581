/**
 * A log sheet in chunks: its rows grouped by the first column of their natural key as received (a week
 * for the weekly reports, a month for a date, a period, a report code), each chunk's text the rows' texts
 * (shared/sheet-hash.ts `rowText`) in sheet order, one a line — so a year-old weekly sheet is 52 chunks and
 * a submission that changed one week has one chunk whose hash differs from the stored one (./delta.ts).
 * The grouping is a function of a row's text, so a chunk whose hash is the stored one holds exactly the
 * rows stored, in the same order: nothing in it is parsed again. What is stored per chunk
 * (`sheet_states.row_hashes`, 0026): its hash and its rows' natural keys in sheet order.
 */
import { SHEETS, type SheetKey } from "../../../shared/templates";
import { digestAll } from "./digest";

/** A chunk as stored: the SHA-256 of its text (128 bits, hex) and its rows' natural keys (./tables.ts naturalKeyOf). */
export interface ChunkState {
  hash: string;
  keys: string[];
}
export type Chunks = Map<string, ChunkState>;

/** A chunk as sent: its rows' indices in the sheet, and its hash. */
export interface SentChunk {
  rows: number[];
  hash: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** The chunk of a row as received: its first key column's text (a date: its month); '' when not text. */
export function chunkOf(sheet: SheetKey, raw: unknown): string {
  const v = (raw as Record<string, unknown> | null)?.[SHEETS[sheet].naturalKey[0]!];
  if (typeof v !== "string") return "";
  return DATE.test(v) ? v.slice(0, 7) : v;
}

/**
 * The chunks of some log sheets as sent (`texts`: each row's text, as the envelope's head made them),
 * their hashes computed together (WebCrypto, ./digest.ts).
 */
export async function sentChunks(
  sheets: readonly SheetKey[],
  rows: Record<string, unknown>,
  texts: Record<string, string[]>,
): Promise<Partial<Record<SheetKey, Map<string, SentChunk>>>> {
  const groups = sheets.map((s) => {
    const byChunk = new Map<string, number[]>();
    (rows[s] as unknown[]).forEach((r, i) => {
      const id = chunkOf(s, r);
      const list = byChunk.get(id);
      if (list) list.push(i);
      else byChunk.set(id, [i]);
    });
    return byChunk;
  });
  const all = groups.flatMap((g, j) => [...g.values()].map((idx) => idx.map((i) => texts[sheets[j]!]![i]).join("\n")));
  const hashes = await digestAll(all);
  let n = 0;
  return Object.fromEntries(
    groups.map((g, j) => [sheets[j], new Map([...g].map(([id, idx]) => [id, { rows: idx, hash: hashes[n++]!.slice(0, 32) }]))]),
  );
}

/** A log sheet's chunks as `sheet_states.row_hashes` holds them: `{"c": [[chunk, hash, [key, …]], …]}`. */
export const encodeChunks = (chunks: Chunks): string => JSON.stringify({ c: [...chunks].map(([id, s]) => [id, s.hash, s.keys]) });

/**
 * The stored chunks; null for anything else — the row-by-row form stored before chunks (a map of row
 * hashes, whose keys are 32 hex digits, never "c"): such a sheet is checked whole once, which stores chunks.
 */
export function decodeChunks(text: string): Chunks | null {
  const j = JSON.parse(text) as { c?: unknown } | null;
  if (!j || !Array.isArray(j.c)) return null;
  return new Map((j.c as [string, string, string[]][]).map(([id, hash, keys]) => [id, { hash, keys }]));
}

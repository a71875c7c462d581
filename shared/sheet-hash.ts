/**
 * Content hashes per sheet, so the worker can skip a sheet it already holds and diff a changed log
 * sheet row by row (worker/src/ingest/delta.ts). One definition for the add-on, the district tool and
 * the worker; only the SHA-256 primitive differs (`Digest`: ./sha256.ts here, Apps Script's
 * `Utilities.computeDigest` in the add-on's build, `node:crypto` in the worker).
 *
 * A row's text is its values in the sheet's column order (shared/templates.ts), `_row` (where the row
 * sat) left out: cheap to make (no key sorting) and the same for the same row wherever it moved. A template that gains a column changes every row's text,
 * so the next submission is diffed in full, as it must be.
 */
import { canonicalJson } from "./hash";
import { sha256Hex } from "./sha256";
import { SHEETS, type SheetKey } from "./templates";

/** SHA-256 of a text's UTF-8 bytes, lowercase hex. */
export type Digest = (text: string) => string;

const COLUMNS = new Map<string, string[]>(Object.entries(SHEETS).map(([k, s]) => [k, Object.keys(s.columns)]));
const KNOWN = new Map<string, Set<string>>([...COLUMNS].map(([k, cols]) => [k, new Set(cols)]));
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isObject = (v: unknown) => v !== null && typeof v === "object";

/** One cell as text: blank (`undefined`) is empty, an object its canonical JSON, anything else its JSON. */
const cell = (v: unknown) => (v === undefined ? "" : isObject(v) ? canonicalJson(v) : JSON.stringify(v));

/**
 * The text of one row of `sheet` (any value: what is not a row gets a text no row can have). A row of
 * the sheet's columns holding plain values (every row a clerk can send) is `JSON.stringify` with the
 * column list as replacer — one native call, keys in column order; anything else is spelled out cell by
 * cell, other keys after (a text starting with "[" or "!", so never equal to the first kind's "{").
 */
export function rowText(sheet: string, row: unknown): string {
  if (!isPlainObject(row)) return `!${canonicalJson(row) ?? "undefined"}`;
  const cols = COLUMNS.get(sheet) ?? [];
  const known = KNOWN.get(sheet);
  let plain = true;
  for (const k in row) {
    if (k === "_row") continue;
    const v = row[k];
    if (!known?.has(k)) plain &&= v === undefined;
    else if (isObject(v) && (!Array.isArray(v) || v.some(isObject))) plain = false;
  }
  if (plain) return JSON.stringify(row, cols);
  let out = "[";
  for (let i = 0; i < cols.length; i++) out += (i ? "," : "") + cell(row[cols[i]!]);
  out += "]";
  const extra = Object.keys(row).filter((k) => k !== "_row" && row[k] !== undefined && !known?.has(k));
  if (extra.length) out += `+${canonicalJson(Object.fromEntries(extra.sort().map((k) => [k, row[k]])))}`;
  return out;
}

/** Per sheet, each column's `"name":` as JSON.stringify spells it, in column order. */
const KEY_TEXTS = new Map<string, string[]>([...COLUMNS].map(([k, cols]) => [k, cols.map((c) => `${JSON.stringify(c)}:`)]));

/**
 * The rows' texts of every sheet when each sheet is a list of rows of its columns holding plain values
 * (a cell a primitive or a list of primitives) — every envelope a clerk can send; else null, and the
 * envelope is refused by its schema before anything is hashed (nothing here recurses into what was sent).
 * Each text is what `rowText` gives (`JSON.stringify(row, columns)`), built here cell by cell: the
 * replacer-list form costs twice as much on a year-old workbook (the worker makes these texts for every
 * row of every submission; tests/shared/sheet-hash.test.ts checks the two agree).
 */
export function plainRowTexts(sheets: Record<string, unknown>): Record<string, string[]> | null {
  const out: Record<string, string[]> = {};
  for (const [sheet, rows] of Object.entries(sheets)) {
    const known = KNOWN.get(sheet);
    if (!known || !Array.isArray(rows)) return null;
    const cols = COLUMNS.get(sheet)!;
    const keys = KEY_TEXTS.get(sheet)!;
    const texts: string[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!isPlainObject(row)) return null;
      for (const k in row) {
        const v = row[k];
        if (k === "_row" ? isObject(v) : known.has(k) ? isObject(v) && (!Array.isArray(v) || v.some(isObject)) : v !== undefined)
          return null;
      }
      let text = "{";
      for (let j = 0; j < cols.length; j++) {
        const v = row[cols[j]!];
        // JSON.stringify of a number is its String (non-finite: null); of the rest, the native call
        // (undefined for what it leaves out: undefined, a function).
        const json = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "null") : JSON.stringify(v);
        if (json === undefined) continue;
        text += (text.length > 1 ? "," : "") + keys[j] + json;
      }
      texts[i] = `${text}}`;
    }
    out[sheet] = texts;
  }
  return out;
}

/** Each row's text of each sheet an envelope carries (null: the sheet is not a list of rows). */
export function sheetRowTexts(sheets: Record<string, unknown>): Record<string, string[] | null> {
  return Object.fromEntries(
    Object.keys(sheets)
      .filter((k) => sheets[k] !== undefined)
      .map((k) => {
        const rows = sheets[k];
        return [k, Array.isArray(rows) ? rows.map((r) => rowText(k, r)) : null];
      }),
  );
}

/** The text of a sheet: its rows' texts, one a line (JSON never holds a raw line break). */
export function sheetText(sheet: string, rows: unknown): string {
  return Array.isArray(rows) ? rows.map((r) => rowText(sheet, r)).join("\n") : `!${canonicalJson(rows) ?? "undefined"}`;
}

export interface EnvelopeHashes {
  /** Per sheet the envelope carries: the SHA-256 of its text. */
  sheet_hashes: Record<string, string>;
  /** The SHA-256 of the canonical JSON of `sheet_hashes`: the submission's content. */
  content_hash: string;
}

/** The hashes of an envelope's `sheets` (any value; a sheet key outside the templates is hashed too). */
export function envelopeHashes(sheets: unknown, digest: Digest = sha256Hex): EnvelopeHashes {
  if (!isPlainObject(sheets)) return { sheet_hashes: {}, content_hash: digest(`!${canonicalJson(sheets) ?? "undefined"}`) };
  return hashesOfTexts(sheets, sheetRowTexts(sheets), digest);
}

/** The same from rows' texts already made (the worker keeps them to diff rows: worker/src/ingest/delta.ts). */
export function hashesOfTexts(
  sheets: Record<string, unknown>,
  texts: Record<string, string[] | null>,
  digest: Digest = sha256Hex,
): EnvelopeHashes {
  const sheet_hashes = Object.fromEntries(
    Object.keys(texts)
      .sort()
      .map((k) => [k, digest(texts[k] ? texts[k].join("\n") : `!${canonicalJson(sheets[k]) ?? "undefined"}`)]),
  );
  return { sheet_hashes, content_hash: digest(canonicalJson(sheet_hashes)) };
}

/** Short row hashes (128 bits of the SHA-256 of the row's text), as stored per commune and sheet. */
export const rowHash = (sheet: SheetKey, row: unknown, digest: Digest = sha256Hex): string => textHash(rowText(sheet, row), digest);
export const textHash = (text: string, digest: Digest = sha256Hex): string => digest(text).slice(0, 32);

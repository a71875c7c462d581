/**
 * Values of a sheet (header row first) ↔ row objects keyed by column key. The values come from
 * Apps Script's getValues (the add-on) or from the Sheets API's values.batchGet (tools/district):
 * both callers read rows with this module. Columns are found by their header text (compared
 * folded: case, diacritics and spacing ignored), so a clerk may reorder columns or add own ones;
 * columns the template does not know are ignored. Pure: no Apps Script, no Node here.
 */
import type { ColumnSpec } from "./cells";
import { columnsOf, type SheetKey } from "./templates";
import { fold } from "./text";

/** Folded text of a cell for comparisons: no case, no diacritics, single spaces. */
export function norm(v: unknown): string {
  if (v === null || v === undefined) return "";
  return fold(String(v)).replace(/\s+/g, " ").trim();
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export interface HeaderMap {
  /** Column key → 0-based column index in the sheet. */
  colOf: Record<string, number>;
  /** Spec columns not found in the header row. */
  missing: ColumnSpec[];
  /** Number of columns in the header row as read (including unknown ones). */
  width: number;
}

/** Find each spec column in a header row. The first matching cell wins. */
export function mapHeaders(headerRow: readonly unknown[], key: SheetKey): HeaderMap {
  const byHeader = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const n = norm(h);
    if (n && !byHeader.has(n)) byHeader.set(n, i);
  });
  const colOf: Record<string, number> = {};
  const missing: ColumnSpec[] = [];
  for (const col of columnsOf(key)) {
    const i = byHeader.get(norm(col.header));
    if (i === undefined) missing.push(col);
    else colOf[col.key] = i;
  }
  return { colOf, missing, width: headerRow.length };
}

/** A row as read from a sheet: raw cells by column key, plus `_row`, the sheet row number. */
export type RawRow = Record<string, unknown> & { _row: number };

/** True for a Date from any realm (Apps Script's getValues returns Dates for date cells). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

export interface ReadOptions {
  /** Turns a date cell into 'yyyy-MM-dd' in the spreadsheet's time zone. */
  dateToIso: (d: Date) => string;
}

/**
 * Rows of a sheet's values (values[0] is the header row, sheet row 1) as objects. Blank rows are
 * left out; `_row` is the sheet row number, so issues point at the right line.
 */
export function rowsToObjects(values: readonly (readonly unknown[])[], map: HeaderMap, opts: ReadOptions): RawRow[] {
  const out: RawRow[] = [];
  const keys = Object.keys(map.colOf);
  for (let i = 1; i < values.length; i++) {
    const cells = values[i]!;
    const row = { _row: i + 1 } as RawRow;
    let blank = true;
    for (const k of keys) {
      let v = cells[map.colOf[k]!];
      if (isDate(v)) v = Number.isNaN(v.getTime()) ? "" : opts.dateToIso(v);
      if (!isBlank(v)) blank = false;
      row[k] = v === null || v === undefined ? "" : v;
    }
    if (!blank) out.push(row);
  }
  return out;
}

/** One sheet row (array of `width` cells) from an object keyed by column key. */
export function objectToRow(obj: Record<string, unknown>, map: HeaderMap, width: number): unknown[] {
  const row: unknown[] = new Array(width).fill("");
  for (const [k, i] of Object.entries(map.colOf)) {
    const v = obj[k];
    if (v !== undefined && v !== null) row[i] = v;
  }
  return row;
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col0: number): string {
  return `${columnLetter(col0)}${row}`;
}

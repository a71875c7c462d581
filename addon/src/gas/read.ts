/**
 * Reading the template sheets: one getValues per sheet (getDataRange), whatever the number of rows.
 */

import { type HeaderMap, mapHeaders } from "../../../shared/sheet-model";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SheetData {
  key: SheetKey;
  title: string;
  sheet: Sheet | null;
  /** All values of the data range; values[0] is the header row. */
  values: unknown[][];
  map: HeaderMap | null;
}

export function readSheet(ss: Spreadsheet, key: SheetKey): SheetData {
  const title = SHEETS[key].title;
  const sheet = ss.getSheetByName(title);
  if (!sheet) return { key, title, sheet: null, values: [], map: null };
  const values = sheet.getDataRange().getValues() as unknown[][];
  return { key, title, sheet, values, map: mapHeaders(values[0] ?? [], key) };
}

export function readSheets(ss: Spreadsheet, keys: readonly SheetKey[] = SHEET_KEYS): Record<SheetKey, SheetData> {
  const out = {} as Record<SheetKey, SheetData>;
  for (const k of keys) out[k] = readSheet(ss, k);
  return out;
}

/**
 * Turns a date cell into 'yyyy-MM-dd' in the spreadsheet's time zone (Apps Script gives date
 * cells as Dates at midnight of that zone). Uses Intl when the runtime has it, else Utilities.
 */
export function dateToIsoIn(tz: string): (d: Date) => string {
  try {
    const f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    return (d) => {
      const parts: Record<string, string> = {};
      for (const p of f.formatToParts(d)) parts[p.type] = p.value;
      return `${parts.year}-${parts.month}-${parts.day}`;
    };
  } catch {
    return (d) => Utilities.formatDate(d, tz, "yyyy-MM-dd");
  }
}

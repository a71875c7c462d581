/**
 * How the sheets of a workbook map onto D1 tables (worker/migrations/0001_init.sql): one table per
 * sheet, the sheet's columns under the same names, plus `commune_id` (and, for logs, `revision`,
 * `first_received_at`, `submission_id`). Values are converted to what D1 stores.
 */
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import type { DbValue } from "../db/sql";

/** Tables not named after their sheet's key; every other sheet's table is its key. */
const RENAMED: Partial<Record<SheetKey, string>> = { weekly: "weekly_reports", adhoc: "adhoc_reports", steering: "steering_members" };

/** Sheet → table (tests/worker/weekly-counts.test.ts checks that each holds its sheet's columns). */
export const TABLE_OF = Object.fromEntries(SHEET_KEYS.map((k) => [k, RENAMED[k] ?? k])) as Record<SheetKey, string>;

/**
 * The register and the rosters: replaced whole by each accepted submission that carries them (a
 * register sheet always comes; a roster sheet not sent is left as it is, see SheetSpec.part).
 */
export const REGISTER_SHEETS = SHEET_KEYS.filter((k) => SHEETS[k].part !== "log");
/** The logs: upserted by natural key, never deleted by a submission. */
export const LOG_SHEETS = SHEET_KEYS.filter((k) => SHEETS[k].part === "log");

/** Column keys of a sheet, in template order (`_row` is not a column). */
export const columnsOf = (sheet: SheetKey): string[] => Object.keys(SHEETS[sheet].columns);

/** A cell value as D1 stores it: booleans 0/1, lists as JSON text, blanks NULL. */
export function toDb(v: unknown): DbValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" || typeof v === "number") return v;
  return JSON.stringify(v);
}

/** A parsed row as its table's values, keyed by column. */
export function dbRow(sheet: SheetKey, row: Record<string, unknown>): Record<string, DbValue> {
  return Object.fromEntries(columnsOf(sheet).map((k) => [k, toDb(row[k])]));
}

/** The natural key of a row as JSON text of its key values (also `revisions.natural_key`). */
export function naturalKeyOf(sheet: SheetKey, row: Record<string, unknown>): string {
  return JSON.stringify(SHEETS[sheet].naturalKey.map((k) => row[k] ?? null));
}

/** Same values in every column of the sheet. */
export function sameRow(sheet: SheetKey, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return columnsOf(sheet).every((k) => (a[k] ?? null) === (b[k] ?? null));
}

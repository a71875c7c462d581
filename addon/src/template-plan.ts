/**
 * What "Thiết lập mẫu" does to one sheet, decided from its current header row: which columns to
 * add (always to the right of what is there, so data never moves), the full header row to write,
 * and the data validation, number format and width of each column. Pure.
 */
import type { ColumnSpec } from "../../shared/cells";
import { columnsOf, SHEETS, type SheetKey } from "../../shared/templates";
import { type HeaderMap, isBlank, mapHeaders } from "./sheet-model";

export interface HeaderPlan {
  /** False when row 1 holds something but none of the template's headers: the sheet is left alone. */
  recognized: boolean;
  /** The header row to write (existing unknown headers kept in place). */
  headers: string[];
  /** Columns added by this run (0-based index). */
  added: { key: string; col: number }[];
  map: HeaderMap;
}

export function planHeaders(key: SheetKey, existing: readonly unknown[]): HeaderPlan {
  const cols = columnsOf(key);
  const empty = existing.every(isBlank);
  const found = mapHeaders(existing, key);
  if (!empty && Object.keys(found.colOf).length === 0) {
    return { recognized: false, headers: existing.map((v) => (isBlank(v) ? "" : String(v))), added: [], map: found };
  }
  let last = -1;
  existing.forEach((v, i) => {
    if (!isBlank(v)) last = i;
  });
  const headers = existing.slice(0, last + 1).map((v) => (isBlank(v) ? "" : String(v)));
  const colOf = { ...found.colOf };
  const added: { key: string; col: number }[] = [];
  for (const c of cols) {
    const i = colOf[c.key];
    if (i !== undefined) {
      headers[i] = c.header; // repair spelling/case of a recognised header
    } else {
      const col = headers.length;
      headers.push(c.header);
      colOf[c.key] = col;
      added.push({ key: c.key, col });
    }
  }
  return { recognized: true, headers, added, map: { colOf, missing: [], width: headers.length } };
}

/** Where the dropdown of a code column comes from: the code column of another sheet. */
export const REFERENCES: Record<string, { sheet: SheetKey; column: string }> = {
  team_code: { sheet: "teams", column: "team_code" },
  village_code: { sheet: "villages", column: "village_code" },
  household_code: { sheet: "households", column: "household_code" },
};

export type ValidationPlan =
  | { kind: "list"; values: readonly string[]; allowInvalid: boolean; help: string }
  | { kind: "ref"; sheet: SheetKey; column: string; allowInvalid: boolean; help: string }
  | { kind: "number"; min: number; max: number; allowInvalid: boolean; help: string }
  | { kind: "date"; from: string; to: string; allowInvalid: boolean; help: string };

/** The data validation of a column of a sheet, or null when the column has none. */
export function validationOf(sheet: SheetKey, col: ColumnSpec): ValidationPlan | null {
  const help = col.note;
  if ((col.type === "enum" || col.type === "bool") && col.values?.length) {
    return { kind: "list", values: col.values, allowInvalid: false, help };
  }
  const ref = REFERENCES[col.key];
  if (col.type === "code" && ref && ref.sheet !== sheet) {
    return { kind: "ref", sheet: ref.sheet, column: ref.column, allowInvalid: true, help };
  }
  if (col.type === "int" && col.min !== undefined && col.max !== undefined) {
    return { kind: "number", min: col.min, max: col.max, allowInvalid: true, help };
  }
  if (col.type === "date") return { kind: "date", from: "2000-01-01", to: "2100-12-31", allowInvalid: true, help };
  return null;
}

/** Number format of a new column: text columns stay text (a phone keeps its leading 0). */
export function numberFormatOf(col: ColumnSpec): string | null {
  switch (col.type) {
    case "code":
    case "phone":
    case "period":
    case "text":
    case "name":
    case "names":
      return "@";
    case "int":
      return "0";
    case "date":
      return "dd/MM/yyyy";
    default:
      return null;
  }
}

/** The help note of a header cell; the first column also carries the sheet's description. */
export function headerNote(key: SheetKey, col: ColumnSpec, index: number): string {
  const spec = SHEETS[key];
  const lines = [col.required ? `${col.header} (bắt buộc)` : col.header, col.note].filter(Boolean);
  if (index === 0) lines.unshift(`${spec.title}: ${spec.description}.`, "");
  return lines.join("\n");
}

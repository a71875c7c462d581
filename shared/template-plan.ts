/**
 * What "Thiết lập mẫu" does to one sheet, decided from its current header row: which columns to
 * add (always to the right of what is there, so data never moves), the full header row to write,
 * and the data validation, number format and width of each column; plus the layout constants and
 * the "Cài đặt" sheet. Pure. One spec, two builders: the add-on applies this plan through Apps
 * Script (addon/src/gas/setup.ts), the district tool through one Sheets API batchUpdate
 * (tools/district/layout.ts); tests/district/layout.test.ts compares what both build.
 */
import type { ColumnSpec } from "./cells";
import { type HeaderMap, isBlank, mapHeaders } from "./sheet-model";
import { columnsOf, SHEETS, type SheetKey } from "./templates";

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

// ---------------------------------------------------------------- layout constants

/** Header row style. */
export const HEADER_BACKGROUND = "#d9ead3";

/** Description of the warning-only protection of header rows (to find it again). */
export const HEADER_PROTECTION = "Dân vận: dòng tiêu đề của mẫu";

/** The settings sheet: commune code and name, shown to the clerk (never the URL or the token). */
export const SETTINGS_SHEET = "Cài đặt";

/** Column widths of the settings sheet (pixels). */
export const SETTINGS_WIDTHS = [200, 420] as const;

/** Number formats of the settings sheet's 7 × 2 cells: text, except the template version. */
export const SETTINGS_FORMATS: readonly (readonly [string, string])[] = [
  ["@", "@"],
  ["@", "@"],
  ["@", "@"],
  ["@", "0"],
  ["@", "@"],
  ["@", "@"],
  ["@", "@"],
];

export interface SettingsValues {
  communeCode: string;
  communeName: string;
  schemaVersion: number;
  /** Last submission (row 5) and its result (row 6), kept as they were. */
  lastSubmission?: unknown;
  lastResult?: unknown;
}

/** The 7 × 2 values of the settings sheet (row 1 is its header). */
export function settingsRows(v: SettingsValues): unknown[][] {
  return [
    ["Mục", "Giá trị"],
    ["Mã xã (5 chữ số)", v.communeCode],
    ["Tên xã", v.communeName],
    ["Phiên bản mẫu", v.schemaVersion],
    ["Lần gửi gần nhất", v.lastSubmission ?? ""],
    ["Kết quả lần gửi gần nhất", v.lastResult ?? ""],
    ["Ghi chú", "Địa chỉ máy chủ và mã truy cập được lưu trong Cài đặt kết nối (menu Dân vận), không ghi vào bảng tính."],
  ];
}

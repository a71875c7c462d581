/**
 * The Sheets API's shapes of what the shared template plan asks for: colours, number formats,
 * cell values, grid ranges and data validation rules. Pure.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/other#DataValidationRule
 */
import type { sheets_v4 } from "googleapis";
import type { HeaderMap } from "../../shared/sheet-model";
import type { ValidationPlan } from "../../shared/template-plan";
import type { SheetKey } from "../../shared/templates";

/** A new sheet's grid, as Sheets and Apps Script make it. */
export const NEW_SHEET = { rowCount: 1000, columnCount: 26 } as const;

/** "#d9ead3" → Sheets' Color (0–1 floats). */
export function color(hex: string): sheets_v4.Schema$Color {
  const n = Number.parseInt(hex.slice(1), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

/** A number format of the plan → Sheets' NumberFormat. */
export function numberFormat(pattern: string): sheets_v4.Schema$NumberFormat {
  if (pattern === "@") return { type: "TEXT", pattern: "@" };
  if (/[dMy]/.test(pattern)) return { type: "DATE", pattern };
  return { type: "NUMBER", pattern };
}

export const text = (s: unknown): sheets_v4.Schema$ExtendedValue =>
  typeof s === "number"
    ? { numberValue: s }
    : typeof s === "boolean"
      ? { boolValue: s }
      : { stringValue: s === null || s === undefined ? "" : String(s) };

export const range = (sheetId: number, r0: number, r1: number, c0: number, c1: number): sheets_v4.Schema$GridRange => ({
  sheetId,
  startRowIndex: r0,
  endRowIndex: r1,
  startColumnIndex: c0,
  endColumnIndex: c1,
});

/** A1 column letters of a 0-based index. */
export function letters(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface Built {
  sheetId: number;
  title: string;
  rowCount: number;
  map: HeaderMap;
}

/** The DataValidationRule of a planned validation; null when its referenced sheet is not built. */
export function validationRule(plan: ValidationPlan, built: Partial<Record<SheetKey, Built>>): sheets_v4.Schema$DataValidationRule | null {
  const base = { strict: !plan.allowInvalid, ...(plan.help ? { inputMessage: plan.help } : {}) };
  switch (plan.kind) {
    case "list":
      return { ...base, showCustomUi: true, condition: { type: "ONE_OF_LIST", values: plan.values.map((v) => ({ userEnteredValue: v })) } };
    case "number":
      return {
        ...base,
        condition: { type: "NUMBER_BETWEEN", values: [{ userEnteredValue: String(plan.min) }, { userEnteredValue: String(plan.max) }] },
      };
    case "date":
      // ISO dates parse the same in every spreadsheet locale.
      return { ...base, condition: { type: "DATE_BETWEEN", values: [{ userEnteredValue: plan.from }, { userEnteredValue: plan.to }] } };
    case "ref": {
      const ref = built[plan.sheet];
      const col = ref?.map.colOf[plan.column];
      if (!ref || col === undefined) return null;
      const l = letters(col);
      const a1 = `='${ref.title.replace(/'/g, "''")}'!${l}2:${l}${Math.max(ref.rowCount, 2)}`;
      return { ...base, showCustomUi: true, condition: { type: "ONE_OF_RANGE", values: [{ userEnteredValue: a1 }] } };
    }
  }
}

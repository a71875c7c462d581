/**
 * The values side of the fake Sheets API: spreadsheets.values.batchGet as the tool calls it
 * (UNFORMATTED_VALUE, SERIAL_NUMBER; FORMATTED_VALUE roughly), and a test helper that types values
 * into a sheet as a clerk would.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values/batchGet
 */
import { sheetsError } from "./errors";
import { type CellData, cellAt, type FakeSpreadsheetModel, letters } from "./sheets";

/** The effective value of a cell as values.get renders it. */
function render(cell: CellData | undefined, valueOpt: string, dateOpt: string): unknown {
  const v = cell?.userEnteredValue;
  if (!v) return undefined;
  if ("stringValue" in v) return v.stringValue === "" ? undefined : v.stringValue;
  if ("boolValue" in v) return valueOpt === "FORMATTED_VALUE" ? (v.boolValue ? "TRUE" : "FALSE") : v.boolValue;
  if ("numberValue" in v) {
    const n = v.numberValue as number;
    const fmt = cell?.userEnteredFormat?.numberFormat;
    const isDate = fmt?.type === "DATE" || fmt?.type === "DATE_TIME";
    if (valueOpt === "FORMATTED_VALUE" || (isDate && dateOpt === "FORMATTED_STRING" && valueOpt !== "FORMULA")) {
      if (isDate) {
        const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).toISOString();
        return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
      }
      return String(n);
    }
    return n;
  }
  return undefined;
}

/** `'Thôn'`, `Thôn`, `'Thôn'!A1:Z`, `'Cài đặt'!B5:B6` → sheet title and a 0-based rectangle. */
function parseRange(a1: string): { title: string; r0: number; r1?: number; c0: number; c1?: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!([A-Z]+)?(\d+)?(?::([A-Z]+)?(\d+)?)?)?$/.exec(a1);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    title: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!,
    c0: m[3] ? col(m[3]) : 0,
    r0: m[4] ? Number(m[4]) - 1 : 0,
    ...(m[5] ? { c1: col(m[5]) + 1 } : m[3] && !m[5] && !a1.includes(":") ? { c1: col(m[3]) + 1 } : {}),
    ...(m[6] ? { r1: Number(m[6]) } : m[4] && !a1.includes(":") ? { r1: Number(m[4]) } : {}),
  };
}

/** spreadsheets.values.batchGet: trailing empty rows and cells are left out, as the API does. */
export function batchGet(ss: FakeSpreadsheetModel, ranges: string[], valueOpt = "FORMATTED_VALUE", dateOpt = "SERIAL_NUMBER") {
  const valueRanges = ranges.map((a1) => {
    const p = parseRange(a1);
    const sheet = p && ss.sheets.find((s) => s.properties.title === p.title);
    if (!p || !sheet) throw sheetsError(400, "INVALID_ARGUMENT", `Unable to parse range: ${a1}`);
    const g = sheet.properties.gridProperties;
    const r1 = Math.min(p.r1 ?? g.rowCount, g.rowCount);
    const c1 = Math.min(p.c1 ?? g.columnCount, g.columnCount);
    const rows: unknown[][] = [];
    for (let r = p.r0; r < r1; r++) {
      const row: unknown[] = [];
      for (let c = p.c0; c < c1; c++) {
        const own = sheet.cells.get(`${r},${c}`);
        // Formats matter only when rendering formatted values; the layers are read just then.
        row.push(render(own?.userEnteredValue && valueOpt !== "UNFORMATTED_VALUE" ? cellAt(sheet, r, c) : own, valueOpt, dateOpt));
      }
      while (row.length && row[row.length - 1] === undefined) row.pop();
      rows.push(row.map((v) => (v === undefined ? "" : v)));
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    const quoted = `'${sheet.properties.title.replace(/'/g, "''")}'`;
    return {
      range: `${quoted}!${letters(p.c0)}${p.r0 + 1}:${letters(c1 - 1)}${r1}`,
      majorDimension: "ROWS",
      ...(rows.length ? { values: rows } : {}),
    };
  });
  return { spreadsheetId: ss.spreadsheetId, valueRanges };
}

/** Test helper: put values into a sheet as a clerk would type them (Dates become date serials with a date format). */
export function putValues(ss: FakeSpreadsheetModel, title: string, values: unknown[][], startRow = 0): void {
  const sheet = ss.sheets.find((s) => s.properties.title === title);
  if (!sheet) throw new Error(`no sheet ${title}`);
  const g = sheet.properties.gridProperties;
  if (startRow + values.length > g.rowCount) g.rowCount = startRow + values.length;
  values.forEach((row, i) => {
    row.forEach((v, c) => {
      if (c >= g.columnCount) g.columnCount = c + 1;
      const key = `${startRow + i},${c}`;
      const cell = sheet.cells.get(key) ?? {};
      if (v === "" || v === null || v === undefined) delete cell.userEnteredValue;
      else if (v instanceof Date) {
        // A date cell of a Vietnamese spreadsheet: midnight in +07:00 → its day number.
        cell.userEnteredValue = { numberValue: Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 + 7 / 24) };
        cell.userEnteredFormat = { ...(cell.userEnteredFormat ?? {}), numberFormat: { type: "DATE", pattern: "dd/MM/yyyy" } };
      } else if (typeof v === "number") cell.userEnteredValue = { numberValue: v };
      else if (typeof v === "boolean") cell.userEnteredValue = { boolValue: v };
      else cell.userEnteredValue = { stringValue: String(v) };
      if (Object.keys(cell).length) sheet.cells.set(key, cell);
    });
  });
}

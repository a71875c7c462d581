/**
 * Sheet values → a checked workbook: find each template column by its header, report missing
 * sheets and columns, turn the rows into objects (./sheet-model) and run the shared checks
 * (./rules). The one reader of a commune's spreadsheet, for both callers: the add-on reads the
 * values with Apps Script (addon/src/gas/check.ts), the district tool with the Sheets API's
 * values.batchGet (tools/district/pull.ts). Pure.
 */
import type { Issue } from "./issues";
import { type CheckResult, checkWorkbook } from "./rules/index";
import { type HeaderMap, mapHeaders, type RawRow, type ReadOptions, rowsToObjects } from "./sheet-model";
import { headerOf, SHEET_KEYS, SHEETS, type SheetKey } from "./templates";

/** One sheet as read: its values (header row first) and where each column is; `map` null when the sheet is missing. */
export interface SheetValues {
  values: unknown[][];
  map: HeaderMap | null;
}

/** Values of a sheet (null when the spreadsheet has no such sheet) → its header map. */
export function sheetValues(key: SheetKey, values: unknown[][] | null): SheetValues {
  if (values === null) return { values: [], map: null };
  return { values, map: mapHeaders(values[0] ?? [], key) };
}

/**
 * Sheet-level problems: a template sheet or a required column is missing. A missing roster sheet
 * (SheetSpec.part, e.g. "Ban Chỉ đạo" in a spreadsheet set up before it existed) is a warning and
 * `absent`: it is left out of the workbook, so a submission leaves the stored roster as it is.
 */
export function structureIssues(data: Record<SheetKey, SheetValues>): {
  issues: Issue[];
  unreadable: Set<SheetKey>;
  absent: Set<SheetKey>;
} {
  const issues: Issue[] = [];
  const unreadable = new Set<SheetKey>();
  const absent = new Set<SheetKey>();
  for (const key of SHEET_KEYS) {
    const d = data[key];
    if (!d.map) {
      const optional = SHEETS[key].part === "roster";
      issues.push({
        sheet: key,
        row: null,
        column: null,
        code: "missing_sheet",
        severity: optional ? "warning" : "error",
        message_vi: `Chưa có trang "${SHEETS[key].title}". Hãy chạy Dân vận → Thiết lập mẫu${optional ? " để thêm trang này" : ""}.`,
      });
      (optional ? absent : unreadable).add(key);
      continue;
    }
    const required = d.map.missing.filter((c) => c.required);
    for (const c of d.map.missing) {
      issues.push({
        sheet: key,
        row: null,
        column: c.key,
        code: "missing_column",
        severity: c.required ? "error" : "warning",
        message_vi: `Trang "${SHEETS[key].title}" thiếu cột "${headerOf(key, c.key)}". Hãy chạy Dân vận → Thiết lập mẫu.`,
      });
    }
    if (required.length) unreadable.add(key);
  }
  return { issues, unreadable, absent };
}

export interface ReadWorkbookOptions {
  /** "Today" for the rules ('yyyy-MM-dd', Vietnam). */
  today: string;
  /** How date cells are read: Apps Script gives Dates; the Sheets API (SERIAL_NUMBER) gives day numbers, which the cell parser reads. */
  read: ReadOptions;
}

export interface WorkbookRead {
  /** The shared check's result; `ok` and `issues` include the structure issues. */
  result: CheckResult;
  /** Rows read per sheet (blank rows left out). */
  rows: Partial<Record<SheetKey, number>>;
}

/** Read and check every template sheet. */
export function readWorkbook(data: Record<SheetKey, SheetValues>, opts: ReadWorkbookOptions): WorkbookRead {
  const { issues: structural, unreadable, absent } = structureIssues(data);
  const raw: Record<string, RawRow[]> = {};
  const rows: Partial<Record<SheetKey, number>> = {};
  for (const key of SHEET_KEYS) {
    const d = data[key];
    if (unreadable.has(key) || absent.has(key) || !d.map) continue;
    raw[key] = rowsToObjects(d.values, d.map, opts.read);
    rows[key] = raw[key]!.length;
  }
  const result = checkWorkbook(raw, { today: opts.today });
  // Not in the workbook at all (not an empty list): the envelope leaves it out.
  for (const key of absent) delete (result.workbook as Partial<CheckResult["workbook"]>)[key];
  result.issues.unshift(...structural);
  result.ok = !result.issues.some((i) => i.severity === "error");
  return { result, rows };
}

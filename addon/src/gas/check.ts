/**
 * "Kiểm tra dữ liệu": read every sheet (one getValues each), fill missing codes, run the shared
 * rules, then mark bad cells and clear fixed ones (one getBackgrounds/getNotes and at most one
 * setBackgrounds/setNotes per sheet). The number of Sheets calls does not grow with the rows.
 */
import type { Issue } from "../../../shared/issues";
import type { CheckResult } from "../../../shared/rules/index";
import { SHEET_KEYS, type SheetKey } from "../../../shared/templates";
import { readWorkbook } from "../../../shared/workbook-read";
import { PROP } from "../config";
import { applyMarks, marksOf } from "../marks";
import { pendingIssues } from "../pending";
import { type CheckSummary, summarize } from "../summary";
import { fillMissingCodes } from "./fill-codes";
import type { KV } from "./props";
import { dateToIsoIn, readSheets, type SheetData } from "./read";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface CheckRun {
  result: CheckResult;
  summary: CheckSummary;
  data: Record<SheetKey, SheetData>;
}

interface Extent {
  rows: number;
  cols: number;
}

function readExtents(kv: KV): Record<string, Extent> {
  try {
    return JSON.parse(kv.get(PROP.markExtent) ?? "{}") as Record<string, Extent>;
  } catch {
    return {};
  }
}

/**
 * Mark the issues of every sheet; remember how far marks reach so a later check can clear them. The
 * weekly sheet's waiting marks that still apply (../pending.ts) are read from the same notes and
 * added to `issues` as warnings.
 */
function writeMarks(data: Record<SheetKey, SheetData>, issues: Issue[], kv: KV): void {
  const before = readExtents(kv);
  const after: Record<string, Extent> = {};
  const bySheet = new Map<SheetKey, Issue[]>();
  for (const i of issues) if (i.sheet && i.row !== null) (bySheet.get(i.sheet) ?? bySheet.set(i.sheet, []).get(i.sheet)!).push(i);
  for (const key of SHEET_KEYS) {
    const d = data[key];
    if (!d.sheet || !d.map) continue;
    let marks = marksOf(bySheet.get(key) ?? [], d.map.colOf);
    const prev = before[d.title];
    const extent = (list: typeof marks) => ({
      rows: Math.max(0, ...list.map((m) => m.row)),
      cols: Math.max(0, ...list.map((m) => m.col + 1)),
    });
    let rows = Math.max(d.values.length, prev?.rows ?? 0, extent(marks).rows);
    let cols = Math.max(d.values[0]?.length ?? 0, prev?.cols ?? 0, extent(marks).cols);
    // Marks of an earlier check may lie past rows or columns deleted since.
    if (rows > d.values.length) rows = Math.min(rows, d.sheet.getMaxRows());
    if (cols > (d.values[0]?.length ?? 0)) cols = Math.min(cols, d.sheet.getMaxColumns());
    if (rows < 2 || cols < 1) continue;
    if (!prev && marks.length === 0 && d.values.length < 2) continue;
    const range = d.sheet.getRange(2, 1, rows - 1, cols);
    const notes = range.getNotes();
    if (key === "weekly") {
      const pending = pendingIssues(d.values, d.map, notes, 2);
      issues.push(...pending);
      marks = marks.concat(marksOf(pending, d.map.colOf));
    }
    const res = applyMarks({ startRow: 2, backgrounds: range.getBackgrounds(), notes }, marks);
    if (res.changed) {
      range.setBackgrounds(res.backgrounds as string[][]);
      range.setNotes(res.notes);
    }
    if (marks.length) after[d.title] = extent(marks);
  }
  const json = JSON.stringify(after);
  if (json !== (kv.get(PROP.markExtent) ?? "{}")) kv.set(PROP.markExtent, json);
}

export interface CheckOptions {
  today: string;
  /** Write marks into the sheets (default true). */
  mark?: boolean;
}

export function runCheck(ss: Spreadsheet, kv: KV, opts: CheckOptions): CheckRun {
  const data = readSheets(ss);
  const generated = fillMissingCodes(data);
  // The shared reader (also used by tools/district's pull): structure issues, rows, rules.
  const { result, rows } = readWorkbook(data, { today: opts.today, read: { dateToIso: dateToIsoIn(ss.getSpreadsheetTimeZone()) } });
  if (opts.mark !== false) writeMarks(data, result.issues, kv);
  const colOf: Partial<Record<SheetKey, Record<string, number>>> = {};
  for (const key of SHEET_KEYS) if (data[key].map) colOf[key] = data[key].map!.colOf;
  const summary = summarize(result.issues, colOf, rows, generated, new Date().toISOString());
  return { result, summary, data };
}

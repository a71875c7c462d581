/**
 * "Điền «Chưa rõ»" from the check's sidebar: one getValues of the households sheet, one setValues of
 * its Zalo column (only when something is blank), and the column's dropdown brought up to date
 * (a sheet set up before "Chưa rõ" existed offers only Có/Không).
 */
import { planUnknownFill, UNKNOWN_FILL } from "../unknown-fill";
import { readSheet } from "./read";
import { applyColumnValidation } from "./setup";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Fill "Chưa rõ" into the blank Zalo cells of rows with data; returns how many were filled. */
export function fillUnknownAnswers(ss: Spreadsheet): number {
  const d = readSheet(ss, UNKNOWN_FILL.sheet);
  if (!d.sheet || !d.map || d.values.length < 2) return 0;
  const { cells, filled } = planUnknownFill(d.values, d.map, UNKNOWN_FILL.column);
  if (!filled) return 0;
  const col = d.map.colOf[UNKNOWN_FILL.column]!;
  applyColumnValidation(ss, UNKNOWN_FILL.sheet, UNKNOWN_FILL.column, d.sheet, d.map);
  d.sheet.getRange(2, col + 1, cells.length, 1).setValues(cells);
  return filled;
}

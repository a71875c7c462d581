/**
 * "Chuyển đổi thôn" against Apps Script: the worker's view of the split commune (GET) and the
 * mapping (PUT), with the commune's token; the sheet written in one setValues with a dropdown of the
 * successors; the clerk's rows read in one getValues; bad cells marked in one setBackgrounds /
 * setNotes (../marks.ts). The logic is in ../village-moves.ts.
 */
import type { Issue } from "../../../shared/issues";
import { VILLAGE_MOVES_SHEET, type VillageMoveRow, type VillageMovesView } from "../../../shared/village-moves";
import { HEADER_BACKGROUND, HEADER_PROTECTION } from "../config";
import { applyMarks, marksOf } from "../marks";
import { MOVE_COL_OF, MOVE_COLUMNS, MOVE_HEADERS, missingRows, moveChoices, newSheetRows, villageMovesUrl } from "../village-moves";
import type { Settings } from "./props";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One request to the worker: status and body; a network failure as status 0. */
export function callWorker(s: Settings, method: "get" | "put", body?: unknown): { status: number; body: string } {
  try {
    const res = UrlFetchApp.fetch(villageMovesUrl(s.workerUrl), {
      method,
      headers: { Authorization: `Bearer ${s.token}` },
      ...(body === undefined ? {} : { contentType: "application/json", payload: JSON.stringify(body) }),
      muteHttpExceptions: true,
    });
    return { status: res.getResponseCode(), body: res.getContentText() };
  } catch (e) {
    return { status: 0, body: String((e as { message?: unknown })?.message ?? e) };
  }
}

export const movesSheet = (ss: Spreadsheet): Sheet | null => ss.getSheetByName(VILLAGE_MOVES_SHEET.title);

/** The dropdown on the "Đơn vị mới" column: only the conversion's successors and "Chưa rõ". */
function applyChoices(sheet: Sheet, view: VillageMovesView): void {
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInList(moveChoices(view), true)
    .setAllowInvalid(false)
    .setHelpText(VILLAGE_MOVES_SHEET.columns.successor.note)
    .build();
  sheet.getRange(2, MOVE_COL_OF.successor! + 1, rows, 1).setDataValidation(rule);
}

/** Create the sheet: header with notes, every village with what the worker holds, the dropdown. */
export function createMovesSheet(ss: Spreadsheet, view: VillageMovesView): Sheet {
  const sheet = ss.insertSheet(VILLAGE_MOVES_SHEET.title);
  const rows = newSheetRows(view);
  const header = sheet.getRange(1, 1, 1, MOVE_HEADERS.length);
  sheet.getRange(1, 1, rows.length + 1, MOVE_HEADERS.length).setValues([[...MOVE_HEADERS], ...rows]);
  // Only "Đơn vị mới" has a note (MOVE_COLUMNS: code, name, successor).
  header.setNotes([["", "", VILLAGE_MOVES_SHEET.columns.successor.note]]);
  header.setFontWeight("bold").setBackground(HEADER_BACKGROUND);
  header.protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
  sheet.setFrozenRows(1);
  MOVE_COLUMNS.forEach((c, i) => {
    sheet.setColumnWidth(i + 1, VILLAGE_MOVES_SHEET.columns[c].width);
  });
  applyChoices(sheet, view);
  return sheet;
}

/** The sheet's values, header first (one read). */
export const readMovesSheet = (sheet: Sheet): unknown[][] => sheet.getDataRange().getValues();

/** Append the villages the sheet lacks (one write) and refresh the dropdown; how many were added. */
export function appendMissing(sheet: Sheet, view: VillageMovesView, rows: readonly VillageMoveRow[]): number {
  const add = missingRows(view, rows);
  if (add.length) sheet.getRange(sheet.getLastRow() + 1, 1, add.length, MOVE_HEADERS.length).setValues(add);
  applyChoices(sheet, view);
  return add.length;
}

/** Mark the cells of `issues` and clear marks that no longer apply (one read and one write of each). */
export function markMoves(sheet: Sheet, issues: readonly Issue[]): void {
  const rows = Math.max(sheet.getLastRow() - 1, 1);
  const range = sheet.getRange(2, 1, rows, MOVE_HEADERS.length);
  const res = applyMarks({ startRow: 2, backgrounds: range.getBackgrounds(), notes: range.getNotes() }, marksOf(issues, MOVE_COL_OF));
  if (res.changed) {
    range.setBackgrounds(res.backgrounds as string[][]);
    range.setNotes(res.notes);
  }
}

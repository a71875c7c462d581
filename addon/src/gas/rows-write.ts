/**
 * Writing rows of a template sheet in place and at its end with a fixed number of Sheets calls,
 * however many rows the sheet holds: one setValues over the rows from the first one changed to the
 * last one added (rows in between are written back as they were read, template columns only), then
 * one getNotes/getBackgrounds and one setNotes/setBackgrounds over the same block for the marks.
 * On the rows written, earlier check marks are removed (the next check marks what is still wrong)
 * and `marks` put on their cells: a warning colour and a note line (../config NOTE_PREFIX), which
 * the check keeps while it still applies (../pending.ts).
 */
import { MARK_COLORS, NOTE_PREFIX } from "../config";
import { userPartOfNote } from "../marks";
import type { SheetData } from "./read";

export interface RowMark {
  /** Index into `changes` (an update) or, past its end, into `added`. */
  target: number;
  column: string;
  message: string;
}

export interface RowsWrite {
  /** Rows to change in place: the sheet row and the template cells to set (others stay). */
  changes: { row: number; values: Record<string, unknown> }[];
  /** Rows to add after the last row with data. */
  added: Record<string, unknown>[];
  marks: RowMark[];
}

/** The sheet rows written, in the order of `changes` then `added`. */
export function writeRows(d: SheetData, w: RowsWrite): number[] {
  if (!d.sheet || !d.map || (!w.changes.length && !w.added.length)) return [];
  const map = d.map;
  const cols = Object.values(map.colOf);
  const c0 = Math.min(...cols);
  const width = Math.max(...cols) - c0 + 1;
  const firstNew = Math.max(d.values.length, 1) + 1;
  const rows = [...w.changes.map((c) => c.row), ...w.added.map((_, i) => firstNew + i)];
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const max = d.sheet.getMaxRows();
  if (bottom > max) d.sheet.insertRowsAfter(max, bottom - max);
  const block: unknown[][] = [];
  for (let r = top; r <= bottom; r++)
    block.push(
      (d.values[r - 1] ?? [])
        .slice(c0, c0 + width)
        .concat(Array(width).fill(""))
        .slice(0, width),
    );
  const put = (row: number, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) {
      const c = map.colOf[k];
      if (c !== undefined) block[row - top]![c - c0] = v ?? "";
    }
  };
  for (const c of w.changes) put(c.row, c.values);
  for (const [i, a] of w.added.entries()) put(firstNew + i, a);
  const range = d.sheet.getRange(top, c0 + 1, block.length, width);
  range.setValues(block);

  const notes = range.getNotes() as string[][];
  const backgrounds = range.getBackgrounds() as (string | null)[][];
  const ours = new Set<string>([MARK_COLORS.error, MARK_COLORS.warning]);
  for (const row of rows) {
    const r = row - top;
    for (let c = 0; c < width; c++) {
      notes[r]![c] = userPartOfNote(notes[r]![c] ?? "");
      if (ours.has(String(backgrounds[r]![c]).toLowerCase())) backgrounds[r]![c] = null;
    }
  }
  for (const m of w.marks) {
    const c = map.colOf[m.column];
    const row = rows[m.target];
    if (c === undefined || row === undefined) continue;
    const r = row - top;
    const line = NOTE_PREFIX.warning + m.message;
    notes[r]![c - c0] = [notes[r]![c - c0], line].filter(Boolean).join("\n");
    backgrounds[r]![c - c0] = MARK_COLORS.warning;
  }
  range.setNotes(notes);
  range.setBackgrounds(backgrounds as string[][]);
  return rows;
}

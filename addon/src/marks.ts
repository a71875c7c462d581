/**
 * Check marks on cells: a background colour and a note line per problem. Computed for a whole
 * block of cells at once from its current backgrounds and notes, so the add-on writes each sheet
 * with one setBackgrounds and one setNotes. Marks of an earlier check that no longer apply are
 * removed; colours and notes the clerk set are kept. Pure.
 */
import type { Issue, Severity } from "../../shared/issues";
import { MARK_COLORS, NOTE_PREFIX } from "./config";

export interface CellMark {
  /** Sheet row number. */
  row: number;
  /** 0-based column index. */
  col: number;
  severity: Severity;
  message: string;
}

/** Marks for the issues of one sheet; issues without a row are not cell marks. */
export function marksOf(issues: readonly Issue[], colOf: Readonly<Record<string, number>>): CellMark[] {
  const out: CellMark[] = [];
  for (const i of issues) {
    if (i.row === null || i.row < 2) continue;
    const col = (i.column !== null ? colOf[i.column] : undefined) ?? 0;
    out.push({ row: i.row, col, severity: i.severity, message: i.message_vi });
  }
  return out;
}

const OUR_COLORS = new Set<string>([MARK_COLORS.error, MARK_COLORS.warning]);
const DEFAULT_COLORS = new Set(["#ffffff", "white", ""]);

function isOurLine(line: string): boolean {
  return line.startsWith(NOTE_PREFIX.error) || line.startsWith(NOTE_PREFIX.warning);
}

/** A note without the lines a check wrote. */
export function userPartOfNote(note: string): string {
  if (!note) return "";
  return note
    .split("\n")
    .filter((l) => !isOurLine(l))
    .join("\n")
    .replace(/\n+$/, "");
}

export interface MarkBlock {
  /** Sheet row of the block's first row. */
  startRow: number;
  backgrounds: readonly (readonly string[])[];
  notes: readonly (readonly string[])[];
}

export interface MarkResult {
  /** null = no fill (clears a mark). */
  backgrounds: (string | null)[][];
  notes: string[][];
  changed: boolean;
  marked: number;
  cleared: number;
}

/** New backgrounds and notes of a block: old marks removed, `marks` applied. */
export function applyMarks(block: MarkBlock, marks: readonly CellMark[]): MarkResult {
  const byCell = new Map<string, CellMark[]>();
  for (const m of marks) {
    const r = m.row - block.startRow;
    if (r < 0 || r >= block.backgrounds.length || m.col < 0 || m.col >= (block.backgrounds[r]?.length ?? 0)) continue;
    const k = `${r}:${m.col}`;
    const list = byCell.get(k);
    if (list) list.push(m);
    else byCell.set(k, [m]);
  }
  let changed = false;
  let marked = 0;
  let cleared = 0;
  const backgrounds = block.backgrounds.map((row, r) =>
    row.map((bg, c) => {
      const ms = byCell.get(`${r}:${c}`);
      const lower = (bg ?? "").toLowerCase();
      let next: string | null = OUR_COLORS.has(lower) || DEFAULT_COLORS.has(lower) ? null : bg;
      if (ms) next = ms.some((m) => m.severity === "error") ? MARK_COLORS.error : MARK_COLORS.warning;
      if ((next ?? "#ffffff").toLowerCase() !== (DEFAULT_COLORS.has(lower) ? "#ffffff" : lower)) changed = true;
      if (!ms && OUR_COLORS.has(lower)) cleared++;
      if (ms) marked++;
      return next;
    }),
  );
  const notes = block.notes.map((row, r) =>
    row.map((note, c) => {
      const ms = byCell.get(`${r}:${c}`);
      const user = userPartOfNote(note ?? "");
      const ours = (ms ?? []).map((m) => NOTE_PREFIX[m.severity] + m.message.replace(/\s*\n\s*/g, " "));
      const next = [user, ...ours].filter(Boolean).join("\n");
      if (next !== (note ?? "")) changed = true;
      return next;
    }),
  );
  return { backgrounds, notes, changed, marked, cleared };
}

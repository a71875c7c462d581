/** Rules on identity: natural keys are unique within a sheet. */

import type { Issue } from "../issues";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../templates";
import type { Rule } from "./context";

/** A row's natural key as compared for duplicates: case folded, so "T01" and "t01" are the same team. */
export function keyText(sheet: SheetKey, row: Record<string, unknown>): string {
  return (SHEETS[sheet].naturalKey as readonly string[]).map((c) => String(row[c] ?? "").toLowerCase()).join("\u0000");
}

/** The message of a duplicate key: the row it repeats (sheet row number). */
export function duplicateMessage(sheet: SheetKey, firstRow: number): string {
  const spec = SHEETS[sheet];
  const cols = (spec.naturalKey as readonly string[])
    .map((c) => `"${(spec.columns as Record<string, { header: string }>)[c]?.header}"`)
    .join(", ");
  return `Trùng ${cols} với dòng ${firstRow}.`;
}

/** The column a duplicate key is marked on: the key's last. */
export const duplicateColumn = (sheet: SheetKey): string | null => (SHEETS[sheet].naturalKey as readonly string[]).at(-1) ?? null;

export const uniqueKeys: Rule = (ctx) => {
  const out: Issue[] = [];
  for (const sheet of SHEET_KEYS) {
    const seen = new Map<string, number>();
    (ctx.wb[sheet] as Record<string, unknown>[]).forEach((row, i) => {
      const k = keyText(sheet, row);
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, i);
        return;
      }
      const firstRow = (ctx.wb[sheet] as { _row?: number }[])[first];
      const where = firstRow?._row ?? first + 2;
      out.push(
        ctx.issue(sheet, row as { _row?: number }, i, duplicateColumn(sheet), "duplicate_key", "error", duplicateMessage(sheet, where)),
      );
    });
  }
  return out;
};

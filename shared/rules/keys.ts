/** Rules on identity: natural keys are unique within a sheet. */

import type { Issue } from "../issues";
import { SHEET_KEYS, SHEETS } from "../templates";
import type { Rule } from "./context";

export const uniqueKeys: Rule = (ctx) => {
  const out: Issue[] = [];
  for (const sheet of SHEET_KEYS) {
    const spec = SHEETS[sheet];
    const keyCols = spec.naturalKey as readonly string[];
    const seen = new Map<string, number>();
    (ctx.wb[sheet] as Record<string, unknown>[]).forEach((row, i) => {
      const k = keyCols.map((c) => String(row[c] ?? "").toLowerCase()).join("\u0000");
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, i);
        return;
      }
      const firstRow = (ctx.wb[sheet] as { _row?: number }[])[first];
      const where = firstRow?._row ?? first + 2;
      const cols = keyCols.map((c) => `"${(spec.columns as Record<string, { header: string }>)[c]?.header}"`).join(", ");
      out.push(
        ctx.issue(
          sheet,
          row as { _row?: number },
          i,
          keyCols[keyCols.length - 1] ?? null,
          "duplicate_key",
          "error",
          `Trùng ${cols} với dòng ${where}.`,
        ),
      );
    });
  }
  return out;
};

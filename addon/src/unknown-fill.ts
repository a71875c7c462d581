/**
 * The one-click "Chưa rõ" fill (issue 17): which blank cells of a may-be-unknown column to fill —
 * those of rows that hold data; an empty row stays empty. Pure: gas/fill-unknown.ts reads and writes.
 */
import { UNKNOWN_LABEL } from "../../shared/unknown";
import { type HeaderMap, isBlank } from "./sheet-model";

/** The sheet and column the fill is offered for: data the communes' old lists never had. */
export const UNKNOWN_FILL = { sheet: "households", column: "in_zalo" } as const;

/**
 * The column's cells from row 2 down (as one setValues writes them) with "Chưa rõ" in each blank
 * cell of a row that has data, and how many that is. `values[0]` is the header row.
 */
export function planUnknownFill(
  values: readonly (readonly unknown[])[],
  map: HeaderMap,
  column: string,
): { cells: unknown[][]; filled: number } {
  const col = map.colOf[column];
  if (col === undefined) return { cells: [], filled: 0 };
  const others = Object.entries(map.colOf)
    .filter(([k]) => k !== column)
    .map(([, i]) => i);
  let filled = 0;
  const cells = values.slice(1).map((row) => {
    const v = row[col];
    if (isBlank(v) && others.some((i) => !isBlank(row[i]))) {
      filled++;
      return [UNKNOWN_LABEL];
    }
    return [v ?? ""];
  });
  return { cells, filled };
}

/** Rules on people's names beyond what a cell can say alone. */
import type { Issue } from "../issues";
import { SHEET_KEYS, SHEETS } from "../templates";
import type { Rule } from "./context";

/** The columns that hold one person's full name (column type "name" in the templates). */
const NAME_COLUMNS = SHEET_KEYS.flatMap((sheet) =>
  Object.values(SHEETS[sheet].columns)
    .filter((c) => c.type === "name")
    .map((c) => ({ sheet, key: c.key, header: c.header })),
);

/**
 * A full name has at least two words, family name and given name (Nguyễn Văn An). A warning, not an
 * error: a clerk may know a person by one name only, and a cell cannot tell a typo from that.
 */
export const fullNames: Rule = (ctx) => {
  const out: Issue[] = [];
  for (const { sheet, key, header } of NAME_COLUMNS) {
    (ctx.wb[sheet] as Record<string, unknown>[]).forEach((row, i) => {
      const v = row[key];
      if (typeof v !== "string" || v.trim().split(/\s+/).length >= 2) return;
      out.push(
        ctx.issue(
          sheet,
          row as { _row?: number },
          i,
          key,
          "name_one_word",
          "warning",
          `"${header}" mới có một từ ("${v}"): hãy ghi đủ họ và tên, ví dụ Nguyễn Văn An.`,
        ),
      );
    });
  }
  return out;
};

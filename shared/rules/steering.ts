/** Rules on the commune's steering committee sheet (Ban Chỉ đạo): the plan's composition, as warnings. */
import { checkComposition, STEERING_COMPOSITION } from "../steering";
import type { Rule } from "./context";

/**
 * The Ban Chỉ đạo follows the plan's composition (../steering.ts); a departure is a warning on the
 * sheet, not a refusal. Judged only when the sheet has rows: an empty or absent sheet says nothing
 * yet (the commune and district pages say that no roster was sent).
 */
export const steeringComposition: Rule = (ctx) => {
  const rows = ctx.wb.steering ?? [];
  if (!rows.length) return [];
  return checkComposition(STEERING_COMPOSITION, rows).map((w) => ({
    sheet: "steering" as const,
    row: null,
    column: null,
    code: `steering_${w.code}`,
    severity: "warning" as const,
    message_vi: w.message_vi,
  }));
};

/**
 * Yes/no answers that may be unknown: "Có" / "Không" / "Chưa rõ" → true / false / null. For what a
 * commune's old lists never recorded (whether a household is in the team's Zalo group, issue 17):
 * "Chưa rõ" is an answer the clerk gives (or the add-on fills in one click); a blank cell is not.
 * In an envelope, JSON null is "Chưa rõ"; the worker stores it as NULL and computes shares over
 * the known answers only.
 */
import { bool, type Col } from "./cells";
import { fold } from "./text";
import * as z from "./zod-vi";

export const UNKNOWN_LABEL = "Chưa rõ";
/** Folded spellings read as "Chưa rõ". */
const UNKNOWN_WORDS = new Set([fold(UNKNOWN_LABEL), "khong ro", "chua biet", "khong biet", "?"]);

const isUnknown = (v: unknown) => v === null || (typeof v === "string" && UNKNOWN_WORDS.has(fold(v)));

/** A required yes/no column that also takes "Chưa rõ"; anything else reads and fails as a yes/no column. */
export function boolOrUnknown(key: string, base: { header: string; note?: string; width?: number }): Col<true, boolean | null> {
  const yesNo = bool(key, true, base);
  const schema = z.unknown().transform((v, ctx): boolean | null => {
    if (isUnknown(v)) return null;
    const r = yesNo.schema.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const message = issue.code === "invalid_type" ? `"${base.header}" phải là "Có", "Không" hoặc "${UNKNOWN_LABEL}".` : issue.message;
      ctx.addIssue({ ...issue, message, input: v } as Parameters<typeof ctx.addIssue>[0]);
    }
    return z.NEVER;
  });
  return {
    ...yesNo,
    values: [...(yesNo.values ?? []), UNKNOWN_LABEL],
    note: base.note ?? `Chọn "Có", "Không" hoặc "${UNKNOWN_LABEL}" (khi chưa biết).`,
    schema: schema as unknown as Col<true, boolean | null>["schema"],
  };
}

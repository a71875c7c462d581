/**
 * The words of a team's weekly report on Zalo: each count's label in the message the add-on gives
 * the team (./form.ts) and the other ways leaders write it — `zalo` and `words` of the count in
 * shared/templates.ts weeklySheet — read by ./parse.ts, compared without case, diacritics or
 * punctuation; and the other fields of the form. A count without a `zalo` label goes under its header.
 */
import { headerOf } from "../templates";
import { fold } from "../text";
import { WEEKLY_COUNT_COLUMNS } from "../weekly-counts";

const byKey = new Map(WEEKLY_COUNT_COLUMNS.map((c) => [c.key as string, c]));

/** Label of a figure in the form: its `zalo` label, else its header. */
export const figureLabel = (key: string): string => byKey.get(key)?.figure.zalo ?? headerOf("weekly", key);

/** The other fields of the form, with the ways of writing their labels (folded). */
export const FIELDS = {
  team: { label: "Tổ", aliases: ["to", "ten to", "ma to", "to dan van", "to dvcd"] },
  week: { label: "Tuần", aliases: ["tuan", "tuan bao cao", "bao cao tuan"] },
  reporter: { label: "Người báo cáo", aliases: ["nguoi bao cao", "nguoi bc", "bao cao vien", "ho ten", "nguoi gui"] },
  date: { label: "Ngày báo cáo", aliases: ["ngay bao cao", "ngay bc", "ngay"] },
  difficulties: { label: "Khó khăn, vướng mắc", aliases: ["kho khan", "kho khan vuong mac", "vuong mac"] },
  proposals: { label: "Đề xuất, kiến nghị", aliases: ["de xuat", "kien nghi", "de xuat kien nghi", "de nghi"] },
} as const;
export type FieldKey = keyof typeof FIELDS;

/** A label folded for matching: no case, diacritics or punctuation, single spaces, one name per task area. */
export const labelKey = (s: string): string =>
  fold(s)
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b(?:an ninh trat tu|an ninh)\b/g, "antt")
    .replace(/\bcovid 19\b/g, "covid")
    .replace(/\bbao ve moi truong\b/g, "moi truong")
    .trim();

/** Every way of writing each figure and field: folded label → what it names. */
export function labelIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [k, f] of Object.entries(FIELDS)) for (const a of [f.label, ...f.aliases]) index.set(labelKey(a), k);
  for (const c of WEEKLY_COUNT_COLUMNS) {
    for (const a of [figureLabel(c.key), c.header, ...(c.figure.words ?? [])]) index.set(labelKey(a), c.key);
  }
  return index;
}

/**
 * Vietnamese text helpers: NFC normalisation, diacritic- and case-insensitive matching keys,
 * Vietnamese collation, and dates shown as dd/MM/yyyy in Vietnam time (Asia/Ho_Chi_Minh).
 */
import { TZDate } from "@date-fns/tz";
import { isValid, lightFormat } from "date-fns";

/** Vietnam's time zone: every calendar date and clock time of the project is read in it. */
export const TZ = "Asia/Ho_Chi_Minh";

/**
 * Characters that show nothing but change what a text is or how it reads: control characters
 * (Unicode Cc, except white space, which is collapsed instead), format characters (Cf: zero-width
 * space/joiners U+200B–U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, bidi marks and
 * overrides U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C, tags…), and the blank letters used
 * to fake empty names (Hangul fillers U+115F, U+1160, U+3164, U+FFA0; Braille blank U+2800).
 * "\u200B=HYPERLINK(…)" would otherwise pass a check that looks at the first character, and a
 * U+202E would turn a name around on a page. https://www.unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Remove invisible and bidi control characters (white space is kept). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, (ch) => (/\s/.test(ch) ? ch : ""));
}

/**
 * NFC, invisible and bidi control characters removed, trimmed, inner runs of white space collapsed to
 * one space. `null`/`undefined` give "". Every text cell is read through it (./cells.ts).
 */
export function nfc(s: unknown): string {
  return stripInvisible(String(s ?? "").normalize("NFC"))
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A key for matching that ignores case, diacritics and spacing:
 * `fold("Nguyễn Thị  Ánh") === fold("NGUYEN THI ANH") === "nguyen thi anh"`.
 * NFD input folds like NFC input; 'đ' (and the look-alike 'ð' of badly converted text) becomes 'd'.
 */
export function fold(s: unknown): string {
  return nfc(s).toLocaleLowerCase("vi").normalize("NFD").replace(/\p{M}/gu, "").replace(/[đð]/g, "d").replace(/\s+/g, " ").trim();
}

/** Vietnamese collation: a < ă < â < b … d < đ … o < ô < ơ … u < ư. */
/** Vietnamese order; digits compare as numbers, so "Tổ số 2" comes before "Tổ số 10". */
export const viCollator = new Intl.Collator("vi", { numeric: true });

/** Compares two strings in Vietnamese order (for `Array.prototype.sort`). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/** A new array sorted in Vietnamese order, by the items themselves or by `key` of each. */
export function sortVi<T>(items: readonly T[], key: (item: T) => string = (item) => String(item)): T[] {
  return [...items].sort((a, b) => viCollator.compare(key(a), key(b)));
}

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'; any other input comes back unchanged. */
export function formatDateVi(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate).trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/**
 * Vietnam has kept UTC+7 without daylight saving since 13 June 1975 (tz database, Asia/Ho_Chi_Minh):
 * from 1976 on an instant's Vietnam clock is its UTC clock plus 7 hours, with no time-zone lookup (a
 * province page formats a hundred receipt times).
 */
const FIXED_OFFSET_FROM = Date.UTC(1976, 0, 1);
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An instant as 'dd/MM/yyyy HH:mm' in Vietnam time; an unreadable string comes back unchanged. */
export function formatDateTimeVi(instant: Date | string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (!isValid(d)) return String(instant);
  const t = d.getTime();
  if (t < FIXED_OFFSET_FROM) return lightFormat(new TZDate(t, TZ), "dd/MM/yyyy HH:mm");
  const v = new Date(t + 7 * 3_600_000);
  return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}`;
}

/**
 * A date as an administrative document writes it (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5:
 * a day below 10 and the months 1 and 2 take a leading 0): '2021-02-05' → "ngày 05 tháng 02 năm 2021",
 * '2022-10-31' → "ngày 31 tháng 10 năm 2022", '2022-06-07' → "ngày 07 tháng 6 năm 2022".
 */
export function documentDateVi(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate).trim());
  if (!m) throw new RangeError(`Ngày không hợp lệ: ${isoDate}`);
  const month = Number(m[2]);
  return `ngày ${m[3]} tháng ${month < 3 ? m[2] : String(month)} năm ${m[1]}`;
}

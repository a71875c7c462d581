/**
 * Vietnamese text helpers: NFC normalisation, diacritic- and case-insensitive matching keys,
 * Vietnamese collation, and dates shown as dd/MM/yyyy in Vietnam time (Asia/Ho_Chi_Minh).
 */
import { TZDate } from "@date-fns/tz";
import { isValid, lightFormat } from "date-fns";

/** Vietnam's time zone: every calendar date and clock time of the project is read in it. */
export const TZ = "Asia/Ho_Chi_Minh";

/** NFC, trimmed, inner runs of white space collapsed to one space. `null`/`undefined` give "". */
export function nfc(s: unknown): string {
  return String(s ?? "")
    .normalize("NFC")
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

/** An instant as 'dd/MM/yyyy HH:mm' in Vietnam time; an unreadable string comes back unchanged. */
export function formatDateTimeVi(instant: Date | string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  if (!isValid(d)) return String(instant);
  return lightFormat(new TZDate(d.getTime(), TZ), "dd/MM/yyyy HH:mm");
}

/**
 * Vietnamese text helpers: NFC normalisation, diacritic- and case-insensitive matching keys,
 * Vietnamese collation, and dates shown as dd/MM/yyyy in Asia/Ho_Chi_Minh.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const TZ = "Asia/Ho_Chi_Minh";

/** NFC, trimmed, inner runs of white space folded to one space. */
export function nfc(s: unknown): string {
  return String(s ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
}

/** A key for matching that ignores case, diacritics and spacing: "Nguyễn Thị  Ánh" ≡ "NGUYEN THI ANH". */
export function fold(s: unknown): string {
  return nfc(s)
    .toLocaleLowerCase("vi")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .normalize("NFC");
}

export const viCollator = new Intl.Collator("vi");

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/** A new array sorted in Vietnamese order, by the item or by a key of it. */
export function sortVi<T>(items: readonly T[], key: (t: T) => string = (t) => String(t)): T[] {
  return [...items].sort((a, b) => viCollator.compare(key(a), key(b)));
}

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'. */
export function formatDateVi(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** An instant as 'dd/MM/yyyy HH:mm' in Vietnam time. */
export function formatDateTimeVi(instant: Date | string): string {
  const d = typeof instant === "string" ? new Date(instant) : instant;
  return format(new TZDate(d.getTime(), TZ), "dd/MM/yyyy HH:mm");
}

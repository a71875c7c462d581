/**
 * A figure as a team leader writes it in a Zalo message, read exactly or not at all: "3", "3 lần",
 * "1 200" (a space between thousands), "1.200", "03", "3️⃣", "không" / "ko" / "0" for zero, the
 * words một … mười; a note in brackets after the number is allowed ("5 hộ (2 hộ mới)"). Anything
 * else — "vài", "3-4", "khoảng 5", "2+3", "nhiều", "?" — is unreadable: the caller reports it and
 * never guesses a number.
 */
import { fold } from "../text";

export type Figure = { value: number } | { unreadable: string } | null;

/** Units a count may be followed by (folded). */
const UNITS = new Set(
  "lan tin bai ho nguoi ca vu buoi cuoc luot truong hop hoat dong diem dot tin bai nguoi dan thanh vien ho dan khau".split(" "),
);
/** Zero, as leaders write it (folded). */
const ZERO = new Set(["khong", "ko", "k", "kh", "khong co", "ko co", "chua co", "khong co gi", "khong phat sinh", "0"]);
/** Number words (folded); "tu" is the southern "bốn". */
const WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};

/** Keycap emoji (3️⃣) to digits; other emoji and joiners removed. */
export function plainText(s: string): string {
  return s
    .replace(/(\d)\uFE0F?\u20E3/g, "$1")
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D|\u20E3/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Read one figure; null when the value is blank (not given). `max` bounds a count. */
export function readFigure(raw: string, max = 100000): Figure {
  const shown = raw.trim();
  let s = fold(plainText(raw))
    .replace(/\([^()]*\)\s*$/, "") // a note in brackets after the number
    .replace(/[.,;!]+$/, "")
    .trim();
  if (!s) return null;
  s = s.replace(/^(co|la|duoc|dat)\s+/, "");
  if (ZERO.has(s)) return { value: 0 };
  // "không có vụ nào", "chưa có ca nào": zero, said with a unit.
  const none = /^(?:khong|ko|chua)(?: co)? ([a-z]+)(?: nao)?$/.exec(s);
  if (none && UNITS.has(none[1]!)) return { value: 0 };
  const m = /^(\d{1,3}(?:[ .,]\d{3})+|\d+|[a-z]+)(?:\s+([a-z]+(?:\s[a-z]+)?))?(?:\s*\/\s*tuan|\s+trong tuan)?$/.exec(s);
  if (m) {
    const num = m[1]!;
    const unit = m[2];
    const n = /^\d/.test(num) ? Number(num.replace(/[ .,]/g, "")) : WORDS[num];
    const unitOk = unit === undefined || UNITS.has(unit) || UNITS.has(unit.split(" ")[0]!);
    if (n !== undefined && unitOk && Number.isInteger(n) && n <= max) return { value: n };
  }
  return { unreadable: shown };
}

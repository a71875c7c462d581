/**
 * How figures read in Vietnamese: 1.234 for thousands, 85,3% for percents (always one decimal, so
 * "90,0%" stands beside "95,6%"), dd/MM/yyyy for dates (shared/text.ts).
 */
import { parsePeriodKey } from "../../../shared/periods";
import { formatDateTimeVi, formatDateVi } from "../../../shared/text";

const INT = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const PCT = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : INT.format(n));
export const pct = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : `${PCT.format(n)}%`);

/** 'yyyy-MM-dd' → 'dd/MM/yyyy'; empty for none. */
export const dateVi = (iso: string | null | undefined): string => (iso ? formatDateVi(iso) : "");

/** An instant → 'dd/MM/yyyy HH:mm' in Vietnam time; empty for none. */
export const dateTimeVi = (instant: string | null | undefined): string => (instant ? formatDateTimeVi(instant) : "");

const KIND_WORDS = /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu|Thôn|Tổ dân phố|Bản|Làng|Ấp|Khu phố|Khu|Xóm|Tổ)\s/;

/** "Xã Hồng Giang" inside a sentence reads "xã Hồng Giang": lower-case a leading unit kind only. */
export function midSentence(label: string): string {
  return KIND_WORDS.test(label) ? label.charAt(0).toLocaleLowerCase("vi") + label.slice(1) : label;
}

/** Whether `next` is the week right after `prev`, from their dates (ISO years of 52 or 53 weeks alike). */
function followsDirectly(prev: string, next: string): boolean {
  const a = parsePeriodKey(prev);
  const b = parsePeriodKey(next);
  if (!a || !b || a.kind !== "week" || b.kind !== "week") return false;
  return Date.parse(`${b.start}T00:00:00Z`) - Date.parse(`${a.end}T00:00:00Z`) === 86_400_000;
}

const weekNo = (week: string) => week.slice(6);
const weekYear = (week: string) => week.slice(0, 4);
const isWeekKey = (s: string) => /^\d{4}-W\d{2}$/.test(s);

/**
 * Runs of consecutive ISO weeks: ["2022-W44", …, "2022-W52"] → ["44–52/2022"]; across a new year
 * ["2022-W50", …, "2023-W02"] → ["50/2022–02/2023"]; a lone week → ["05/2022"]. Weeks are sorted and
 * deduplicated first; anything that is not a week key is kept as it is.
 */
export function weekRanges(weeks: readonly string[]): string[] {
  const sorted = [...new Set(weeks)].sort();
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    if (!isWeekKey(first)) {
      out.push(first);
      i++;
      continue;
    }
    let last = first;
    while (i + 1 < sorted.length && followsDirectly(last, sorted[i + 1]!)) last = sorted[++i]!;
    i++;
    if (last === first) out.push(`${weekNo(first)}/${weekYear(first)}`);
    else if (weekYear(last) === weekYear(first)) out.push(`${weekNo(first)}–${weekNo(last)}/${weekYear(first)}`);
    else out.push(`${weekNo(first)}/${weekYear(first)}–${weekNo(last)}/${weekYear(last)}`);
  }
  return out;
}

/** "Tuần 44–52/2022, 50/2022–02/2023": a list of weeks, as short as it reads. Empty for none. */
export function weekRangesVi(weeks: readonly string[]): string {
  const r = weekRanges(weeks);
  return r.length ? `Tuần ${r.join(", ")}` : "";
}

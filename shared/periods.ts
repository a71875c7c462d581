/**
 * Reporting periods in Vietnam time (Asia/Ho_Chi_Minh), with date-fns: ISO weeks, months,
 * quarters, half-years, years and the plan's phases. Keys: `2022-W03`, `2022-01`, `2022-Q1`,
 * `2022-H1`, `2022`, `P1`…`P3`. Dates are calendar dates 'yyyy-MM-dd'; instants are Date/ISO.
 */
import { TZDate } from "@date-fns/tz";
import {
  addDays,
  endOfMonth,
  endOfQuarter,
  format,
  getISOWeek,
  getISOWeeksInYear,
  getISOWeekYear,
  getQuarter,
  parseISO,
  setISOWeek,
  startOfISOWeek,
} from "date-fns";
import { formatDateVi, TZ } from "./text";

export type PeriodKind = "week" | "month" | "quarter" | "half" | "year" | "phase";

export interface Period {
  kind: PeriodKind;
  key: string;
  /** First day, 'yyyy-MM-dd'. */
  start: string;
  /** Last day (inclusive), 'yyyy-MM-dd'. */
  end: string;
  label_vi: string;
}

/** Start of operation of the teams (plan, section III). */
export const PLAN_START = "2021-10-20";
/** Roll-out to every commune from December 2022. */
export const ROLL_OUT_FROM = "2022-12-01";

/** The plan's phases: each ends with its review (sơ kết / tổng kết). */
export const PLAN_PHASES = [
  { key: "P1", start: "2021-10-20", end: "2022-01-31", label_vi: "Đợt 1: từ 20/10/2021 đến sơ kết tháng 01/2022" },
  { key: "P2", start: "2022-02-01", end: "2022-06-30", label_vi: "Đợt 2: đến sơ kết tháng 6/2022" },
  { key: "P3", start: "2022-07-01", end: "2022-10-31", label_vi: "Đợt 3: đến tổng kết tháng 10/2022" },
] as const;

/** The dated steps of the plan (section III). */
export const PLAN_MILESTONES = [
  { code: "M01", due_on: "2021-10-10", title_vi: "Ban Thường vụ Huyện ủy ban hành Kế hoạch và Quyết định thành lập Tổ hướng dẫn và giám sát" },
  { code: "M02", due_on: "2021-10-15", title_vi: "Hướng dẫn nhiệm vụ của Tổ Dân vận cộng đồng" },
  { code: "M03", due_on: "2021-10-15", title_vi: "Đảng ủy xã ban hành Kế hoạch, Quyết định thành lập Ban Chỉ đạo, Quyết định thành lập các Tổ; hội nghị triển khai" },
  { code: "M04", due_on: "2021-10-20", title_vi: "Tổ Dân vận cộng đồng đi vào hoạt động, thành lập nhóm Zalo gồm đại diện các hộ gia đình" },
  { code: "M05", due_on: "2022-01-31", title_vi: "Sơ kết rút kinh nghiệm đợt 1 (tháng 01/2022)" },
  { code: "M06", due_on: "2022-06-30", title_vi: "Sơ kết rút kinh nghiệm đợt 2 (tháng 6/2022)" },
  { code: "M07", due_on: "2022-10-31", title_vi: "Tổng kết thực hiện thí điểm (tháng 10/2022)" },
  { code: "M08", due_on: "2022-12-31", title_vi: "Triển khai nhân rộng mô hình (từ tháng 12/2022)" },
] as const;

const day = (d: Date) => format(d, "yyyy-MM-dd");
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ROMAN = ["I", "II", "III", "IV"] as const;

/** Monday of ISO week `week` of ISO week-year `year`. */
function isoWeekMonday(year: number, week: number): Date {
  return startOfISOWeek(setISOWeek(new Date(year, 0, 4), week));
}

/** Parse a period key, leniently ("2022-w3", " 2022-q1 "); null when it is not a period. */
export function parsePeriodKey(input: string): Period | null {
  const s = String(input).trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-W(\d{1,2})$/.exec(s))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > getISOWeeksInYear(new Date(year, 5, 1))) return null;
    const start = isoWeekMonday(year, week);
    const key = `${year}-W${pad(week)}`;
    const end = addDays(start, 6);
    return { kind: "week", key, start: day(start), end: day(end), label_vi: `Tuần ${pad(week)}/${year} (${format(start, "dd/MM")}–${format(end, "dd/MM/yyyy")})` };
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const start = new Date(year, month - 1, 1);
    return { kind: "month", key: `${year}-${pad(month)}`, start: day(start), end: day(endOfMonth(start)), label_vi: `Tháng ${pad(month)}/${year}` };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const start = new Date(year, (q - 1) * 3, 1);
    return { kind: "quarter", key: `${year}-Q${q}`, start: day(start), end: day(endOfQuarter(start)), label_vi: `Quý ${ROMAN[q - 1]}/${year}` };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(s))) {
    const year = Number(m[1]);
    const h = Number(m[2]);
    return {
      kind: "half",
      key: `${year}-H${h}`,
      start: h === 1 ? `${year}-01-01` : `${year}-07-01`,
      end: h === 1 ? `${year}-06-30` : `${year}-12-31`,
      label_vi: h === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
    };
  }
  if ((m = /^(\d{4})$/.exec(s))) {
    const year = Number(m[1]);
    return { kind: "year", key: String(year), start: `${year}-01-01`, end: `${year}-12-31`, label_vi: `Năm ${year}` };
  }
  const phase = PLAN_PHASES.find((p) => p.key === s);
  if (phase) return { kind: "phase", key: phase.key, start: phase.start, end: phase.end, label_vi: phase.label_vi };
  return null;
}

/** The key of the period of a kind that holds a date (yyyy-MM-dd); throws for a date outside every plan phase. */
export function periodKeyOf(kind: PeriodKind, date: string): string {
  const d = parseISO(date);
  switch (kind) {
    case "week":
      return isoWeekKey(date);
    case "month":
      return format(d, "yyyy-MM");
    case "quarter":
      return `${format(d, "yyyy")}-Q${getQuarter(d)}`;
    case "half":
      return `${format(d, "yyyy")}-H${d.getMonth() < 6 ? 1 : 2}`;
    case "year":
      return format(d, "yyyy");
    case "phase": {
      const p = PLAN_PHASES.find((x) => x.start <= date && date <= x.end);
      if (!p) throw new RangeError(`${formatDateVi(date)} không thuộc đợt nào của kế hoạch`);
      return p.key;
    }
  }
}

/** ISO week key of a calendar date: 2021-01-01 → '2020-W53'. */
export function isoWeekKey(date: string): string {
  const d = parseISO(date);
  return `${getISOWeekYear(d)}-W${pad(getISOWeek(d))}`;
}

function weekOrThrow(weekKey: string): Period {
  const p = parsePeriodKey(weekKey);
  if (!p || p.kind !== "week") throw new RangeError(`Không phải tuần: ${weekKey}`);
  return p;
}

/** Monday of a week. */
export const weekStart = (weekKey: string): string => weekOrThrow(weekKey).start;
/** Sunday of a week. */
export const weekEnd = (weekKey: string): string => weekOrThrow(weekKey).end;

/**
 * The weeks a period expects reports for: those whose Sunday falls inside the period (so a week
 * that straddles two months or years counts once, in the period that holds its end).
 */
export function weeksInPeriod(periodKey: string): string[] {
  const p = parsePeriodKey(periodKey);
  if (!p) throw new RangeError(`Kỳ không hợp lệ: ${periodKey}`);
  const out: string[] = [];
  // first Sunday on or after the start
  let sunday = parseISO(p.start);
  while (sunday.getDay() !== 0) sunday = addDays(sunday, 1);
  for (; day(sunday) <= p.end; sunday = addDays(sunday, 7)) out.push(isoWeekKey(day(sunday)));
  return out;
}

/** The weeks of a period during which a team existed (founded by the week's end, not dissolved before its start). */
export function expectedWeeks(periodKey: string, founded_on?: string, dissolved_on?: string): string[] {
  return weeksInPeriod(periodKey).filter((w) => {
    const p = weekOrThrow(w);
    return (!founded_on || p.end >= founded_on) && (!dissolved_on || p.start <= dissolved_on);
  });
}

/**
 * The deadline of a weekly report: the end (23:59:59.999 Vietnam time) of the day `graceDays`
 * after the week's Sunday — by default the Monday after the week.
 */
export function weeklyDeadline(weekKey: string, opts: { graceDays?: number } = {}): Date {
  const last = addDays(parseISO(weekEnd(weekKey)), opts.graceDays ?? 1);
  const t = new TZDate(last.getFullYear(), last.getMonth(), last.getDate(), 23, 59, 59, 999, TZ);
  return new Date(t.getTime());
}

export function isOnTime(weekKey: string, receivedAt: Date | string, opts: { graceDays?: number } = {}): boolean {
  const at = typeof receivedAt === "string" ? new Date(receivedAt) : receivedAt;
  return at.getTime() <= weeklyDeadline(weekKey, opts).getTime();
}

/** Today's date in Vietnam, 'yyyy-MM-dd'. */
export function todayVi(now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), TZ), "yyyy-MM-dd");
}

export function currentYearVi(now: Date = new Date()): number {
  return Number(todayVi(now).slice(0, 4));
}

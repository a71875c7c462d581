/**
 * Reporting periods with date-fns: ISO weeks, months, quarters, half-years, years and the plan's
 * phases. Keys: `2022-W03`, `2022-01`, `2022-Q1`, `2022-H1`, `2022`, `P1`…`P3`.
 *
 * Dates are calendar dates 'yyyy-MM-dd'; instants are `Date`s or ISO strings. Instants become
 * dates in Vietnam time with `@date-fns/tz`; deadlines are the end of a day at UTC+7. Calendar arithmetic
 * itself has no time zone: it runs on local-midnight `Date`s, which gives the same days in any host
 * zone and is ~15× faster than `TZDate` (periods are computed per team and week in roll-ups).
 */
import { TZDate } from "@date-fns/tz";
import {
  addDays,
  addWeeks,
  endOfISOWeek,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  getISOWeek,
  getISOWeeksInYear,
  getISOWeekYear,
  getMonth,
  getQuarter,
  getYear,
  lightFormat,
  setISOWeek,
  startOfDay,
  startOfISOWeek,
} from "date-fns";
import { PLAN_PHASES } from "./plan";
import { formatDateVi, TZ } from "./text";

export { PLAN_MILESTONES, PLAN_PHASES, PLAN_START, ROLL_OUT_FROM } from "./plan";

export type PeriodKind = "week" | "month" | "quarter" | "half" | "year" | "phase";

export const PERIOD_KINDS: readonly PeriodKind[] = ["week", "month", "quarter", "half", "year", "phase"];

export interface Period {
  kind: PeriodKind;
  /** Canonical key: `2022-W03`, `2022-01`, `2022-Q1`, `2022-H1`, `2022`, `P1`. */
  key: string;
  /** First day, 'yyyy-MM-dd'. */
  start: string;
  /** Last day (inclusive), 'yyyy-MM-dd'. */
  end: string;
  /** "Tuần 03/2022 (17/01–23/01/2022)", "Quý I/2022", … */
  label_vi: string;
}

/** Days after a week's Sunday by which its report is due: by default the Monday after. */
export const DEFAULT_GRACE_DAYS = 1;

export interface DeadlineOptions {
  /** Days after the week's Sunday (default 1: end of the Monday after the week). */
  graceDays?: number;
}

const ROMAN = ["I", "II", "III", "IV"] as const;
const pad = (n: number) => String(n).padStart(2, "0");
/** A calendar day (local-midnight `Date`) as 'yyyy-MM-dd'. */
const ymd = (d: Date) => lightFormat(d, "yyyy-MM-dd");

/** A calendar date 'yyyy-MM-dd' as a local-midnight `Date`; throws for anything else (e.g. 2022-02-30). */
function calendarDay(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date));
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  // A day that does not exist (2022-02-30) rolls over into another month: refused.
  if (!d || d.getFullYear() !== Number(m![1]) || d.getMonth() !== Number(m![2]) - 1 || d.getDate() !== Number(m![3]))
    throw new RangeError(`Ngày không hợp lệ: ${date}`);
  return d;
}

/** First and last day of a span as 'yyyy-MM-dd'. */
const span = (start: Date, end: Date) => ({ start: ymd(start), end: ymd(end) });

function weekPeriod(year: number, week: number): Period | null {
  const jan4 = new Date(year, 0, 4); // 4 January is always in week 1 of its ISO week-year
  if (week < 1 || week > getISOWeeksInYear(jan4)) return null;
  const monday = startOfISOWeek(setISOWeek(jan4, week));
  const sunday = endOfISOWeek(monday);
  const from = getYear(monday) === getYear(sunday) ? lightFormat(monday, "dd/MM") : lightFormat(monday, "dd/MM/yyyy");
  const label_vi = `Tuần ${pad(week)}/${year} (${from}–${lightFormat(sunday, "dd/MM/yyyy")})`;
  return { kind: "week", key: `${year}-W${pad(week)}`, ...span(monday, sunday), label_vi };
}

function readPeriodKey(s: string): Period | null {
  let m = /^([1-9]\d{3})-?W(\d{1,2})$/.exec(s);
  if (m) return weekPeriod(Number(m[1]), Number(m[2]));
  m = /^([1-9]\d{3})-(\d{1,2})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const first = new Date(year, month - 1, 1);
    return { kind: "month", key: `${year}-${pad(month)}`, ...span(first, endOfMonth(first)), label_vi: `Tháng ${pad(month)}/${year}` };
  }
  m = /^([1-9]\d{3})-?Q([1-4])$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const first = new Date(year, (q - 1) * 3, 1);
    return { kind: "quarter", key: `${year}-Q${q}`, ...span(first, endOfQuarter(first)), label_vi: `Quý ${ROMAN[q - 1]}/${year}` };
  }
  m = /^([1-9]\d{3})-?H([12])$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const h = Number(m[2]);
    const first = new Date(year, h === 1 ? 0 : 6, 1);
    const last = endOfMonth(new Date(year, h === 1 ? 5 : 11, 1));
    return { kind: "half", key: `${year}-H${h}`, ...span(first, last), label_vi: `6 tháng ${h === 1 ? "đầu" : "cuối"} năm ${year}` };
  }
  m = /^([1-9]\d{3})$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const first = new Date(year, 0, 1);
    return { kind: "year", key: String(year), ...span(first, endOfYear(first)), label_vi: `Năm ${year}` };
  }
  const phase = PLAN_PHASES.find((p) => p.key === s);
  return phase ? { kind: "phase", key: phase.key, start: phase.start, end: phase.end, label_vi: phase.label_vi } : null;
}

// Periods are parsed over and over (per team and week in a roll-up): keep them.
const parsed = new Map<string, Period | null>();

/**
 * Reads a period key, leniently (" 2022-w3 ", "2022-q1", "2022-h2", "2022-1", "p2"), giving the
 * canonical key, first and last day and Vietnamese label; null when it is not a period
 * (including "2021-W53": 2021 has 52 ISO weeks).
 */
export function parsePeriodKey(input: string | null | undefined): Period | null {
  const p = cachedPeriod(input);
  return p && { ...p };
}

/** The parsed period, shared with the cache: not to be changed (callers get copies). */
function cachedPeriod(input: string | null | undefined): Period | null {
  const s = String(input ?? "")
    .trim()
    .toUpperCase();
  let p = parsed.get(s);
  if (p === undefined) {
    p = readPeriodKey(s);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(s, p);
  }
  return p;
}

function periodOrThrow(periodKey: string): Period {
  const p = cachedPeriod(periodKey);
  if (!p) throw new RangeError(`Kỳ báo cáo không hợp lệ: ${periodKey}`);
  return p;
}

function weekOrThrow(weekKey: string): Period {
  const p = cachedPeriod(weekKey);
  if (p?.kind !== "week") throw new RangeError(`Không phải tuần: ${weekKey}`);
  return p;
}

/** The calendar date `days` days after `date` (before it when negative); throws for a bad date. */
export const shiftDate = (date: string, days: number): string => ymd(addDays(calendarDay(date), days));

/** ISO week key ('yyyy-Www', ISO week-year) of a calendar date: 2021-01-01 → '2020-W53'. */
export function isoWeekKey(date: string): string {
  const d = calendarDay(date);
  return `${getISOWeekYear(d)}-W${pad(getISOWeek(d))}`;
}

/**
 * The key of the period of `kind` that holds a calendar date. Throws a RangeError for a bad date,
 * and for kind "phase" when the date is outside every plan phase.
 */
export function periodKeyOf(kind: PeriodKind, date: string): string {
  const d = calendarDay(date);
  switch (kind) {
    case "week":
      return isoWeekKey(date);
    case "month":
      return lightFormat(d, "yyyy-MM");
    case "quarter":
      return `${getYear(d)}-Q${getQuarter(d)}`;
    case "half":
      return `${getYear(d)}-H${getMonth(d) < 6 ? 1 : 2}`;
    case "year":
      return String(getYear(d));
    case "phase": {
      const p = PLAN_PHASES.find((x) => x.start <= date && date <= x.end);
      if (!p) throw new RangeError(`Ngày ${formatDateVi(date)} không thuộc đợt nào của kế hoạch`);
      return p.key;
    }
    default:
      throw new RangeError(`Loại kỳ không hợp lệ: ${String(kind)}`);
  }
}

/** Monday of a week ('yyyy-MM-dd'); throws for a key that is not a week. */
export const weekStart = (weekKey: string): string => weekOrThrow(weekKey).start;
/** Sunday of a week ('yyyy-MM-dd'); throws for a key that is not a week. */
export const weekEnd = (weekKey: string): string => weekOrThrow(weekKey).end;

const weekLists = new Map<string, readonly string[]>();

/**
 * The weeks a period expects reports for, in order. Rule: a week (Monday–Sunday) belongs to the
 * period that holds its Sunday, so a week straddling two months, quarters or years is counted once,
 * in the later one (2021-W52, 27/12/2021–02/01/2022, belongs to January 2022 and to 2022).
 * Throws for a bad period key.
 */
export function weeksInPeriod(periodKey: string): string[] {
  const p = periodOrThrow(periodKey);
  let weeks = weekLists.get(p.key);
  if (!weeks) {
    const out: string[] = [];
    const last = calendarDay(p.end).getTime();
    for (let sunday = startOfDay(endOfISOWeek(calendarDay(p.start))); sunday.getTime() <= last; sunday = addWeeks(sunday, 1)) {
      out.push(isoWeekKey(ymd(sunday)));
    }
    weeks = out;
    if (weekLists.size > 5000) weekLists.clear();
    weekLists.set(p.key, weeks);
  }
  return [...weeks];
}

/**
 * The weeks of a period (see `weeksInPeriod`) during which a team existed: the week ends on or
 * after `founded_on` and, when the team was dissolved, starts before `dissolved_on` — the first
 * day the team no longer exists (an exclusive end, like a unit's `valid_to`).
 */
export function expectedWeeks(periodKey: string, founded_on?: string | null, dissolved_on?: string | null): string[] {
  return weeksInPeriod(periodKey).filter((w) => {
    const p = weekOrThrow(w);
    return (!founded_on || p.end >= founded_on) && (!dissolved_on || p.start < dissolved_on);
  });
}

const deadlines = new Map<string, number>();

/**
 * The deadline of a week's report, an instant: the end (23:59:59.999 Vietnam time) of the day
 * `graceDays` after the week's Sunday; by default the Monday after the week.
 */
export function weeklyDeadline(weekKey: string, opts: DeadlineOptions = {}): Date {
  const grace = opts.graceDays ?? DEFAULT_GRACE_DAYS;
  if (!Number.isInteger(grace)) throw new RangeError(`Số ngày gia hạn không hợp lệ: ${grace}`);
  const id = `${weekKey}|${grace}`;
  let t = deadlines.get(id);
  if (t === undefined) {
    const due = ymd(addDays(calendarDay(weekEnd(weekKey)), grace));
    // The end of that day in Vietnam, which keeps UTC+7 all year (no daylight saving), as
    // worker/src/rollup/deadline-sql.ts also takes it.
    t = Date.parse(`${due}T23:59:59.999+07:00`);
    if (deadlines.size > 5000) deadlines.clear();
    deadlines.set(id, t);
  }
  return new Date(t);
}

/** Whether a report received at an instant meets its week's deadline; an unreadable time is never on time. */
export function isOnTime(weekKey: string, receivedAt: Date | string, opts: DeadlineOptions = {}): boolean {
  const at = typeof receivedAt === "string" ? new Date(receivedAt) : receivedAt;
  return at.getTime() <= weeklyDeadline(weekKey, opts).getTime();
}

/** Today's calendar date in Vietnam, 'yyyy-MM-dd'. */
export function todayVi(now: Date = new Date()): string {
  return lightFormat(new TZDate(now.getTime(), TZ), "yyyy-MM-dd");
}

/** This year in Vietnam (it turns at midnight Vietnam time, 17:00 UTC on 31 December). */
export function currentYearVi(now: Date = new Date()): number {
  return getYear(new TZDate(now.getTime(), TZ));
}

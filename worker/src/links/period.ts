/**
 * Choosing the period of a link page: from `?period=` (and `?kind=` when the user switches the
 * kind in the form), else the last complete quarter that has weekly reports (its figures are
 * final), or the current quarter when none has. Periods themselves are defined in shared/periods.ts.
 */
import { type PeriodKind, parsePeriodKey, periodKeyOf, weeksInPeriod } from "../../../shared/periods";
import type { PeriodRef } from "../rollup/types";

/** The kinds offered in the form, in order, with their Vietnamese names. */
export const KIND_LABELS: Record<PeriodKind, string> = {
  week: "Tuần",
  month: "Tháng",
  quarter: "Quý",
  half: "6 tháng",
  year: "Năm",
  phase: "Đợt của kế hoạch",
};

export function tryParsePeriod(key: string | undefined | null): PeriodRef | null {
  if (!key) return null;
  try {
    return parsePeriodKey(key);
  } catch {
    return null;
  }
}

function tryKeyOf(kind: PeriodKind, date: string): string | null {
  try {
    return periodKeyOf(kind, date);
  } catch {
    return null;
  }
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The last week of the complete quarters (those before today's quarter): a week belongs to the
 * quarter holding its Sunday (shared/periods.ts weeksInPeriod), so weeks up to this one are those
 * of complete quarters. Null when there is none (a date outside the periods' range).
 */
export function lastCompleteWeek(today: string): string | null {
  const current = tryParsePeriod(tryKeyOf("quarter", today));
  const previous = current ? tryKeyOf("quarter", addDays(current.start, -1)) : null;
  return previous ? (weeksInPeriod(previous).at(-1) ?? null) : null;
}

/**
 * The period a link opens on: the quarter of `lastWeek` — the last week with a report up to
 * `lastCompleteWeek(today)`, so the last complete quarter that has reports — else the current quarter.
 */
export function defaultPeriodKey(today: string, lastWeek: string | null): string {
  const current = tryKeyOf("quarter", today) ?? today.slice(0, 4);
  const last = tryParsePeriod(lastWeek);
  const cur = tryParsePeriod(current);
  if (last && cur && last.end < cur.start) return tryKeyOf("quarter", last.end) ?? current;
  return current;
}

export interface ResolvedPeriod {
  period: PeriodRef;
  /** Set when the request named a period that could not be read. */
  invalid: boolean;
}

/**
 * The period asked for. `kind` (from the form) wins over the kind of `period`: switching from
 * "Quý" to "Tháng" keeps the start date and shows its month; an empty `period` means the current one.
 */
export function resolvePeriod(
  q: { period?: string | undefined; kind?: string | undefined },
  today: string,
  fallbackKey: string,
): ResolvedPeriod {
  const { period, invalid } = askedPeriod(q, today);
  return { period: period ?? tryParsePeriod(fallbackKey)!, invalid };
}

/** The period a request names (`resolvePeriod` without the fallback): null when it names none that can be read. */
export function askedPeriod(
  q: { period?: string | undefined; kind?: string | undefined },
  today: string,
): { period: PeriodRef | null; invalid: boolean } {
  const kind = q.kind && q.kind in KIND_LABELS ? (q.kind as PeriodKind) : undefined;
  const asked = q.period?.trim() ? tryParsePeriod(q.period) : null;
  const invalid = !!q.period?.trim() && !asked;
  let key: string | null = null;
  if (asked) key = kind && kind !== asked.kind ? tryKeyOf(kind, asked.start) : asked.key;
  else if (kind && !invalid) key = tryKeyOf(kind, today);
  return { period: tryParsePeriod(key), invalid };
}

/** The periods of the same kind just before and after. */
export function adjacentPeriods(p: PeriodRef): { prev: string | null; next: string | null } {
  const prev = tryKeyOf(p.kind, addDays(p.start, -1));
  const next = tryKeyOf(p.kind, addDays(p.end, 1));
  return { prev: prev && prev !== p.key ? prev : null, next: next && next !== p.key ? next : null };
}

/** Suggestions for the form: the year of the period and the year before, their halves and quarters, and the plan phases. */
export function suggestedPeriods(p: PeriodRef): { value: string; label: string }[] {
  const year = Number(p.start.slice(0, 4));
  const keys: string[] = [];
  for (const y of [year, year - 1]) keys.push(`${y}`, `${y}-H1`, `${y}-H2`, `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`);
  keys.push("P1", "P2", "P3");
  return keys.flatMap((k) => {
    const parsed = tryParsePeriod(k);
    return parsed ? [{ value: parsed.key, label: parsed.label_vi }] : [];
  });
}

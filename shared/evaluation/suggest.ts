/**
 * A team's suggested rating for a quarter or a year, from its weekly reports (reporting, timeliness,
 * the counts each activity criterion sums) and meetings, by the commune's rule table (./criteria.ts),
 * with its reasons in words. Reporting and timeliness are counted as the worker's rollup counts them
 * (../reporting.ts); a report is on time when its "Ngày báo cáo" is no later than the week's
 * deadline — the team's own timeliness, where the district page judges when the commune's
 * submission arrived. Pure.
 */
import { RATINGS, type Rating } from "../enums";
import { isOnTime, parsePeriodKey, periodKeyOf, todayVi, weeksInPeriod } from "../periods";
import { teamReporting } from "../reporting";
import { type ActivityCriterion, CRITERIA, type CriteriaTable, type CriterionCode, countsOfCriterion, LEVELS } from "./criteria";

export interface TeamLife {
  team_code: string;
  founded_on?: string | undefined;
  dissolved_on?: string | undefined;
}

/** A weekly report as the draft reads it: its week, report date and counts (by column key). */
export type WeeklyFacts = { week: string; submitted_on?: string | undefined } & Record<string, unknown>;

/** The counts each activity criterion sums (./criteria.ts). */
const SUMMED: Record<ActivityCriterion, readonly string[]> = {
  TT: countsOfCriterion("TT").map((c) => c.key),
  HO: countsOfCriterion("HO").map((c) => c.key),
};

export interface TeamFigures {
  expected: number;
  received: number;
  on_time: number;
  reporting_rate: number | null;
  on_time_rate: number | null;
  quarters: number;
  quarters_met: number;
  /** Propaganda on loudspeakers and Zalo per expected week (criterion TT). */
  propaganda: number;
  /** Households visited per expected week (criterion HO). */
  visits: number;
  values: Partial<Record<CriterionCode, number | null>>;
}

const one = (n: number) => Math.round(n * 10) / 10;
/** "92,3" */
export const viNumber = (n: number) => String(one(n)).replace(".", ",");

/**
 * The figures of a team for `period` ('2022-Q3' or '2022'). `now`: weeks whose deadline has not
 * passed are not asked for yet, nor quarters not ended (unless they already have their report or meeting).
 */
export function teamFigures(
  period: string,
  team: TeamLife,
  weekly: readonly WeeklyFacts[],
  meetingDates: readonly string[],
  now: Date,
): TeamFigures {
  const p = parsePeriodKey(period)!;
  const inPeriod = new Set(weeksInPeriod(p.key));
  const own = weekly.filter((w) => inPeriod.has(w.week));
  const onTime = new Map(own.map((w) => [w.week, !!w.submitted_on && isOnTime(w.week, new Date(`${w.submitted_on}T12:00:00+07:00`))]));
  const rep = teamReporting(p.key, team, onTime, now);
  const counted = own.filter((w) => rep.weeks.includes(w.week));
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  const perWeek = (c: ActivityCriterion) =>
    rep.expected ? counted.reduce((s, w) => s + SUMMED[c].reduce((t, k) => t + num(w[k]), 0), 0) / rep.expected : 0;
  // Periodic meetings: one a quarter the team lived in (the plan, II.2).
  const today = todayVi(now);
  const quarters = [...new Set(weeksInPeriod(p.key).map((w) => periodKeyOf("quarter", parsePeriodKey(w)!.end)))].map(
    (q) => parsePeriodKey(q)!,
  );
  let expectedQ = 0;
  let met = 0;
  for (const q of quarters) {
    const lived = (!team.founded_on || team.founded_on <= q.end) && (!team.dissolved_on || team.dissolved_on > q.start);
    const held = meetingDates.some((d) => d >= q.start && d <= q.end);
    if (!lived || (!held && q.end >= today)) continue;
    expectedQ++;
    if (held) met++;
  }
  const f: TeamFigures = {
    ...rep,
    quarters: expectedQ,
    quarters_met: met,
    propaganda: one(perWeek("TT")),
    visits: one(perWeek("HO")),
    values: {},
  };
  f.values = {
    BC: rep.reporting_rate,
    DH: rep.on_time_rate,
    HOP: expectedQ ? one((100 * met) / expectedQ) : null,
    TT: rep.expected ? f.propaganda : null,
    HO: rep.expected ? f.visits : null,
  };
  return f;
}

export interface Suggestion {
  rating: Rating;
  reasons: string;
}

/** The rating every criterion reaches, and why, in Vietnamese. */
export function suggestRating(f: TeamFigures, table: CriteriaTable): Suggestion {
  let worst = 0;
  const lines: string[] = [];
  for (const c of CRITERIA) {
    const t = table.thresholds[c.code];
    const v = f.values[c.code];
    if (!t || v === null || v === undefined) continue;
    const reached = LEVELS.findIndex((_, j) => t[j] === null || v >= t[j]!);
    const level = reached < 0 ? LEVELS.length : reached;
    worst = Math.max(worst, level);
    const detail =
      c.code === "BC"
        ? ` (${f.received}/${f.expected} tuần)`
        : c.code === "DH"
          ? ` (${f.on_time}/${f.expected} tuần)`
          : c.code === "HOP"
            ? ` (${f.quarters_met}/${f.quarters} quý)`
            : "";
    const got =
      reached < 0
        ? `chưa đạt mức ${RATINGS.done} (từ ${viNumber(t[2] ?? 0)})`
        : `đạt mức ${RATINGS[LEVELS[reached]!]}${t[reached] !== null ? ` (từ ${viNumber(t[reached]!)})` : ""}`;
    lines.push(`${c.label}: ${viNumber(v)}${c.unit === "%" ? "%" : ` ${c.unit}`}${detail} — ${got}.`);
  }
  const rating: Rating = worst < LEVELS.length ? LEVELS[worst]! : "not_done";
  lines.push(`Gợi ý: ${RATINGS[rating]} (mức thấp nhất mà mọi tiêu chí đạt).`);
  return { rating, reasons: lines.join("\n") };
}

/**
 * A commune's figures at depth "commune" from the flat summaries (0030_rollup_summaries.sql): its
 * teams grouped by founding and dissolution (cohorts), its months and its meetings per month — so a
 * rollup above a commune reads O(communes × months) rows, never a row per team and week. The figures
 * are those ./team.ts and ./tree.ts give team by team (tests/worker/rollup-depth.test.ts and
 * rollup-summaries.test.ts compare them): expected weeks per cohort (./team.ts `teamWindows`), a week
 * not due yet expected only when received, a team missing reports when it received fewer than it
 * owes — from the digit per team and month (`team_received`).
 *
 * Used for a commune read whole (not a split commune going by village) over a period made of whole
 * months (month, quarter, half, year) in which no month has weeks both before and after the commune's
 * end; any other commune keeps the per-team reader (./read.ts).
 */
import type { MeetingKind } from "../../../shared/enums";
import { MEETING_KINDS } from "../../../shared/enums";
import { periodKeyOf, weekEnd, weeksInPeriod } from "../../../shared/periods";
import type { FigureMath, WeeklySums } from "./figures";
import type { TeamWindow } from "./team";
import type { Figures, PeriodRef } from "./types";

export interface CohortRow {
  commune_id: string;
  founded_on: string;
  dissolved_on: string;
  teams: number;
  codes: string;
  ethnic: string;
  members: number;
  households: number;
  people: number;
  zalo_households: number;
  zalo_known: number;
  outside_range: number;
}

/**
 * A commune's months of the period, as read (./read.ts): summed, and each month's reporting packed as
 * `month:received:on_time:team_received` joined by ';' — one row per commune.
 */
export type CommuneMonthRow = {
  commune_id: string;
  reports: number;
  ethnic_reports: number;
  months: string;
} & Record<string, number | string | null>;

/** A commune's meetings per month and kind, packed as `month:kind:n:team_held` joined by ';'. */
export interface CommuneMeetingRow {
  commune_id: string;
  meetings: string;
}

/** A report of a week not due yet (reports of those weeks are expected only when received). */
export interface NotDueRow {
  commune_id: string;
  team_code: string;
  week: string;
}

export interface SummaryRows {
  cohorts: CohortRow[];
  months: CommuneMonthRow[];
  meetings: CommuneMeetingRow[];
  notDue: NotDueRow[];
}

/** ?1: `{"sum": [the communes read from the summaries], …}` (./read.ts). */
const SUM_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1, '$.sum'))";

/** The statements ./read.ts runs for the summarised communes, in its one batch. */
export const SUMMARY_SQL = {
  cohorts: `SELECT * FROM agg_team_cohorts WHERE ${SUM_COMMUNES} ORDER BY commune_id, founded_on, dissolved_on`,
  /**
   * ?2, ?3: the first and last month (a period's months are consecutive: `monthsOf`). One row per
   * commune: the months summed, each month's reporting packed. A range on the key (commune_id, month)
   * rather than `month IN json_each(…)`: 125 instead of 175 ms for 3,321 communes × 12 months
   * (better-sqlite3, same rows as bench/scale-rollup.ts).
   */
  months: (counts: readonly string[]) =>
    `SELECT commune_id, sum(reports) AS reports, sum(ethnic_reports) AS ethnic_reports, ${counts.map((c) => `sum(${c}) AS ${c}, `).join("")}
       group_concat(month || ':' || received || ':' || on_time || ':' || team_received, ';') AS months
     FROM agg_commune_months WHERE ${SUM_COMMUNES} AND month BETWEEN ?2 AND ?3 GROUP BY commune_id`,
  /** ?2, ?3: the first and last month. */
  meetings: `SELECT commune_id, group_concat(month || ':' || kind || ':' || n || ':' || team_held, ';') AS meetings
     FROM agg_commune_meetings WHERE ${SUM_COMMUNES} AND month BETWEEN ?2 AND ?3 GROUP BY commune_id`,
  /** ?2: the weeks not due yet (JSON). */
  notDue: `SELECT commune_id, team_code, week FROM agg_team_weeks WHERE ${SUM_COMMUNES} AND week IN (SELECT value FROM json_each(?2))`,
};

/** A month's quarter key, kept per isolate (a few hundred months at most). */
const quarters = new Map<string, string>();
const quarterOf = (month: string) => quarters.get(month) ?? quarters.set(month, periodKeyOf("quarter", `${month}-01`)).get(month)!;

const MONTHLY_KINDS = new Set(["month", "quarter", "half", "year"]);
const PERIODIC: ReadonlySet<MeetingKind> = new Set(["quarterly", "half_year", "yearly"]);

/** The months of a period made of whole months, in order; null for any other period (a week, a plan phase). */
export function monthsOf(period: Pick<PeriodRef, "kind" | "start" | "end">): string[] | null {
  if (!MONTHLY_KINDS.has(period.kind)) return null;
  const out: string[] = [];
  let [y, m] = period.start.split("-").map(Number) as [number, number];
  for (let key = period.start.slice(0, 7); key <= period.end.slice(0, 7); ) {
    out.push(key);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out;
}

/**
 * Whether a commune ending on `end` (its valid_to, exclusive) can be read from the summaries for these
 * months: no month with weeks both before and after its end.
 */
export function summarisable(months: readonly string[] | null, end: string | null): boolean {
  if (!months) return false;
  if (!end) return true;
  return months.every((m) => {
    const weeks = weeksInPeriod(m);
    const before = weeks.filter((w) => weekEnd(w) < end).length;
    return before === 0 || before === weeks.length;
  });
}

export interface CommuneSummaryInput {
  communeId: string;
  period: PeriodRef;
  months: readonly string[];
  refDate: string;
  communeEnd: string | null;
  /** The quarters checked for periodic meetings (./meetings.ts `quartersToCheck`). */
  quarters: readonly PeriodRef[];
  windowOf: (founded: string, dissolved: string | null, communeEnd: string | null) => TeamWindow;
  /** Whether teams of the register had population changes in the period, and teams with the ethnic task (a team with changes is shown). */
  changed: { any: boolean; ethnic: boolean };
  math: FigureMath;
  counts: readonly string[];
}

export interface CommuneSummary {
  /** Whether a team of the commune would be shown (active, with reports or with changes in the period). */
  shown: boolean;
  figures: Figures;
  /** Teams with at least one expected week without a report. */
  missingTeams: number;
  /** Meetings in the period, and the team-quarters owing a periodic meeting and those skipped. */
  meetings: {
    any: boolean;
    total: number;
    by_kind: Record<MeetingKind, number>;
    owed: number;
    skipped: { team_code: string; quarter: string }[];
  };
}

/** One commune's figures from its rows of the summaries. */
export function communeSummary(rows: SummaryRows, p: CommuneSummaryInput): CommuneSummary {
  const { period, communeEnd, math } = p;
  const inPeriod = new Set(p.months);
  const lives = (founded: string, dissolved: string | null, from: string, to: string) =>
    founded <= to && (!dissolved || dissolved > from) && (!communeEnd || communeEnd > from);

  // Teams in the register's order: cohort by cohort, codes in order.
  const teams: { code: string; ethnic: boolean; cohort: number }[] = [];
  const cohorts = rows.cohorts.map((c, i) => {
    const dissolved = c.dissolved_on || null;
    const codes = JSON.parse(c.codes) as string[];
    for (const [j, code] of codes.entries()) teams.push({ code, ethnic: c.ethnic[j] === "1", cohort: i });
    return {
      row: c,
      dissolved,
      active: lives(c.founded_on, dissolved, period.start, period.end),
      activeAtRef: lives(c.founded_on, dissolved, p.refDate, p.refDate),
      window: p.windowOf(c.founded_on, dissolved, communeEnd),
    };
  });
  const indexOf = new Map(teams.map((t, i) => [t.code, i]));

  const f = math.emptyFigures(false);
  let ethnic = false;
  for (const c of cohorts) {
    if (!c.active) continue;
    const r = f.register;
    r.teams += c.row.teams;
    r.members += c.row.members;
    r.households += c.row.households;
    r.people += c.row.people;
    r.zalo_households += c.row.zalo_households;
    r.zalo_known += c.row.zalo_known;
    if (c.activeAtRef) r.teams_outside_range += c.row.outside_range;
    if (c.row.ethnic.includes("1")) ethnic = true;
  }

  // Months after the commune's end: their reports count in the sums, none is expected or received.
  const afterEnd = (month: string) => communeEnd !== null && weekEnd(weeksInPeriod(month)[0]!) >= communeEnd;
  const received = new Array<number>(teams.length).fill(0);
  const sums: Record<string, number> = Object.fromEntries(p.counts.map((k) => [k, 0]));
  let reports = 0;
  for (const row of rows.months) {
    reports += row.reports;
    if (row.ethnic_reports > 0) ethnic = true;
    for (const k of p.counts) sums[k]! += Number(row[k] ?? 0);
    for (const packed of row.months ? row.months.split(";") : []) {
      const [month, rcv, onTime, digits] = packed.split(":") as [string, string, string, string];
      if (!inPeriod.has(month) || afterEnd(month)) continue;
      f.reporting.received += Number(rcv);
      f.reporting.on_time += Number(onTime);
      for (let i = 0; i < teams.length; i++) received[i]! += digits.charCodeAt(i) - 48 || 0;
    }
  }
  // Reports of weeks not due yet, in their team's life: expected because received; not owed otherwise.
  const notDue = new Array<number>(teams.length).fill(0);
  for (const r of rows.notDue) {
    const i = indexOf.get(r.team_code);
    if (i === undefined || !cohorts[teams[i]!.cohort]!.window.weeks.includes(r.week)) continue;
    notDue[i]!++;
    f.reporting.expected++;
  }
  let missingTeams = 0;
  teams.forEach((t, i) => {
    const due = cohorts[t.cohort]!.window.due;
    f.reporting.expected += due;
    if (received[i]! - notDue[i]! < due) missingTeams++;
  });
  if (p.changed.ethnic) ethnic = true;
  const out = math.emptyFigures(ethnic);
  math.addFigures(out, f);
  math.addWeekly(out, sums as WeeklySums);

  return {
    shown: cohorts.some((c) => c.active && c.row.teams > 0) || reports > 0 || p.changed.any,
    figures: out,
    missingTeams,
    meetings: meetingsOf(rows.meetings, p, teams, cohorts, lives),
  };
}

function meetingsOf(
  rows: readonly CommuneMeetingRow[],
  p: CommuneSummaryInput,
  teams: readonly { code: string; cohort: number }[],
  cohorts: readonly { row: CohortRow; dissolved: string | null }[],
  lives: (founded: string, dissolved: string | null, from: string, to: string) => boolean,
): CommuneSummary["meetings"] {
  const out: CommuneSummary["meetings"] = {
    any: false,
    total: 0,
    by_kind: Object.fromEntries(Object.keys(MEETING_KINDS).map((k) => [k, 0])) as Record<MeetingKind, number>,
    owed: 0,
    skipped: [],
  };
  const held = new Map<string, boolean[]>();
  const from = p.period.start.slice(0, 7);
  const to = p.period.end.slice(0, 7);
  for (const row of rows) {
    for (const packed of row.meetings ? row.meetings.split(";") : []) {
      const [month, kind, n, teamHeld] = packed.split(":") as [string, MeetingKind, string, string];
      if (month >= from && month <= to) {
        out.any = true;
        out.total += Number(n);
        if (kind in out.by_kind) out.by_kind[kind] += Number(n);
      }
      if (!PERIODIC.has(kind)) continue;
      const q = quarterOf(month);
      const flags = held.get(q) ?? new Array<boolean>(teams.length).fill(false);
      for (let i = 0; i < teams.length; i++) if (teamHeld[i] === "1") flags[i] = true;
      held.set(q, flags);
    }
  }
  for (const q of p.quarters) {
    const flags = held.get(q.key);
    teams.forEach((t, i) => {
      const c = cohorts[t.cohort]!;
      // Existed on the quarter's last day (./meetings.ts).
      if (!(c.row.founded_on <= q.end && (!c.dissolved || c.dissolved > q.end) && lives(c.row.founded_on, null, q.end, q.end))) return;
      out.owed++;
      if (!flags?.[i]) out.skipped.push({ team_code: t.code, quarter: q.key });
    });
  }
  return out;
}

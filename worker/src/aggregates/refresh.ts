/**
 * Aggregate maintenance: the statements that recompute the aggregate rows of ONE commune from its
 * own tables (0001_init.sql → 0003_aggregates.sql). Written by the ingest, read by the rollup, so
 * it belongs to neither. The ingest appends them to the end of its D1 batch, so they run in the
 * same transaction as the write they follow:
 * https://developers.cloudflare.com/d1/worker-api/d1-database/#batch
 * Each table is rebuilt whole for the commune (DELETE + INSERT … SELECT … GROUP BY): a commune
 * holds a few thousand rows, and a full rebuild cannot drift from the source tables. Log rows the
 * commune withdrew (`withdrawn_at`, 0004_withdrawn_rows.sql) are left out of every aggregate.
 */
import { weekEnd, weeksInPeriod } from "../../../shared/periods";
import { HOUSEHOLDS_PER_TEAM } from "../../../shared/rules/households";
import { WEEKLY_COUNT_GROUPS, WEEKLY_COUNTS } from "../../../shared/weekly-counts";
import { onTimeSql } from "./deadline-sql";
import { communeAdhocSql, communeChangesSql, communeEvaluationsSql } from "./log-summaries";
import { clearSql, cohortsSql, communeMeetingsSql, communeMonthsSql, teamMonthsSql } from "./summaries";

/** Start and end ('yyyy-MM-dd') of an evaluation period key ('2022', '2022-Q1', '2022-H1', '2022-01') in SQL. */
const periodStart = (p: string) => `CASE
  WHEN length(${p}) = 4 THEN ${p} || '-01-01'
  WHEN substr(${p}, 6, 1) = 'Q' THEN substr(${p}, 1, 4) || '-' || printf('%02d', 3 * CAST(substr(${p}, 7) AS INTEGER) - 2) || '-01'
  WHEN substr(${p}, 6, 1) = 'H' THEN substr(${p}, 1, 4) || '-' || printf('%02d', 6 * CAST(substr(${p}, 7) AS INTEGER) - 5) || '-01'
  ELSE substr(${p}, 1, 7) || '-01' END`;
const periodMonths = (p: string) => `CASE
  WHEN length(${p}) = 4 THEN 12 WHEN substr(${p}, 6, 1) = 'Q' THEN 3 WHEN substr(${p}, 6, 1) = 'H' THEN 6 ELSE 1 END`;

/** The aggregate tables' statements by what they are built from, each taking the commune id as ?1. */
const parts = (counts: readonly string[], ethnic: readonly string[]) => ({
  register: [
    `DELETE FROM agg_teams WHERE commune_id = ?1`,
    `INSERT INTO agg_teams (commune_id, team_code, team_name, village_code, village_name, ethnic_identity,
     founded_on, dissolved_on, members, households, people, zalo_households, zalo_known)
   SELECT t.commune_id, t.team_code, t.team_name, t.village_code, coalesce(v.village_name, t.village_code),
     coalesce(v.ethnic_identity, 0), t.founded_on, t.dissolved_on,
     (SELECT count(*) FROM members m WHERE m.commune_id = t.commune_id AND m.team_code = t.team_code),
     coalesce(h.n, 0), coalesce(h.people, 0), coalesce(h.zalo, 0), coalesce(h.zalo_known, 0)
   FROM teams t
   LEFT JOIN villages v ON v.commune_id = t.commune_id AND v.village_code = t.village_code
   LEFT JOIN (SELECT team_code, count(*) AS n, sum(members_count) AS people, sum(in_zalo <> 0) AS zalo,
                     count(in_zalo) AS zalo_known -- in_zalo NULL: "Chưa rõ" (0010_zalo_unknown.sql)
              FROM households WHERE commune_id = ?1 GROUP BY team_code) h ON h.team_code = t.team_code
   WHERE t.commune_id = ?1`,
  ],
  weekly: [
    `DELETE FROM agg_team_weeks WHERE commune_id = ?1`,
    `INSERT INTO agg_team_weeks (commune_id, team_code, week, on_time, ${counts.join(", ")})
   SELECT commune_id, team_code, week, ${onTimeSql("week", "first_received_at")},
     ${counts.map((c) => `coalesce(${c}, 0)`).join(", ")}
   FROM weekly_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL`,
  ],
  /** Only the weeks (?3, JSON) of some months (?2): a submission that changed weekly reports and nothing else. */
  weeklyMonths: [
    `DELETE FROM agg_team_weeks WHERE commune_id = ?1 AND week IN (SELECT value FROM json_each(?3))`,
    `INSERT INTO agg_team_weeks (commune_id, team_code, week, on_time, ${counts.join(", ")})
   SELECT commune_id, team_code, week, ${onTimeSql("week", "first_received_at")},
     ${counts.map((c) => `coalesce(${c}, 0)`).join(", ")}
   FROM weekly_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL AND week IN (SELECT value FROM json_each(?3))`,
  ],
  summaries: [
    ...clearSql("commune", true),
    teamMonthsSql("commune"),
    cohortsSql("commune", HOUSEHOLDS_PER_TEAM),
    communeMonthsSql("commune", counts, ethnic),
  ],
  summaryMonths: [...clearSql("months", false), teamMonthsSql("months"), communeMonthsSql("months", counts, ethnic)],
  changes: [
    `DELETE FROM agg_changes WHERE commune_id = ?1`,
    `INSERT INTO agg_changes (commune_id, team_code, change_date, change_type, events, people)
   SELECT c.commune_id, coalesce(h.team_code, ''), c.change_date, c.change_type, count(*), sum(c.people)
   FROM changes c
   LEFT JOIN households h ON h.commune_id = c.commune_id AND h.household_code = c.household_code
   WHERE c.commune_id = ?1 AND c.withdrawn_at IS NULL
   GROUP BY c.commune_id, coalesce(h.team_code, ''), c.change_date, c.change_type`,
    ...communeChangesSql("commune"),
  ],
  adhoc: [
    `DELETE FROM agg_adhoc WHERE commune_id = ?1`,
    `INSERT INTO agg_adhoc (commune_id, team_code, report_date, area, urgency, status, n)
   SELECT commune_id, team_code, report_date, area, urgency, status, count(*)
   FROM adhoc_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL
   GROUP BY commune_id, team_code, report_date, area, urgency, status`,
    ...communeAdhocSql("commune"),
    `DELETE FROM agg_adhoc_open WHERE commune_id = ?1`,
    `INSERT INTO agg_adhoc_open (commune_id, report_code, report_date, team_code, area, urgency, status)
   SELECT commune_id, report_code, report_date, team_code, area, urgency, status
   FROM adhoc_reports WHERE commune_id = ?1 AND status <> 'resolved' AND withdrawn_at IS NULL`,
  ],
  meetings: [
    `DELETE FROM agg_meetings WHERE commune_id = ?1`,
    `INSERT INTO agg_meetings (commune_id, team_code, meeting_date, kind, n, members_present)
   SELECT commune_id, team_code, meeting_date, kind, count(*), sum(members_present)
   FROM meetings WHERE commune_id = ?1 AND withdrawn_at IS NULL
   GROUP BY commune_id, team_code, meeting_date, kind`,
  ],
  communeMeetings: [`DELETE FROM agg_commune_meetings WHERE commune_id = ?1`, communeMeetingsSql("commune")],
  evaluations: [
    `DELETE FROM agg_evaluations WHERE commune_id = ?1`,
    `INSERT INTO agg_evaluations (commune_id, period, period_start, period_end, team_code, rating, commendation)
   SELECT commune_id, period, ${periodStart("period")},
     date(${periodStart("period")}, '+' || ${periodMonths("period")} || ' months', '-1 day'),
     team_code, rating, CASE WHEN trim(coalesce(commendation, '')) = '' THEN 0 ELSE 1 END
   FROM evaluations WHERE commune_id = ?1 AND withdrawn_at IS NULL`,
    ...communeEvaluationsSql("commune"),
  ],
  milestones: [
    `DELETE FROM agg_milestones WHERE commune_id = ?1`,
    `INSERT INTO agg_milestones (commune_id, milestone_code, due_on, done_on, status)
   SELECT commune_id, milestone_code, due_on, done_on, status FROM milestones WHERE commune_id = ?1 AND withdrawn_at IS NULL`,
  ],
  communes: [
    `INSERT INTO agg_communes (commune_id, last_received_at, last_week)
   VALUES (?1, (SELECT max(received_at) FROM submissions WHERE commune_id = ?1),
               (SELECT max(week) FROM weekly_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL))
   ON CONFLICT (commune_id) DO UPDATE SET last_received_at = excluded.last_received_at, last_week = excluded.last_week`,
  ],
});

type Part = keyof ReturnType<typeof parts>;

const FULL: readonly Part[] = [
  "register",
  "weekly",
  "summaries",
  "changes",
  "adhoc",
  "meetings",
  "communeMeetings",
  "evaluations",
  "milestones",
  "communes",
];

/**
 * The statements, each taking the commune id as ?1; `counts` are the weekly count columns
 * (shared/weekly-counts.ts), a parameter so a test can pass another list. Everything, in order.
 */
export const refreshSql = (counts: readonly string[]): string[] => {
  const p = parts(counts, ethnicOf(counts));
  return FULL.flatMap((k) => p[k]);
};

/** The counts summed only where a village has the ethnic task (rollup/figures.ts ONLY_WHERE_ENABLED). */
const ethnicOf = (counts: readonly string[]) => counts.filter((c) => ETHNIC.has(c));
const ETHNIC = new Set<string>(WEEKLY_COUNT_GROUPS.ethnic.map((c) => c.key));

/**
 * What a submission changed, as the ingest knows it (ingest/write.ts from its sheet plans): whether
 * the register (villages, teams, members, households) was rewritten, the log sheets with rows
 * inserted, updated or withdrawn, and the weeks of the weekly reports among them.
 */
export interface Changed {
  register: boolean;
  logs: ReadonlySet<string>;
  weeks: readonly string[];
}

/** The parts to rebuild for a change, and the months of weekly reports when only those are to be redone. */
function plan(changed: Changed | undefined): { parts: Part[]; months: string[] | null } {
  if (!changed) return { parts: [...FULL], months: null };
  const logs = changed.logs;
  const out = new Set<Part>(["communes"]);
  if (changed.register) for (const k of ["register", "summaries", "changes", "communeMeetings"] as const) out.add(k);
  if (logs.has("weekly")) out.add(changed.register ? "weekly" : "weeklyMonths");
  if (logs.has("changes")) out.add("changes");
  if (logs.has("adhoc")) out.add("adhoc");
  if (logs.has("meetings")) out.add("meetings").add("communeMeetings");
  if (logs.has("evaluations")) out.add("evaluations");
  if (logs.has("milestones")) out.add("milestones");
  if (out.has("weeklyMonths")) out.add("summaryMonths");
  return { parts: FULL_ORDER.filter((k) => out.has(k)), months: out.has("weeklyMonths") ? monthsOf(changed.weeks) : null };
}

const FULL_ORDER: readonly Part[] = [
  "register",
  "weekly",
  "weeklyMonths",
  "summaries",
  "summaryMonths",
  "changes",
  "adhoc",
  "meetings",
  "communeMeetings",
  "evaluations",
  "milestones",
  "communes",
];

/** The months ('2022-01') the weeks belong to (the month of the week's Sunday; an unreadable key is skipped). */
function monthsOf(weeks: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of weeks) {
    try {
      out.add(weekEnd(w).slice(0, 7));
    } catch {
      /* not a week key: nothing stored under it */
    }
  }
  return [...out];
}

const SQL = parts(WEEKLY_COUNTS, ethnicOf(WEEKLY_COUNTS));

/**
 * Statements that recompute the aggregate rows of `communeId` from its own tables — all of them, or
 * with `changed` only those that depend on what the submission changed (the weekly reports of the
 * months it touched, when that is all). Run them after the commune's data is written (at the end of
 * the ingest batch). `counts`: the weekly counts (default: the weekly sheet's); a test passes another list.
 */
export function aggregateStatements(
  db: D1Database,
  communeId: string,
  counts: readonly string[] = WEEKLY_COUNTS,
  changed?: Changed,
): D1PreparedStatement[] {
  const p = counts === WEEKLY_COUNTS ? SQL : parts(counts, ethnicOf(counts));
  const { parts: todo, months } = plan(changed);
  const args = [communeId, JSON.stringify(months ?? []), JSON.stringify((months ?? []).flatMap((m) => weeksInPeriod(m)))];
  // A statement takes as many parameters as the highest it names (?1 the commune, ?2 the months, ?3 their weeks).
  return todo.flatMap((k) =>
    p[k].map((sql) => db.prepare(sql).bind(...args.slice(0, sql.includes("?3") ? 3 : sql.includes("?2") ? 2 : 1))),
  );
}

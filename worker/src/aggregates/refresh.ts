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
import { WEEKLY_COUNTS } from "../../../shared/weekly-counts";
import { onTimeSql } from "./deadline-sql";

/** Start and end ('yyyy-MM-dd') of an evaluation period key ('2022', '2022-Q1', '2022-H1', '2022-01') in SQL. */
const periodStart = (p: string) => `CASE
  WHEN length(${p}) = 4 THEN ${p} || '-01-01'
  WHEN substr(${p}, 6, 1) = 'Q' THEN substr(${p}, 1, 4) || '-' || printf('%02d', 3 * CAST(substr(${p}, 7) AS INTEGER) - 2) || '-01'
  WHEN substr(${p}, 6, 1) = 'H' THEN substr(${p}, 1, 4) || '-' || printf('%02d', 6 * CAST(substr(${p}, 7) AS INTEGER) - 5) || '-01'
  ELSE substr(${p}, 1, 7) || '-01' END`;
const periodMonths = (p: string) => `CASE
  WHEN length(${p}) = 4 THEN 12 WHEN substr(${p}, 6, 1) = 'Q' THEN 3 WHEN substr(${p}, 6, 1) = 'H' THEN 6 ELSE 1 END`;

/**
 * The statements, each taking the commune id as ?1; `counts` are the weekly count columns
 * (shared/weekly-counts.ts), a parameter so a test can pass another list.
 */
export const refreshSql = (counts: readonly string[]): string[] => [
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

  `DELETE FROM agg_team_weeks WHERE commune_id = ?1`,
  `INSERT INTO agg_team_weeks (commune_id, team_code, week, on_time, ${counts.join(", ")})
   SELECT commune_id, team_code, week, ${onTimeSql("week", "first_received_at")},
     ${counts.map((c) => `coalesce(${c}, 0)`).join(", ")}
   FROM weekly_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL`,

  `DELETE FROM agg_changes WHERE commune_id = ?1`,
  `INSERT INTO agg_changes (commune_id, team_code, change_date, change_type, events, people)
   SELECT c.commune_id, coalesce(h.team_code, ''), c.change_date, c.change_type, count(*), sum(c.people)
   FROM changes c
   LEFT JOIN households h ON h.commune_id = c.commune_id AND h.household_code = c.household_code
   WHERE c.commune_id = ?1 AND c.withdrawn_at IS NULL
   GROUP BY c.commune_id, coalesce(h.team_code, ''), c.change_date, c.change_type`,

  `DELETE FROM agg_adhoc WHERE commune_id = ?1`,
  `INSERT INTO agg_adhoc (commune_id, team_code, report_date, area, urgency, status, n)
   SELECT commune_id, team_code, report_date, area, urgency, status, count(*)
   FROM adhoc_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL
   GROUP BY commune_id, team_code, report_date, area, urgency, status`,

  `DELETE FROM agg_adhoc_open WHERE commune_id = ?1`,
  `INSERT INTO agg_adhoc_open (commune_id, report_code, report_date, team_code, area, urgency, status)
   SELECT commune_id, report_code, report_date, team_code, area, urgency, status
   FROM adhoc_reports WHERE commune_id = ?1 AND status <> 'resolved' AND withdrawn_at IS NULL`,

  `DELETE FROM agg_meetings WHERE commune_id = ?1`,
  `INSERT INTO agg_meetings (commune_id, team_code, meeting_date, kind, n, members_present)
   SELECT commune_id, team_code, meeting_date, kind, count(*), sum(members_present)
   FROM meetings WHERE commune_id = ?1 AND withdrawn_at IS NULL
   GROUP BY commune_id, team_code, meeting_date, kind`,

  `DELETE FROM agg_evaluations WHERE commune_id = ?1`,
  `INSERT INTO agg_evaluations (commune_id, period, period_start, period_end, team_code, rating, commendation)
   SELECT commune_id, period, ${periodStart("period")},
     date(${periodStart("period")}, '+' || ${periodMonths("period")} || ' months', '-1 day'),
     team_code, rating, CASE WHEN trim(coalesce(commendation, '')) = '' THEN 0 ELSE 1 END
   FROM evaluations WHERE commune_id = ?1 AND withdrawn_at IS NULL`,

  `DELETE FROM agg_milestones WHERE commune_id = ?1`,
  `INSERT INTO agg_milestones (commune_id, milestone_code, due_on, done_on, status)
   SELECT commune_id, milestone_code, due_on, done_on, status FROM milestones WHERE commune_id = ?1 AND withdrawn_at IS NULL`,

  `INSERT INTO agg_communes (commune_id, last_received_at, last_week)
   VALUES (?1, (SELECT max(received_at) FROM submissions WHERE commune_id = ?1),
               (SELECT max(week) FROM weekly_reports WHERE commune_id = ?1 AND withdrawn_at IS NULL))
   ON CONFLICT (commune_id) DO UPDATE SET last_received_at = excluded.last_received_at, last_week = excluded.last_week`,
];

const SQL = refreshSql(WEEKLY_COUNTS);

/**
 * Statements that recompute every aggregate row of `communeId` from its own tables. Run them after
 * the commune's data is written (at the end of the ingest batch). `counts`: the weekly counts
 * (default: the weekly sheet's); a test passes another list.
 */
export function aggregateStatements(db: D1Database, communeId: string, counts: readonly string[] = WEEKLY_COUNTS): D1PreparedStatement[] {
  return (counts === WEEKLY_COUNTS ? SQL : refreshSql(counts)).map((sql) => db.prepare(sql).bind(communeId));
}

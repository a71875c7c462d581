/**
 * The flat summaries of 0030_rollup_summaries.sql, rebuilt from agg_teams, agg_team_weeks and
 * agg_meetings (./refresh.ts runs these statements after those, in the same batch): per team × month,
 * the register's teams per (founding, dissolution), per commune × month with one digit per team, and
 * meetings per commune × month × kind with one flag per team. Rollups above a commune read these
 * (worker/src/rollup/monthly.ts). A week belongs to the month of its Sunday (shared/periods.ts
 * `weeksInPeriod`); a report counts as received when its week is in the team's life, as
 * shared/periods.ts `expectedWeeks` has it (the week ends on or after `founded_on` and starts before
 * `dissolved_on`).
 *
 * Every statement is built for a `Scope`: the whole of one commune (?1), some months of it (?1, the
 * months as JSON in ?2 and their weeks in ?3: a submission that changed only weekly reports, read by
 * index), or every commune (the migration).
 */
import { mondayAfterSql } from "./deadline-sql";

export type Scope = "commune" | "months" | "all";

const SUNDAY = (week: string) => `date(${mondayAfterSql(week)}, '-1 day')`;
const MONDAY = (week: string) => `date(${mondayAfterSql(week)}, '-7 days')`;
/** The month ('2022-01') a week key belongs to: its Sunday's. */
export const monthOfWeekSql = (week: string) => `substr(${SUNDAY(week)}, 1, 7)`;
/** The register's order of teams: by founding, dissolution ('' last among equals… by text), code. */
export const teamOrderSql = (t: string) => `${t}.founded_on, coalesce(${t}.dissolved_on, ''), ${t}.team_code`;

const MONTHS = "(SELECT value FROM json_each(?2))";
const WEEKS = "(SELECT value FROM json_each(?3))";
/** The rows of a scope: `col` the commune column; for "months", `key` IN `list` (months ?2 or weeks ?3). */
const where = (scope: Scope, col: string, key?: string, list?: string) =>
  scope === "all" ? "1 = 1" : scope === "commune" || !key ? `${col} = ?1` : `${col} = ?1 AND ${key} IN ${list}`;

/** DELETE statements of a scope (none for "all": the migration fills new tables). */
export function clearSql(scope: Scope, cohorts: boolean): string[] {
  if (scope === "all") return [];
  const m = scope === "months" ? ` AND month IN ${MONTHS}` : "";
  return [
    `DELETE FROM agg_team_months WHERE commune_id = ?1${m}`,
    `DELETE FROM agg_commune_months WHERE commune_id = ?1${m}`,
    ...(cohorts ? ["DELETE FROM agg_team_cohorts WHERE commune_id = ?1"] : []),
  ];
}

/** agg_team_months from agg_team_weeks, each week in or out of its team's life (agg_teams). */
export function teamMonthsSql(scope: Scope): string {
  return `INSERT INTO agg_team_months (commune_id, team_code, month, reports, received, on_time)
   SELECT commune_id, team_code, month, count(*), sum(life), sum(life * on_time)
   FROM (SELECT w.commune_id, w.team_code, w.on_time, ${monthOfWeekSql("w.week")} AS month,
           CASE WHEN t.team_code IS NOT NULL AND ${SUNDAY("w.week")} >= t.founded_on
             AND (coalesce(t.dissolved_on, '') = '' OR ${MONDAY("w.week")} < t.dissolved_on) THEN 1 ELSE 0 END AS life
         FROM agg_team_weeks w LEFT JOIN agg_teams t ON t.commune_id = w.commune_id AND t.team_code = w.team_code
         WHERE ${where(scope, "w.commune_id", "w.week", WEEKS)})
   GROUP BY commune_id, team_code, month`;
}

/** agg_team_cohorts from agg_teams. */
export function cohortsSql(scope: Exclude<Scope, "months">, range: { min: number; max: number }): string {
  return `INSERT INTO agg_team_cohorts (commune_id, founded_on, dissolved_on, teams, codes, ethnic, members, households, people,
     zalo_households, zalo_known, outside_range)
   SELECT commune_id, founded_on, coalesce(dissolved_on, ''), count(*), json_group_array(team_code ORDER BY team_code),
     group_concat(CASE WHEN ethnic_identity <> 0 THEN '1' ELSE '0' END, '' ORDER BY team_code),
     sum(members), sum(households), sum(people), sum(zalo_households), sum(zalo_known),
     sum(households < ${range.min} OR households > ${range.max})
   FROM agg_teams WHERE ${where(scope, "commune_id")}
   GROUP BY commune_id, founded_on, coalesce(dissolved_on, '')`;
}

/**
 * agg_commune_months: reports, received and on time from agg_team_months, the sums from agg_team_weeks,
 * of the register's teams; `ethnic`: the counts summed only over teams whose village has the ethnic
 * task (rollup/figures.ts adds them only there).
 */
export function communeMonthsSql(scope: Scope, counts: readonly string[], ethnic: readonly string[]): string {
  const only = new Set(ethnic);
  const value = (c: string) => (only.has(c) ? `sum(CASE WHEN t.ethnic_identity <> 0 THEN w.${c} ELSE 0 END)` : `sum(w.${c})`);
  return `INSERT INTO agg_commune_months (commune_id, month, reports, received, on_time, ethnic_reports, team_received${counts.map((c) => `, ${c}`).join("")})
   SELECT g.commune_id, g.month, g.reports, g.received, g.on_time, g.ethnic_reports,
     coalesce((SELECT group_concat(coalesce(x.received, 0), '' ORDER BY ${teamOrderSql("t2")}) FROM agg_teams t2
        LEFT JOIN agg_team_months x ON x.commune_id = t2.commune_id AND x.team_code = t2.team_code AND x.month = g.month
      WHERE t2.commune_id = g.commune_id), '')${counts.map((c) => `, coalesce(s.${c}, 0)`).join("")}
   FROM (SELECT m.commune_id, m.month, sum(m.reports) AS reports, sum(m.received) AS received, sum(m.on_time) AS on_time,
           sum(CASE WHEN t.ethnic_identity <> 0 THEN m.reports ELSE 0 END) AS ethnic_reports
         FROM agg_team_months m JOIN agg_teams t ON t.commune_id = m.commune_id AND t.team_code = m.team_code
         WHERE ${where(scope, "m.commune_id", "m.month", MONTHS)}
         GROUP BY m.commune_id, m.month) g
   JOIN (SELECT w.commune_id, ${monthOfWeekSql("w.week")} AS month${counts.map((c) => `, ${value(c)} AS ${c}`).join("")}
         FROM agg_team_weeks w JOIN agg_teams t ON t.commune_id = w.commune_id AND t.team_code = w.team_code
         WHERE ${where(scope, "w.commune_id", "w.week", WEEKS)}
         GROUP BY w.commune_id, ${monthOfWeekSql("w.week")}) s ON s.commune_id = g.commune_id AND s.month = g.month`;
}

/** agg_commune_meetings from agg_meetings (rebuilt whole for a commune). */
export function communeMeetingsSql(scope: Exclude<Scope, "months">): string {
  return `INSERT INTO agg_commune_meetings (commune_id, month, kind, n, members_present, team_held)
   SELECT g.commune_id, g.month, g.kind, g.n, g.members_present,
     coalesce((SELECT group_concat(CASE WHEN EXISTS (SELECT 1 FROM agg_meetings x WHERE x.commune_id = t2.commune_id
         AND x.team_code = t2.team_code AND x.kind = g.kind AND x.meeting_date BETWEEN g.month || '-01' AND g.month || '-31')
       THEN '1' ELSE '0' END, '' ORDER BY ${teamOrderSql("t2")}) FROM agg_teams t2 WHERE t2.commune_id = g.commune_id), '')
   FROM (SELECT commune_id, substr(meeting_date, 1, 7) AS month, kind, sum(n) AS n, sum(members_present) AS members_present
         FROM agg_meetings WHERE ${where(scope, "commune_id")} GROUP BY commune_id, substr(meeting_date, 1, 7), kind) g`;
}

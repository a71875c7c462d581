/**
 * Per commune × calendar month summaries of the logs a rollup above a commune counts
 * (0041_log_summaries.sql): population changes, ad-hoc reports and evaluations, so such a rollup
 * reads O(communes × months) rows for them too, never one row per team and day (issue 10). Built
 * from agg_changes, agg_adhoc and agg_evaluations: ./refresh.ts runs these statements right after
 * those tables' own, in the same batch as the submission, and only when they are rebuilt (a
 * submission that changed only weekly reports touches none of them). Read by
 * worker/src/rollup/log-rows.ts for the communes read from the flat summaries.
 *
 * Every statement is built for a scope: one commune (?1), or every commune (the migration).
 */
import { teamOrderSql } from "./summaries";

export type LogScope = "commune" | "all";

const where = (scope: LogScope) => (scope === "all" ? "1 = 1" : "commune_id = ?1");
const clear = (scope: LogScope, table: string) => (scope === "all" ? [] : [`DELETE FROM ${table} WHERE commune_id = ?1`]);

/**
 * agg_commune_changes: per month the changes packed as `type:events:people` joined by ';', and
 * `team_changed`: per team of the register (its order, as agg_commune_months' `team_received`) '1'
 * when the team had a change that month — a team with changes is shown, its village's ethnic task counts.
 */
export function communeChangesSql(scope: LogScope): string[] {
  return [
    ...clear(scope, "agg_commune_changes"),
    `INSERT INTO agg_commune_changes (commune_id, month, counts, team_changed)
   SELECT g.commune_id, g.month, g.counts,
     coalesce((SELECT group_concat(CASE WHEN EXISTS (SELECT 1 FROM agg_changes x WHERE x.commune_id = t2.commune_id
         AND x.team_code = t2.team_code AND x.change_date BETWEEN g.month || '-01' AND g.month || '-31')
       THEN '1' ELSE '0' END, '' ORDER BY ${teamOrderSql("t2")}) FROM agg_teams t2 WHERE t2.commune_id = g.commune_id), '')
   FROM (SELECT commune_id, month, group_concat(change_type || ':' || events || ':' || people, ';') AS counts
         FROM (SELECT commune_id, substr(change_date, 1, 7) AS month, change_type, sum(events) AS events, sum(people) AS people
               FROM agg_changes WHERE ${where(scope)} GROUP BY commune_id, substr(change_date, 1, 7), change_type)
         GROUP BY commune_id, month) g`,
  ];
}

/**
 * agg_commune_adhoc: per month the reports (`n`) and, packed in `counts` as `a.<area>:n;u.<urgency>:n;
 * s.<status>:n` joined by ';', how many per area, urgency and status — all a rollup's totals need.
 */
export function communeAdhocSql(scope: LogScope): string[] {
  const by = (prefix: string, col: string) =>
    `SELECT commune_id, substr(report_date, 1, 7) AS month, '${prefix}.' || ${col} AS k, sum(n) AS n
     FROM agg_adhoc WHERE ${where(scope)} GROUP BY commune_id, substr(report_date, 1, 7), ${col}`;
  return [
    ...clear(scope, "agg_commune_adhoc"),
    `INSERT INTO agg_commune_adhoc (commune_id, month, n, counts)
   SELECT commune_id, month, sum(CASE WHEN substr(k, 1, 2) = 'a.' THEN n ELSE 0 END), group_concat(k || ':' || n, ';')
   FROM (${by("a", "area")} UNION ALL ${by("u", "urgency")} UNION ALL ${by("s", "status")})
   GROUP BY commune_id, month`,
  ];
}

/** agg_commune_evaluations: per evaluation period and rating, the teams rated and those proposed for commendation. */
export function communeEvaluationsSql(scope: LogScope): string[] {
  return [
    ...clear(scope, "agg_commune_evaluations"),
    `INSERT INTO agg_commune_evaluations (commune_id, period, period_start, period_end, rating, n, commendations)
   SELECT commune_id, period, period_start, period_end, rating, count(*), sum(commendation)
   FROM agg_evaluations WHERE ${where(scope)} GROUP BY commune_id, period, period_start, period_end, rating`,
  ];
}

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
import { ADHOC_STATUSES, CHANGE_TYPES, TASK_AREAS, URGENCIES } from "../../../shared/enums";
import { LOG_COLUMNS } from "../db/log-columns";

export type LogScope = "commune" | "all";

const where = (scope: LogScope, alias = "") => (scope === "all" ? "1 = 1" : `${alias}commune_id = ?1`);
const clear = (scope: LogScope, table: string) => (scope === "all" ? [] : [`DELETE FROM ${table} WHERE commune_id = ?1`]);

/**
 * agg_commune_changes: per month the changes and people per type (a column each), and how many teams of
 * the register had changes, and of them teams whose village has the ethnic task (a team with changes
 * is shown, and its village's ethnic task counts).
 */
export function communeChangesSql(scope: LogScope): string[] {
  const sums = Object.keys(CHANGE_TYPES).flatMap((t) => [
    `sum(CASE WHEN c.change_type = '${t}' THEN c.events ELSE 0 END)`,
    `sum(CASE WHEN c.change_type = '${t}' THEN c.people ELSE 0 END)`,
  ]);
  return [
    ...clear(scope, "agg_commune_changes"),
    `INSERT INTO agg_commune_changes (commune_id, month, ${LOG_COLUMNS.changes.join(", ")}, teams_changed, ethnic_teams_changed)
   SELECT c.commune_id, substr(c.change_date, 1, 7), ${sums.join(", ")},
     count(DISTINCT t.team_code), count(DISTINCT CASE WHEN t.ethnic_identity <> 0 THEN t.team_code END)
   FROM agg_changes c LEFT JOIN agg_teams t ON t.commune_id = c.commune_id AND t.team_code = c.team_code
   WHERE ${where(scope, "c.")} GROUP BY c.commune_id, substr(c.change_date, 1, 7)`,
  ];
}

/** agg_commune_adhoc: per month the ad-hoc reports, and how many per area, urgency and status (a column each). */
export function communeAdhocSql(scope: LogScope): string[] {
  const by = (col: string, vocab: object) => Object.keys(vocab).map((k) => `sum(CASE WHEN ${col} = '${k}' THEN n ELSE 0 END)`);
  const sums = [...by("area", TASK_AREAS), ...by("urgency", URGENCIES), ...by("status", ADHOC_STATUSES)];
  return [
    ...clear(scope, "agg_commune_adhoc"),
    `INSERT INTO agg_commune_adhoc (commune_id, month, n, ${LOG_COLUMNS.adhoc.join(", ")})
   SELECT commune_id, substr(report_date, 1, 7), sum(n), ${sums.join(", ")}
   FROM agg_adhoc WHERE ${where(scope)} GROUP BY commune_id, substr(report_date, 1, 7)`,
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

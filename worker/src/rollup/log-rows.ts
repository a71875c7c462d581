/**
 * The logs of the communes read from the flat summaries (./monthly.ts) — population changes, ad-hoc
 * reports, evaluations — from their per commune × month summaries (0041_log_summaries.sql,
 * ../aggregates/log-summaries.ts) instead of their rows per team and day: each statement here is the
 * per-team one of ./read.ts for the other communes, UNION ALL the same figures from the summaries,
 * in the shape ./read.ts returns. tests/worker/rollup-summaries.test.ts compares the two readers.
 *
 * ?1 is ./read.ts's JSON of communes (`$.team`: read per team, `$.sum`: from the summaries, `$.split`:
 * read per team and placed by village); ?2, ?3 the period's first and last day (whole months whenever
 * a commune is in `$.sum`).
 */
import { CHANGE_TYPES, type ChangeType } from "../../../shared/enums";
import { LOG_COLUMNS } from "../db/log-columns";
import type { ChangeRow } from "./rows";
import type { AdhocSummary } from "./types";

const TEAM = "commune_id IN (SELECT value FROM json_each(?1, '$.team'))";
const SUM = "commune_id IN (SELECT value FROM json_each(?1, '$.sum'))";
const SPLIT = "commune_id IN (SELECT value FROM json_each(?1, '$.split'))";
const SPLIT_TEAM = `CASE WHEN ${SPLIT} THEN team_code END`;
const SPLIT_COLUMNS = `CASE WHEN ${SPLIT} THEN commune_id END AS split_commune, CASE WHEN ${SPLIT} THEN team_code END AS split_team`;
const MONTHS = "month BETWEEN substr(?2, 1, 7) AND substr(?3, 1, 7)";
const OVERLAP = "period_start <= ?3 AND period_end >= ?2";

export const LOG_SQL = {
  /** Depth "commune": per commune (and team, for a split commune) and type, with the teams that had changes (JSON). */
  changes: `SELECT commune_id, ${SPLIT_TEAM} AS team_code, change_type, sum(events) AS events, sum(people) AS people,
       json_group_array(DISTINCT team_code) AS teams
     FROM agg_changes WHERE ${TEAM} AND change_date BETWEEN ?2 AND ?3 GROUP BY commune_id, ${SPLIT_TEAM}, change_type`,
  /** The summarised communes' changes: per commune, the months summed (`changesOf`). */
  changeMonths: `SELECT commune_id, ${LOG_COLUMNS.changes.map((c) => `sum(${c}) AS ${c}`).join(", ")},
       max(teams_changed) AS teams_changed, max(ethnic_teams_changed) AS ethnic_teams_changed
     FROM agg_commune_changes WHERE ${SUM} AND ${MONTHS} GROUP BY commune_id`,
  /** The summarised communes' ad-hoc reports: one row, their months summed (`addAdhocCounts`). */
  adhocCounts: `SELECT sum(n) AS n, ${LOG_COLUMNS.adhoc.map((c) => `sum(${c}) AS ${c}`).join(", ")}
     FROM agg_commune_adhoc WHERE ${SUM} AND ${MONTHS}`,
  evaluations: `SELECT period, rating, sum(n) AS n, sum(commendations) AS commendations, split_commune, split_team FROM (
       SELECT period, rating, 1 AS n, commendation AS commendations, ${SPLIT_COLUMNS} FROM agg_evaluations WHERE ${TEAM} AND ${OVERLAP}
       UNION ALL
       SELECT period, rating, n, commendations, NULL, NULL FROM agg_commune_evaluations WHERE ${SUM} AND ${OVERLAP})
     GROUP BY period, rating, split_commune, split_team`,
  /** Depth "commune": teams proposed for commendation per commune (and team, for a split commune). */
  commendations: `SELECT commune_id, ${SPLIT_TEAM} AS team_code, count(*) AS n FROM agg_evaluations
       WHERE ${TEAM} AND ${OVERLAP} AND commendation = 1 GROUP BY commune_id, ${SPLIT_TEAM}
     UNION ALL
     SELECT commune_id, NULL, sum(commendations) FROM agg_commune_evaluations
       WHERE ${SUM} AND ${OVERLAP} GROUP BY commune_id HAVING sum(commendations) > 0`,
};

/** The summarised communes' ad-hoc reports (`LOG_SQL.adhocCounts`, one row per database read). */
export type AdhocCountRow = { n: number | null } & Record<string, number | null>;

/** Adds their counts to the totals, as ./summaries.ts `adhocSummary` adds rows. */
export function addAdhocCounts(
  adhoc: Pick<AdhocSummary, "total" | "by_area" | "by_urgency" | "by_status">,
  rows: readonly AdhocCountRow[],
) {
  const add = (into: Record<string, number>, prefix: string, r: AdhocCountRow) => {
    for (const k of Object.keys(into)) into[k]! += r[`${prefix}_${k}`] ?? 0;
  };
  for (const r of rows) {
    adhoc.total += r.n ?? 0;
    add(adhoc.by_area, "area", r);
    add(adhoc.by_urgency, "urgency", r);
    add(adhoc.by_status, "status", r);
  }
}

/** The summarised communes' changes (`LOG_SQL.changeMonths`): per commune, the sums per type and the teams with changes. */
export type ChangeMonthRow = { commune_id: string; teams_changed: number; ethnic_teams_changed: number } & Record<string, number | string>;

/** Whether a summarised commune had teams of its register with changes, and of them teams with the ethnic task. */
export interface ChangedTeams {
  any: boolean;
  ethnic: boolean;
}

/**
 * Their changes as rows per commune and type (as the per-team reader sums them: one per type with
 * changes, and one empty row for a commune whose changes are all of types it does not count), and
 * per commune whether teams had changes.
 */
export function changesOf(rows: readonly ChangeMonthRow[]): { changes: ChangeRow[]; changed: Map<string, ChangedTeams> } {
  const changes: ChangeRow[] = [];
  const changed = new Map<string, ChangedTeams>();
  const types = Object.keys(CHANGE_TYPES) as ChangeType[];
  for (const r of rows) {
    const before = changes.length;
    for (const t of types) {
      const events = Number(r[`${t}_events`] ?? 0);
      if (events > 0)
        changes.push({ commune_id: r.commune_id, team_code: null, change_type: t, events, people: Number(r[`${t}_people`] ?? 0) });
    }
    if (changes.length === before)
      changes.push({ commune_id: r.commune_id, team_code: null, change_type: types[0]!, events: 0, people: 0 });
    changed.set(r.commune_id, { any: r.teams_changed > 0, ethnic: r.ethnic_teams_changed > 0 });
  }
  return { changes, changed };
}

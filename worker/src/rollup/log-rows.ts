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
import type { ChangeType } from "../../../shared/enums";
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
  /** The summarised communes' changes: per commune, the months' packed counts and team flags (`changesOf`). */
  changeMonths: `SELECT commune_id, group_concat(counts, ';') AS counts, group_concat(team_changed, ',') AS changed
     FROM agg_commune_changes WHERE ${SUM} AND ${MONTHS} GROUP BY commune_id`,
  /** The summarised communes' ad-hoc reports: one row, the months' counts packed (`adhocCounts`). */
  adhocCounts: `SELECT sum(n) AS n, group_concat(counts, ';') AS counts FROM agg_commune_adhoc WHERE ${SUM} AND ${MONTHS}`,
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
export interface AdhocCountRow {
  n: number | null;
  counts: string | null;
}

/** Adds the packed counts to the totals, as ./summaries.ts `adhocSummary` adds rows. */
export function addAdhocCounts(
  adhoc: Pick<AdhocSummary, "total" | "by_area" | "by_urgency" | "by_status">,
  rows: readonly AdhocCountRow[],
) {
  const into = { a: adhoc.by_area, u: adhoc.by_urgency, s: adhoc.by_status } as Record<string, Record<string, number>>;
  for (const r of rows) {
    adhoc.total += r.n ?? 0;
    for (const packed of r.counts ? r.counts.split(";") : []) {
      const colon = packed.lastIndexOf(":");
      const [dim, key] = [packed.slice(0, 1), packed.slice(2, colon)];
      const counts = into[dim];
      if (counts && key in counts) counts[key]! += Number(packed.slice(colon + 1));
    }
  }
}

/** The summarised communes' changes (`LOG_SQL.changeMonths`). */
export interface ChangeMonthRow {
  commune_id: string;
  counts: string | null;
  changed: string | null;
}

/**
 * Their changes as rows per commune and type (as the per-team reader sums them), and per commune the
 * teams with changes: one flag per team of the register, '1' when it had one in any month read.
 */
export function changesOf(rows: readonly ChangeMonthRow[]): { changes: ChangeRow[]; changed: Map<string, string> } {
  const changes: ChangeRow[] = [];
  const changed = new Map<string, string>();
  for (const r of rows) {
    const byType = new Map<string, ChangeRow>();
    for (const packed of r.counts ? r.counts.split(";") : []) {
      const [type, events, people] = packed.split(":") as [ChangeType, string, string];
      let row = byType.get(type);
      if (!row) {
        row = { commune_id: r.commune_id, team_code: null, change_type: type, events: 0, people: 0 };
        byType.set(type, row);
        changes.push(row);
      }
      row.events += Number(events);
      row.people += Number(people);
    }
    const flags = (r.changed ?? "").split(",");
    const width = Math.max(0, ...flags.map((f) => f.length));
    let out = "";
    for (let i = 0; i < width; i++) out += flags.some((f) => f[i] === "1") ? "1" : "0";
    changed.set(r.commune_id, out);
  }
  return { changes, changed };
}

/**
 * A province's row of the national page straight from the flat summaries (./monthly.ts), without the
 * rest of its rollup: the communes of every such province read in ONE batch per database (../db/shard.ts
 * `perShard`, in parallel), and each commune's figures by the very function its page uses
 * (./summarised.ts `summarise`, as ./tree.ts calls it), so a row is its page's "Tổng cộng" row. Only
 * what the province table shows is read: the summaries, which teams had population changes (a team
 * with changes is shown), and the open ad-hoc reports and commendations counted per commune.
 *
 * Used where the page itself would read every commune from the summaries and nothing replaces their
 * figures: no split commune, every commune summarisable (./monthly.ts), no closing of the period
 * (../closing/overlay.ts); ./national.ts rolls any other province up whole.
 */
import { isOnTime, weeksInPeriod } from "../../../shared/periods";
import { perShard, type ShardGroups } from "../db/shard";
import { type FigureMath, finish } from "./figures";
import type { Grouping } from "./groups";
import type { ChangedTeams } from "./log-rows";
import { type CohortRow, type CommuneMeetingRow, type CommuneMonthRow, type NotDueRow, SUMMARY_SQL, type SummaryRows } from "./monthly";
import { summarise } from "./summarised";
import { teamWindows } from "./team";
import type { Figures, PeriodRef } from "./types";

/** ?1 of every statement: `{"sum": [the communes]}`, as ./read.ts binds it. */
const IN = "commune_id IN (SELECT value FROM json_each(?1, '$.sum'))";

/** The rows for these communes: their summaries, and per commune the teams with changes, open reports and commendations. */
export interface NationalRows {
  summaries: SummaryRows;
  changes: { commune_id: string; teams_changed: number; ethnic_teams_changed: number }[];
  open: { commune_id: string; n: number }[];
  commendations: { commune_id: string; n: number }[];
}

/** Each list's rows of one commune. */
type ByCommune = SummaryRows & Omit<NationalRows, "summaries">;

/** The rows read, by commune (a province takes its communes' rows without scanning the country's). */
export interface NationalRead {
  byCommune: Map<string, Partial<ByCommune>>;
}

export interface LeanRequest {
  period: PeriodRef;
  months: readonly string[];
  quarters: readonly PeriodRef[];
  counts: readonly string[];
  /** The current instant (ISO): weeks whose deadline has not passed are not due. */
  now: string;
}

/** One batch per database holding the communes; the parts concatenated (every row is per commune). */
export async function readNational(shards: ShardGroups, communeIds: readonly string[], r: LeanRequest): Promise<NationalRead> {
  const { period } = r;
  const notDueWeeks = weeksNotDue(period, r.now);
  const meetingsFrom = (r.quarters[0]?.start ?? period.start) < period.start ? r.quarters[0]!.start : period.start;
  const parts = await perShard(shards, communeIds, async (db, ids) => {
    const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(JSON.stringify({ sum: ids }), ...args);
    const statements = [
      q(SUMMARY_SQL.cohorts),
      q(SUMMARY_SQL.months(r.counts), r.months[0], r.months.at(-1)),
      q(SUMMARY_SQL.meetings, meetingsFrom.slice(0, 7), period.end.slice(0, 7)),
      // Whether teams had changes (0041's months: ./log-rows.ts).
      q(
        `SELECT commune_id, max(teams_changed) AS teams_changed, max(ethnic_teams_changed) AS ethnic_teams_changed
         FROM agg_commune_changes WHERE ${IN} AND month BETWEEN ?2 AND ?3 GROUP BY commune_id`,
        r.months[0],
        r.months.at(-1),
      ),
      q(`SELECT commune_id, count(*) AS n FROM agg_adhoc_open WHERE ${IN} AND report_date <= ?2 GROUP BY commune_id`, period.end),
      q(
        `SELECT commune_id, count(*) AS n FROM agg_evaluations
         WHERE ${IN} AND period_start <= ?3 AND period_end >= ?2 AND commendation = 1 GROUP BY commune_id`,
        period.start,
        period.end,
      ),
      ...(notDueWeeks.length ? [q(SUMMARY_SQL.notDue, JSON.stringify(notDueWeeks))] : []),
    ];
    const res = (await db.batch(statements)).map((x) => x.results ?? []);
    return {
      summaries: {
        cohorts: res[0] as CohortRow[],
        months: res[1] as CommuneMonthRow[],
        meetings: res[2] as CommuneMeetingRow[],
        notDue: (res[6] ?? []) as NotDueRow[],
      },
      changes: res[3] as NationalRows["changes"],
      open: res[4] as NationalRows["open"],
      commendations: res[5] as NationalRows["commendations"],
    };
  });
  const byCommune = new Map<string, Partial<ByCommune>>();
  const add = (k: keyof ByCommune, list: readonly { commune_id: string }[]) => {
    for (const row of list) {
      const of = byCommune.get(row.commune_id) ?? byCommune.set(row.commune_id, {}).get(row.commune_id)!;
      const into = (of[k] ?? []) as unknown[];
      into.push(row);
      (of as Record<string, unknown[]>)[k] = into;
    }
  };
  for (const part of parts) {
    for (const k of ["cohorts", "months", "meetings", "notDue"] as const) add(k, part.summaries[k]);
    for (const k of ["changes", "open", "commendations"] as const) add(k, part[k]);
  }
  return { byCommune };
}

const REGISTER = ["teams", "members", "households", "people", "zalo_households", "zalo_known", "teams_outside_range"] as const;
const REPORTING = ["expected", "received", "on_time", "late", "missing"] as const;

/** ./figures.ts `addFigures` for the two groups the table shows (the rest is not summed: 3,321 times less work). */
function addCounts(a: Pick<Figures, "register" | "reporting">, b: Pick<Figures, "register" | "reporting">): void {
  for (const k of REGISTER) a.register[k] += b.register[k];
  for (const k of REPORTING) a.reporting[k] += b.reporting[k];
}

/** Weeks of the period whose deadline has not passed: the last ones of a running period (as ./read.ts). */
function weeksNotDue(period: PeriodRef, now: string): string[] {
  const weeks = weeksInPeriod(period.key);
  const first = weeks.find((w) => isOnTime(w, now)) ?? "9999";
  return weeks.filter((w) => w >= first);
}

export interface LeanProvince {
  /** Groups (communes as shown) with a figure: what the page lists. */
  shown: number;
  figures: Pick<Figures, "register" | "reporting">;
  missingTeams: number;
  skipped: number;
  open: number;
  commendations: number;
}

/** One province's row from the rows read: its communes (`groups`, none split) summarised and summed. */
export function leanProvince(
  rows: NationalRead,
  groups: Pick<Grouping, "communes" | "place">,
  p: LeanRequest & { today: string; math: FigureMath; communeEnd: (id: string) => string | null },
): LeanProvince {
  const mine = groups.communes.filter((c) => groups.place(c.id, null) !== null).map((c) => c.id);
  const keep = <K extends keyof ByCommune>(k: K): ByCommune[K] => {
    const out: unknown[] = [];
    for (const id of mine) {
      const list = rows.byCommune.get(id)?.[k] as unknown[] | undefined;
      if (list) for (const r of list) out.push(r);
    }
    return out as ByCommune[K];
  };
  const changed = new Map<string, ChangedTeams>();
  const shown = new Set<string>();
  for (const c of keep("changes")) {
    shown.add(groups.place(c.commune_id, null)!);
    changed.set(c.commune_id, { any: c.teams_changed > 0, ethnic: c.ethnic_teams_changed > 0 });
  }
  const f = p.math.emptyFigures(false);
  let missingTeams = 0;
  const refDate = p.period.end < p.today ? p.period.end : p.today;
  const meetings = summarise(
    { period: p.period, math: p.math, summary: { communes: mine, months: p.months, quarters: p.quarters, counts: p.counts } },
    { cohorts: keep("cohorts"), months: keep("months"), meetings: keep("meetings"), notDue: keep("notDue") },
    {
      refDate,
      windowOf: teamWindows(p.period, p.now),
      communeEnd: p.communeEnd,
      changed: (id) => changed.get(id) ?? { any: false, ethnic: false },
      add(communeId, s) {
        shown.add(groups.place(communeId, null)!);
        addCounts(f, s.figures);
        missingTeams += s.missingTeams;
      },
    },
  );
  finish(f);
  const sum = (list: readonly { n: number }[]) => list.reduce((n, r) => n + r.n, 0);
  return {
    shown: shown.size,
    figures: { register: f.register, reporting: f.reporting },
    missingTeams,
    skipped: meetings.reduce((n, m) => n + m.skipped.length, 0),
    open: sum(keep("open")),
    commendations: sum(keep("commendations")),
  };
}

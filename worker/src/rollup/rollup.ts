/**
 * rollup(): one unit × one period → a typed Rollup. Reads the aggregate tables in one D1 batch
 * (./read.ts), groups the teams commune → village → team (./tree.ts) and summarises the logs
 * (./summaries.ts). At depth "commune" (the HTML page of a link above commune level) the same figures
 * are summed per commune without building villages, teams or lists of missing weeks, from smaller
 * result sets. A drill-down (`commune`) limits the rollup to the data grouped under one commune of
 * the unit (./groups.ts); so does a commune's own link, where a split predecessor's villages that went
 * elsewhere (or are not known yet) are left out.
 */
import { parsePeriodKey } from "../../../shared/periods";
import { type CountColumn, WEEKLY_COUNT_COLUMNS } from "../../../shared/weekly-counts";
import { oneDatabase, type ShardGroups } from "../db/shard";
import { figureMath, weeklyFigures } from "./figures";
import { grouping } from "./groups";
import { teamLabel } from "./labels";
import { meetingsByCommune, quartersToCheck } from "./meetings";
import { monthsOf, summarisable } from "./monthly";
import type { AggregateRows } from "./read";
import type { SplitOf } from "./rows";
import { readAcrossShards } from "./shards";
import { adhocSummary, evaluationSummary, meetingSummary, milestoneSummary, type SummaryContext } from "./summaries";
import { buildTree, teamVillages } from "./tree";
import type { Rollup, RollupDepth, RollupMode, RollupScope } from "./types";
import { loadUnitTree, type UnitTree } from "./units";

export interface RollupParams {
  unitId: string;
  /** A period key: '2022-W03', '2022-01', '2022-Q1', '2022-H1', '2022', 'P1'. */
  period: string;
  mode: RollupMode;
  scope: RollupScope;
  /** Today in Vietnam ('yyyy-MM-dd'): milestones are overdue relative to it; groups "current" units. */
  today: string;
  /** The current instant (ISO): weeks whose deadline has not passed yet are not expected yet. */
  now?: string;
  /**
   * A drill-down: only the data grouped under this commune (in `mode`), which must be one of
   * `communeGroups(tree, unitId, …)` (./groups.ts); an UnknownUnitError otherwise.
   */
  commune?: string;
  /** "team" (default) or "commune": see RollupDepth. */
  depth?: RollupDepth;
  /** The weekly counts summed (default: the weekly sheet's, shared/weekly-counts.ts); a test passes another list. */
  counts?: readonly CountColumn[];
  /** False: read every commune team by team even at depth "commune" (the reader before ./monthly.ts; tests compare the two). */
  flat?: boolean;
}

export class UnknownUnitError extends Error {}

/**
 * The rollup of a unit for a period. `tree` may be passed when the caller already loaded it. `db` holds
 * the units; the communes' data is where `shards` says (../db/shard.ts; default: in `db` too).
 */
export async function rollup(
  db: D1Database,
  p: RollupParams,
  preloaded?: UnitTree,
  shards: ShardGroups = oneDatabase(db),
): Promise<Rollup> {
  const period = parsePeriodKey(p.period);
  if (!period) throw new RangeError(`Kỳ không hợp lệ: ${p.period}`);
  const tree = preloaded ?? (await loadUnitTree(db, p.unitId));
  const unit = tree.get(p.unitId);
  if (!unit) throw new UnknownUnitError(p.unitId);
  const groups = grouping(tree, unit.id, p.mode, p.today, p.commune);
  const communes = groups.communes;
  if (p.commune !== undefined && !communes.length) throw new UnknownUnitError(p.commune);
  const detail = p.scope === "detail";
  const depth: RollupDepth = p.depth ?? "team";
  const now = p.now ?? new Date().toISOString();
  const counts = p.counts ?? WEEKLY_COUNT_COLUMNS;
  const math = counts === WEEKLY_COUNT_COLUMNS ? weeklyFigures : figureMath(counts);

  const quarters = quartersToCheck(period, p.today);
  // Above commune level, communes read whole are read from the flat summaries (./monthly.ts).
  const months = depth === "commune" && !detail && p.flat !== false ? monthsOf(period) : null;
  const split = new Set(groups.byVillage);
  const summarised = months ? communes.filter((c) => !split.has(c.id) && summarisable(months, c.valid_to)).map((c) => c.id) : [];
  const read = await readAcrossShards(db, shards, {
    communes,
    split: groups.byVillage,
    period,
    detail,
    depth,
    now,
    counts: counts.map((c) => c.key),
    ...(quarters[0] ? { meetingsFrom: quarters[0].start } : {}),
    ...(months ? { summarised, months } : {}),
  });
  const villageOf = teamVillages(read.teams);
  const groupOf = (communeId: string, team: string | null) => groups.place(communeId, team ? villageOf(communeId, team) : null);
  const rows = inRollup(read, (communeId, team) => groupOf(communeId, team) !== null);
  const summary = months ? { communes: summarised, months, quarters, counts: counts.map((c) => c.key) } : undefined;
  const built = buildTree(tree, groups, { mode: p.mode, today: p.today, now, depth, period, math, ...(summary ? { summary } : {}) }, rows);
  const ctx: SummaryContext = {
    depth,
    detail,
    groupOf: (communeId, team) => groupOf(communeId, team ?? null) ?? communeId,
    communeLabel: (communeId) => tree.ref(communeId).label_vi,
    teamName: (communeId, code) => built.teamNames.get(`${communeId}|${code}`) ?? (detail ? code : teamLabel(code)),
    order: new Map(built.communes.map((n, i) => [n.unit.id, i])),
  };

  const withParents = (id: string) => ({
    ...tree.ref(id),
    parents: tree
      .ancestors(id)
      .reverse()
      .map((u) => tree.ref(u.id)),
  });
  return {
    unit: withParents(unit.id),
    ...(p.commune !== undefined ? { commune: withParents(p.commune) } : {}),
    scope: p.scope,
    mode: p.mode,
    ...(depth === "commune" ? { depth } : {}),
    period: { kind: period.kind, key: period.key, start: period.start, end: period.end, label_vi: period.label_vi },
    today: p.today,
    totals: built.totals,
    communes: built.communes,
    ...(groups.byVillage.length ? { split_communes: [...groups.byVillage] } : {}),
    missing_reports: built.missing,
    missing_by_commune: built.missingByCommune,
    adhoc: adhocSummary(rows, ctx),
    meetings: {
      ...meetingSummary(rows.meetings),
      quarters: quarters.map((q) => q.key),
      by_commune: meetingsByCommune(
        rows.teams.filter((t) => groupOf(t.commune_id, t.team_code) !== null),
        rows.meetingTeams,
        {
          ...ctx,
          period,
          quarters,
          communeEnd: (id) => tree.get(id)?.valid_to ?? null,
        },
        built.summaryMeetings,
      ),
    },
    evaluations: evaluationSummary(rows, ctx),
    milestones: milestoneSummary(rows.milestones, p.today, detail),
    ...(detail
      ? {
          notes: rows.notes.map((n) => ({
            commune: ctx.communeLabel(n.commune_id),
            team_code: n.team_code,
            team_name: ctx.teamName(n.commune_id, n.team_code),
            week: n.week,
            difficulties: n.difficulties,
            proposals: n.proposals,
          })),
        }
      : {}),
  };
}

/**
 * The rows that are part of the rollup: for a split commune, only those of its villages (and of the
 * commune as a whole) placed in one of the rollup's groups; every row of the other communes read.
 */
function inRollup(rows: AggregateRows, keep: (communeId: string, team: string | null) => boolean): AggregateRows {
  const split = <T extends SplitOf>(list: T[]) => list.filter((r) => !r.split_commune || keep(r.split_commune, r.split_team ?? null));
  const byTeam = <T extends { commune_id: string; team_code?: string | null }>(list: T[]) =>
    list.filter((r) => keep(r.commune_id, r.team_code ?? null));
  return {
    ...rows,
    adhoc: split(rows.adhoc),
    meetings: split(rows.meetings),
    evaluations: split(rows.evaluations),
    milestones: split(rows.milestones),
    open: byTeam(rows.open),
    openCounts: byTeam(rows.openCounts),
    commendations: byTeam(rows.commendations),
    commendationCounts: byTeam(rows.commendationCounts),
    notes: byTeam(rows.notes),
    meetingTeams: byTeam(rows.meetingTeams),
  };
}

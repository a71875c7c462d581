/**
 * rollup(): one unit × one period → a typed Rollup, read from the aggregate tables only
 * (0003_aggregates.sql) in one D1 batch, then grouped in memory commune → village → team.
 * At depth "commune" (the HTML page of a link above commune level) the same figures are summed per
 * commune without building villages, teams or lists of missing weeks, from smaller result sets.
 * A drill-down (`commune`) limits the rollup to the communes grouped under one commune of the unit.
 */
import {
  ADHOC_STATUSES,
  type AdhocStatus,
  type ChangeType,
  MEETING_KINDS,
  type MeetingKind,
  RATINGS,
  type Rating,
  TASK_AREAS,
  type TaskArea,
  URGENCIES,
  type Urgency,
} from "../../../shared/enums";
import { expectedWeeks, isOnTime, parsePeriodKey, weekEnd, weekStart, weeksInPeriod } from "../../../shared/periods";
import { HOUSEHOLDS_PER_TEAM } from "../../../shared/rules/households";
import { compareVi } from "../../../shared/text";
import { WEEKLY_COUNTS } from "./aggregates";
import { addChange, addFigures, addWeekly, emptyFigures, finish, type WeeklySums } from "./figures";
import { milestoneTitle, officialVillages, teamLabel, villageLabel } from "./labels";
import type {
  CommuneNode,
  Figures,
  MissingByCommune,
  MissingReports,
  PeriodRef,
  Rollup,
  RollupDepth,
  RollupMode,
  RollupScope,
  TeamNode,
  VillageNode,
} from "./types";
import { loadUnitTree, type UnitRow, type UnitTree } from "./units";

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
   * A drill-down: only the communes whose data is grouped under this commune (in `mode`), which must
   * be one of `communeGroups(tree, unitId, …)`; an UnknownUnitError otherwise.
   */
  commune?: string;
  /** "team" (default) or "commune": see RollupDepth. */
  depth?: RollupDepth;
}

export class UnknownUnitError extends Error {}

interface TeamRow {
  commune_id: string;
  team_code: string;
  team_name: string;
  village_code: string;
  village_name: string;
  ethnic_identity: number;
  founded_on: string;
  dissolved_on: string | null;
  members: number;
  households: number;
  people: number;
  zalo_households: number;
  zalo_known: number;
}
/**
 * One team's weekly reports in the period: counts, sums, and `weeks` ('2022-W03:1,…', week:on_time)
 * whenever they are needed (always at depth "team"; at depth "commune" only for a team whose life
 * or commune does not span the whole period).
 */
type WeeklyRow = {
  commune_id: string;
  team_code: string;
  weeks: string | null;
  n?: number;
  n_on_time?: number;
  n_not_due?: number;
} & WeeklySums;
/** Per team at depth "team"; per commune at depth "commune", `teams` then listing the team codes (JSON). */
interface ChangeRow {
  commune_id: string;
  team_code?: string;
  teams?: string;
  change_type: ChangeType;
  events: number;
  people: number;
}
interface AdhocRow {
  area: TaskArea;
  urgency: Urgency;
  status: AdhocStatus;
  n: number;
}
interface OpenRow {
  commune_id: string;
  report_code: string;
  report_date: string;
  team_code: string;
  area: TaskArea;
  urgency: Urgency;
  status: AdhocStatus;
  content?: string;
}
/** Depth "commune": open ad-hoc reports and commendations counted per commune (and urgency). */
interface CountRow {
  commune_id: string;
  urgency?: Urgency;
  n: number;
}
interface MeetingRow {
  kind: MeetingKind;
  n: number;
  members_present: number;
}
interface EvalRow {
  period: string;
  rating: Rating;
  n: number;
  commendations: number;
}
interface CommendationRow {
  commune_id: string;
  period: string;
  team_code: string;
  text?: string;
}
interface MilestoneRow {
  milestone_code: string;
  /** The commune's own title: detail links only. */
  title?: string;
  due_on: string;
  done_on: string | null;
  status: string;
}
interface CommuneMetaRow {
  commune_id: string;
  last_received_at: string | null;
}
interface NoteRow {
  commune_id: string;
  team_code: string;
  week: string;
  difficulties: string | null;
  proposals: string | null;
}

const IN_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1))";

function zeroes<K extends string>(vocab: Record<K, string>): Record<K, number> {
  return Object.fromEntries(Object.keys(vocab).map((k) => [k, 0])) as Record<K, number>;
}

/** The last week with a weekly report among the given communes (for the default period). */
export async function lastWeekWithData(db: D1Database, communeIds: string[]): Promise<string | null> {
  const row = await db
    .prepare(`SELECT max(last_week) AS week FROM agg_communes WHERE ${IN_COMMUNES}`)
    .bind(JSON.stringify(communeIds))
    .first<{ week: string | null }>();
  return row?.week ?? null;
}

/**
 * The communes a rollup of `unitId` shows, as grouped in `mode` (themselves, or today's commune they
 * are part of): group id → the communes whose data it holds. These are the rows of the unit's
 * breakdown, and the communes a drill-down may ask for.
 */
export function communeGroups(tree: UnitTree, unitId: string, mode: RollupMode, today: string): Map<string, UnitRow[]> {
  const groups = new Map<string, UnitRow[]>();
  for (const c of tree.communesOf(unitId, mode, today)) {
    const g = tree.groupOf(c.id, mode, today)?.id ?? c.id;
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  return groups;
}

/**
 * The group (see communeGroups) a requested commune id stands for in a rollup of `unitId`: a group
 * itself, or a commune whose data is grouped under one (e.g. a merged commune after switching to
 * "current"); null for anything outside the unit.
 */
export function resolveCommune(tree: UnitTree, unitId: string, mode: RollupMode, today: string, requested: string): string | null {
  const groups = communeGroups(tree, unitId, mode, today);
  if (groups.has(requested)) return requested;
  for (const [g, members] of groups) if (members.some((c) => c.id === requested)) return g;
  return null;
}

/** The rollup of a unit for a period. `tree` may be passed when the caller already loaded it. */
export async function rollup(db: D1Database, p: RollupParams, preloaded?: UnitTree): Promise<Rollup> {
  const period = parsePeriodKey(p.period);
  if (!period) throw new RangeError(`Kỳ không hợp lệ: ${p.period}`);
  const tree = preloaded ?? (await loadUnitTree(db, p.unitId));
  const unit = tree.get(p.unitId);
  if (!unit) throw new UnknownUnitError(p.unitId);
  let communes = tree.communesOf(unit.id, p.mode, p.today);
  if (p.commune !== undefined) {
    communes = communeGroups(tree, unit.id, p.mode, p.today).get(p.commune) ?? [];
    if (!communes.length) throw new UnknownUnitError(p.commune);
  }
  const ids = JSON.stringify(communes.map((c) => c.id));
  const detail = p.scope === "detail";
  const depth: RollupDepth = p.depth ?? "team";
  const now = p.now ?? new Date().toISOString();
  const weeks = weeksInPeriod(period.key);
  // Weeks not due yet (deadline not passed) are the last ones of a period that is still running.
  const notDue = weeks.find((w) => isOnTime(w, now)) ?? "9999";
  // Per team, the list of its weeks ('2022-W03:1,…'). At depth "commune", counts instead, and the list
  // only for a team whose life or commune does not span every week of the period (see buildTree).
  const firstSunday = weeks.length ? weekEnd(weeks[0]!) : period.start;
  const lastMonday = weeks.length ? weekStart(weeks[weeks.length - 1]!) : period.end;
  const lastSunday = weeks.length ? weekEnd(weeks[weeks.length - 1]!) : period.end;
  const ended = communes.filter((c) => c.valid_to && c.valid_to <= lastSunday).map((c) => c.id);
  const weekColumns =
    depth === "team"
      ? `group_concat(week || ':' || on_time) AS weeks`
      : `count(*) AS n, sum(on_time) AS n_on_time, sum(week >= ?3) AS n_not_due,
       CASE WHEN commune_id IN (SELECT value FROM json_each(?6)) OR NOT EXISTS (SELECT 1 FROM agg_teams t
         WHERE t.commune_id = w.commune_id AND t.team_code = w.team_code
           AND t.founded_on <= ?4 AND (coalesce(t.dissolved_on, '') = '' OR t.dissolved_on > ?5))
       THEN group_concat(week || ':' || on_time) END AS weeks`;

  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(ids, ...args);
  const statements = [
    // Names typed by the commune only for its own (detail) link: ./labels.ts names them otherwise.
    q(
      detail
        ? `SELECT * FROM agg_teams WHERE ${IN_COMMUNES}`
        : `SELECT commune_id, team_code, village_code, ethnic_identity, founded_on, dissolved_on, members, households, people,
             zalo_households, zalo_known FROM agg_teams WHERE ${IN_COMMUNES}`,
    ),
    q(
      `SELECT commune_id, team_code, ${weekColumns},
         ${WEEKLY_COUNTS.map((c) => `sum(${c}) AS ${c}`).join(", ")}
       FROM agg_team_weeks w WHERE ${IN_COMMUNES} AND week IN (SELECT value FROM json_each(?2))
       GROUP BY commune_id, team_code`,
      JSON.stringify(weeks),
      ...(depth === "team" ? [] : [notDue, firstSunday, lastMonday, JSON.stringify(ended)]),
    ),
    depth === "team"
      ? q(
          `SELECT commune_id, team_code, change_type, sum(events) AS events, sum(people) AS people FROM agg_changes
           WHERE ${IN_COMMUNES} AND change_date BETWEEN ?2 AND ?3 GROUP BY commune_id, team_code, change_type`,
          period.start,
          period.end,
        )
      : q(
          `SELECT commune_id, change_type, sum(events) AS events, sum(people) AS people, json_group_array(DISTINCT team_code) AS teams
           FROM agg_changes WHERE ${IN_COMMUNES} AND change_date BETWEEN ?2 AND ?3 GROUP BY commune_id, change_type`,
          period.start,
          period.end,
        ),
    q(
      `SELECT area, urgency, status, sum(n) AS n FROM agg_adhoc
       WHERE ${IN_COMMUNES} AND report_date BETWEEN ?2 AND ?3 GROUP BY area, urgency, status`,
      period.start,
      period.end,
    ),
    depth === "commune"
      ? q(
          `SELECT commune_id, urgency, count(*) AS n FROM agg_adhoc_open WHERE ${IN_COMMUNES} AND report_date <= ?2
           GROUP BY commune_id, urgency`,
          period.end,
        )
      : detail
        ? q(
            `SELECT o.*, a.content FROM agg_adhoc_open o JOIN adhoc_reports a USING (commune_id, report_code)
           WHERE o.${IN_COMMUNES} AND o.report_date <= ?2 ORDER BY o.report_date, o.report_code`,
            period.end,
          )
        : q(`SELECT * FROM agg_adhoc_open WHERE ${IN_COMMUNES} AND report_date <= ?2 ORDER BY report_date, report_code`, period.end),
    q(
      `SELECT kind, sum(n) AS n, sum(members_present) AS members_present FROM agg_meetings
       WHERE ${IN_COMMUNES} AND meeting_date BETWEEN ?2 AND ?3 GROUP BY kind`,
      period.start,
      period.end,
    ),
    q(
      `SELECT period, rating, count(*) AS n, sum(commendation) AS commendations FROM agg_evaluations
       WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 GROUP BY period, rating`,
      period.start,
      period.end,
    ),
    depth === "commune"
      ? q(
          `SELECT commune_id, count(*) AS n FROM agg_evaluations
           WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 AND commendation = 1 GROUP BY commune_id`,
          period.start,
          period.end,
        )
      : detail
        ? q(
            `SELECT g.commune_id, g.period, g.team_code, e.commendation AS text FROM agg_evaluations g
           JOIN evaluations e USING (commune_id, period, team_code)
           WHERE g.${IN_COMMUNES} AND g.period_start <= ?3 AND g.period_end >= ?2 AND g.commendation = 1`,
            period.start,
            period.end,
          )
        : q(
            `SELECT commune_id, period, team_code FROM agg_evaluations
           WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 AND commendation = 1`,
            period.start,
            period.end,
          ),
    detail
      ? q(
          `SELECT g.milestone_code, m.title, g.due_on, g.done_on, g.status FROM agg_milestones g
           JOIN milestones m USING (commune_id, milestone_code) WHERE g.${IN_COMMUNES} AND g.due_on BETWEEN ?2 AND ?3`,
          period.start,
          period.end,
        )
      : q(
          `SELECT milestone_code, due_on, done_on, status FROM agg_milestones WHERE ${IN_COMMUNES} AND due_on BETWEEN ?2 AND ?3`,
          period.start,
          period.end,
        ),
    q(`SELECT commune_id, last_received_at FROM agg_communes WHERE ${IN_COMMUNES}`),
  ];
  if (detail) {
    // A commune's own free text: read from its reports (never for aggregate links).
    statements.push(
      q(
        `SELECT commune_id, team_code, week, difficulties, proposals FROM weekly_reports
       WHERE ${IN_COMMUNES} AND week IN (SELECT value FROM json_each(?2)) AND withdrawn_at IS NULL
         AND (trim(coalesce(difficulties, '')) <> '' OR trim(coalesce(proposals, '')) <> '')
       ORDER BY week, team_code`,
        JSON.stringify(weeksInPeriod(period.key)),
      ),
    );
  }
  if (!detail && depth === "team") {
    // Village names from the unit list (admin data), for ./labels.ts.
    statements.push(
      q(
        `SELECT parent_id, code, name, kind_vi, level FROM units WHERE level = 'village' AND parent_id IN (SELECT value FROM json_each(?1))`,
      ),
    );
  }
  const res = await db.batch(statements);
  const rows = <T>(i: number) => (res[i]?.results ?? []) as T[];
  const official = detail || depth !== "team" ? new Map<string, string>() : officialVillages(rows(10));
  const teamRows = detail
    ? rows<TeamRow>(0)
    : rows<TeamRow>(0).map((t) => ({
        ...t,
        team_name: teamLabel(t.team_code),
        village_name: villageLabel(t.village_code, official.get(`${t.commune_id}|${t.village_code}`)),
      }));

  const built = buildTree(tree, communes, { ...p, now, depth }, period, {
    teams: teamRows,
    weekly: rows<WeeklyRow>(1),
    changes: rows<ChangeRow>(2),
    meta: rows<CommuneMetaRow>(9),
  });
  const teamName = (communeId: string, code: string) => built.teamNames.get(`${communeId}|${code}`) ?? (detail ? code : teamLabel(code));
  const communeLabel = (communeId: string) => tree.ref(communeId).label_vi;

  // Per-commune counts, under the commune the data is shown under, in the order of the communes.
  const groupOf = (communeId: string) => tree.groupOf(communeId, p.mode, p.today)?.id ?? communeId;
  const order = new Map(built.communes.map((n, i) => [n.unit.id, i]));
  const inOrder = <T extends { commune_id: string; commune: string }>(items: Iterable<T>): T[] =>
    [...items].sort(
      (a, b) => (order.get(a.commune_id) ?? order.size) - (order.get(b.commune_id) ?? order.size) || compareVi(a.commune, b.commune),
    );
  const openByCommune = new Map<string, Rollup["adhoc"]["open_by_commune"][number]>();
  const countOpen = (communeId: string, urgency: Urgency, n: number) => {
    const g = groupOf(communeId);
    let it = openByCommune.get(g);
    if (!it) {
      it = { commune_id: g, commune: tree.ref(g).label_vi, total: 0, by_urgency: zeroes(URGENCIES) };
      openByCommune.set(g, it);
    }
    it.total += n;
    if (urgency in it.by_urgency) it.by_urgency[urgency] += n;
  };
  const commendationsByCommune = new Map<string, Rollup["evaluations"]["commendations_by_commune"][number]>();
  const countCommendations = (communeId: string, n: number) => {
    const g = groupOf(communeId);
    let it = commendationsByCommune.get(g);
    if (!it) {
      it = { commune_id: g, commune: tree.ref(g).label_vi, count: 0 };
      commendationsByCommune.set(g, it);
    }
    it.count += n;
  };

  const adhoc: Rollup["adhoc"] = {
    total: 0,
    by_area: zeroes(TASK_AREAS),
    by_urgency: zeroes(URGENCIES),
    by_status: zeroes(ADHOC_STATUSES),
    open: [],
    open_by_commune: [],
  };
  for (const r of rows<AdhocRow>(3)) {
    adhoc.total += r.n;
    if (r.area in adhoc.by_area) adhoc.by_area[r.area] += r.n;
    if (r.urgency in adhoc.by_urgency) adhoc.by_urgency[r.urgency] += r.n;
    if (r.status in adhoc.by_status) adhoc.by_status[r.status] += r.n;
  }
  if (depth === "commune") for (const r of rows<CountRow>(4)) countOpen(r.commune_id, r.urgency!, r.n);
  else for (const r of rows<OpenRow>(4)) countOpen(r.commune_id, r.urgency, 1);
  adhoc.open_by_commune = inOrder(openByCommune.values());
  adhoc.open =
    depth === "commune"
      ? []
      : rows<OpenRow>(4).map((r) => ({
          commune: communeLabel(r.commune_id),
          team_code: r.team_code,
          team_name: teamName(r.commune_id, r.team_code),
          report_code: r.report_code,
          report_date: r.report_date,
          area: r.area,
          urgency: r.urgency,
          status: r.status,
          ...(detail && r.content !== undefined ? { content: r.content } : {}),
        }));

  const meetings = { total: 0, members_present: 0, by_kind: zeroes(MEETING_KINDS) };
  for (const r of rows<MeetingRow>(5)) {
    meetings.total += r.n;
    meetings.members_present += r.members_present;
    if (r.kind in meetings.by_kind) meetings.by_kind[r.kind] += r.n;
  }

  const evaluations: Rollup["evaluations"] = { periods: [], by_rating: zeroes(RATINGS), commendations: [], commendations_by_commune: [] };
  const evalPeriods = new Map<string, Rollup["evaluations"]["periods"][number]>();
  for (const r of rows<EvalRow>(6)) {
    let ep = evalPeriods.get(r.period);
    if (!ep) {
      ep = { key: r.period, label_vi: labelOf(r.period), by_rating: zeroes(RATINGS), rated: 0, commendations: 0 };
      evalPeriods.set(r.period, ep);
    }
    ep.rated += r.n;
    ep.commendations += r.commendations;
    if (r.rating in ep.by_rating) {
      ep.by_rating[r.rating] += r.n;
      evaluations.by_rating[r.rating] += r.n;
    }
  }
  evaluations.periods = [...evalPeriods.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (depth === "commune") for (const r of rows<CountRow>(7)) countCommendations(r.commune_id, r.n);
  else for (const r of rows<CommendationRow>(7)) countCommendations(r.commune_id, 1);
  evaluations.commendations_by_commune = inOrder(commendationsByCommune.values());
  evaluations.commendations =
    depth === "commune"
      ? []
      : rows<CommendationRow>(7)
          .map((r) => ({
            commune: communeLabel(r.commune_id),
            team_code: r.team_code,
            team_name: teamName(r.commune_id, r.team_code),
            period: r.period,
            ...(detail && r.text ? { text: r.text } : {}),
          }))
          .sort((a, b) => compareVi(a.commune, b.commune) || a.period.localeCompare(b.period) || compareVi(a.team_name, b.team_name));

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
    missing_reports: built.missing,
    missing_by_commune: built.missingByCommune,
    adhoc,
    meetings,
    evaluations,
    milestones: summarizeMilestones(rows<MilestoneRow>(8), p.today, detail),
    ...(detail
      ? {
          notes: rows<NoteRow>(10).map((n) => ({
            commune: communeLabel(n.commune_id),
            team_code: n.team_code,
            team_name: teamName(n.commune_id, n.team_code),
            week: n.week,
            difficulties: n.difficulties,
            proposals: n.proposals,
          })),
        }
      : {}),
  };
}

function labelOf(key: string): string {
  return parsePeriodKey(key)?.label_vi ?? key;
}

/**
 * Done: status done or a done date; overdue: not done and due before today; pending: the rest.
 * Titles: the commune's own on a detail link, the plan's (./labels.ts) on an aggregate one.
 */
function summarizeMilestones(rows: MilestoneRow[], today: string, detail: boolean): Rollup["milestones"] {
  const items = new Map<string, Rollup["milestones"]["items"][number]>();
  const out: Rollup["milestones"] = { items: [], done: 0, overdue: 0, pending: 0 };
  for (const r of rows) {
    let it = items.get(r.milestone_code);
    if (!it) {
      const title = detail && r.title ? r.title : milestoneTitle(r.milestone_code);
      it = { code: r.milestone_code, title, due_on: r.due_on, done: 0, overdue: 0, pending: 0 };
      items.set(r.milestone_code, it);
    }
    const state = r.status === "done" || r.done_on ? "done" : r.due_on < today ? "overdue" : "pending";
    it[state]++;
    out[state]++;
  }
  out.items = [...items.values()].sort((a, b) => a.due_on.localeCompare(b.due_on) || a.code.localeCompare(b.code));
  return out;
}

interface TreeInput {
  teams: TeamRow[];
  weekly: WeeklyRow[];
  changes: ChangeRow[];
  meta: CommuneMetaRow[];
}

interface CommuneAcc {
  node: CommuneNode;
  villages: Map<string, VillageNode>;
  /** Figures not attributable to a team of the register (e.g. changes of a household no longer in it). */
  loose: Figures;
  /** At depth "commune": the teams' figures, summed straight into the commune. */
  teams: Figures;
  missingTeams: number;
}

/** A team's expected weeks that are due: those of its life (and its commune's) whose deadline has passed. */
interface TeamWindow {
  weeks: string[];
  due: number;
}

function buildTree(
  tree: UnitTree,
  communes: UnitRow[],
  p: RollupParams & { now: string; depth: RollupDepth },
  period: PeriodRef,
  input: TreeInput,
) {
  const { now, depth } = p;
  const refDate = period.end < p.today ? period.end : p.today;
  const weekly = new Map(input.weekly.map((w) => [`${w.commune_id}|${w.team_code}`, w]));
  const lastReceived = new Map(input.meta.map((m) => [m.commune_id, m.last_received_at]));
  const changesByTeam = new Map<string, ChangeRow[]>();
  /** Depth "commune": changes per commune, and which teams had any (a team with changes is shown). */
  const changesByCommune = new Map<string, ChangeRow[]>();
  const teamsWithChanges = new Set<string>();
  for (const c of input.changes) {
    if (c.teams !== undefined) {
      changesByCommune.set(c.commune_id, [...(changesByCommune.get(c.commune_id) ?? []), c]);
      for (const code of parseCodes(c.teams)) teamsWithChanges.add(`${c.commune_id}|${code}`);
      continue;
    }
    const k = `${c.commune_id}|${c.team_code ?? ""}`;
    changesByTeam.set(k, [...(changesByTeam.get(k) ?? []), c]);
  }

  // Teams share founding and dissolution dates: their due expected weeks are worked out once.
  const windows = new Map<string, TeamWindow>();
  const windowOf = (founded: string, dissolved: string | null, communeEnd: string | null): TeamWindow => {
    const k = `${founded}|${dissolved ?? ""}|${communeEnd ?? ""}`;
    let w = windows.get(k);
    if (!w) {
      // The week ends after the commune did: not expected.
      const list = expectedWeeks(period.key, founded, dissolved ?? undefined).filter((week) => !communeEnd || weekEnd(week) < communeEnd);
      w = { weeks: list, due: list.filter((week) => !isOnTime(week, now)).length };
      windows.set(k, w);
    }
    return w;
  };

  const groups = new Map<string, CommuneAcc>();
  const groupFor = (communeId: string): CommuneAcc => {
    const g = tree.groupOf(communeId, p.mode, p.today)!;
    let acc = groups.get(g.id);
    if (!acc) {
      acc = {
        node: {
          unit: tree.ref(g.id),
          parents: tree
            .ancestors(g.id)
            .reverse()
            .map((u) => tree.ref(u.id)),
          sources: [],
          last_received_at: null,
          villages: [],
          ...emptyFigures(false),
        },
        villages: new Map(),
        loose: emptyFigures(false),
        teams: emptyFigures(false),
        missingTeams: 0,
      };
      groups.set(g.id, acc);
    }
    if (!acc.node.sources.some((s) => s.id === communeId)) {
      acc.node.sources.push(tree.ref(communeId));
      const last = lastReceived.get(communeId) ?? null;
      if (last && (!acc.node.last_received_at || last > acc.node.last_received_at)) acc.node.last_received_at = last;
    }
    return acc;
  };

  const teamNames = new Map<string, string>();
  const missing: MissingReports[] = [];
  for (const t of input.teams) {
    const key = `${t.commune_id}|${t.team_code}`;
    const w = weekly.get(key);
    const ch = changesByTeam.get(key) ?? [];
    changesByTeam.delete(key);
    // A team lives from its founding to its dissolution, and no longer than its commune (a
    // commune merged in 2025 stops on its valid_to; its teams continue in the new register).
    const communeEnd = tree.get(t.commune_id)?.valid_to ?? null;
    const active =
      t.founded_on <= period.end && (!t.dissolved_on || t.dissolved_on > period.start) && (!communeEnd || communeEnd > period.start);
    if (!active && !w && ch.length === 0 && !teamsWithChanges.has(key)) continue;

    const ethnic = t.ethnic_identity !== 0;
    const team: TeamNode = {
      team_code: t.team_code,
      team_name: t.team_name,
      founded_on: t.founded_on,
      dissolved_on: t.dissolved_on,
      missing_weeks: [],
      ...emptyFigures(ethnic),
    };
    if (active) {
      const r = team.register;
      r.teams = 1;
      r.members = t.members;
      r.households = t.households;
      r.people = t.people;
      r.zalo_households = t.zalo_households;
      r.zalo_known = t.zalo_known;
      const activeAtRef = t.founded_on <= refDate && (!t.dissolved_on || t.dissolved_on > refDate) && (!communeEnd || communeEnd > refDate);
      if (activeAtRef && (t.households < HOUSEHOLDS_PER_TEAM.min || t.households > HOUSEHOLDS_PER_TEAM.max)) r.teams_outside_range = 1;
    }
    const window = windowOf(t.founded_on, t.dissolved_on || null, communeEnd);
    if (w && w.weeks === null) {
      // Depth "commune", a team whose life and commune span the whole period: each of its reports is
      // for an expected week; those not due yet count when received.
      team.reporting.expected = window.due + (w.n_not_due ?? 0);
      team.reporting.received = w.n ?? 0;
      team.reporting.on_time = w.n_on_time ?? 0;
    } else {
      const received = new Map<string, boolean>();
      for (const item of w?.weeks ? w.weeks.split(",") : []) {
        const [week, flag] = item.split(":");
        if (week) received.set(week, flag === "1");
      }
      for (const week of window.weeks) {
        const got = received.get(week);
        if (got === undefined && isOnTime(week, now)) continue; // not due yet
        team.reporting.expected++;
        if (got === undefined) {
          if (depth === "team") team.missing_weeks.push(week);
        } else {
          team.reporting.received++;
          if (got) team.reporting.on_time++;
        }
      }
    }
    if (w) addWeekly(team, w);
    for (const c of ch) addChange(team, c.change_type, c.events, c.people);
    finish(team);
    teamNames.set(key, team.team_name);

    const acc = groupFor(t.commune_id);
    if (team.reporting.missing > 0) acc.missingTeams++;
    if (depth === "commune") {
      addFigures(acc.teams, team);
      continue;
    }
    const vKey = `${t.commune_id}|${t.village_code}`;
    let village = acc.villages.get(vKey);
    if (!village) {
      village = {
        source_commune_id: t.commune_id,
        village_code: t.village_code,
        village_name: t.village_name,
        ethnic_identity: ethnic,
        teams: [],
        ...emptyFigures(ethnic),
      };
      acc.villages.set(vKey, village);
    }
    village.teams.push(team);
    addFigures(village, team);
    if (team.missing_weeks.length) {
      missing.push({
        commune: acc.node.unit.label_vi,
        village: t.village_name,
        team_code: t.team_code,
        team_name: t.team_name,
        weeks: team.missing_weeks,
      });
    }
  }
  // Changes whose household is not (any more) with a team of the register count for the commune only;
  // at depth "commune" every change counts for its commune.
  for (const rest of [...changesByTeam.values(), ...changesByCommune.values()]) {
    for (const c of rest) {
      if (!communes.some((u) => u.id === c.commune_id)) continue;
      addChange(groupFor(c.commune_id).loose, c.change_type, c.events, c.people);
    }
  }

  const totals = emptyFigures(false);
  const nodes: CommuneNode[] = [];
  const missingByCommune = new Map<string, MissingByCommune>();
  for (const acc of groups.values()) {
    const node = acc.node;
    node.sources.sort((a, b) => compareVi(a.label_vi, b.label_vi));
    node.villages = [...acc.villages.values()].sort(
      (a, b) => compareVi(a.village_name, b.village_name) || a.source_commune_id.localeCompare(b.source_commune_id),
    );
    for (const v of node.villages) {
      v.teams.sort((a, b) => compareVi(a.team_name, b.team_name) || a.team_code.localeCompare(b.team_code));
      finish(v);
      addFigures(node, v);
    }
    addFigures(node, acc.teams);
    addFigures(node, acc.loose);
    finish(node);
    addFigures(totals, node);
    nodes.push(node);
    if (acc.missingTeams > 0) {
      missingByCommune.set(node.unit.id, {
        commune_id: node.unit.id,
        commune: node.unit.label_vi,
        teams: acc.missingTeams,
        reports: node.reporting.missing,
      });
    }
  }
  const path = (n: CommuneNode) => [...n.parents.map((x) => x.label_vi), n.unit.label_vi];
  nodes.sort((a, b) => {
    const pa = path(a),
      pb = path(b);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const c = compareVi(pa[i]!, pb[i]!);
      if (c) return c;
    }
    return pa.length - pb.length;
  });
  missing.sort((a, b) => compareVi(a.commune, b.commune) || compareVi(a.village, b.village) || compareVi(a.team_name, b.team_name));
  return {
    totals: finish(totals),
    communes: nodes,
    missing,
    // In the order of the breakdown.
    missingByCommune: nodes.flatMap((n) => missingByCommune.get(n.unit.id) ?? []),
    teamNames,
  };
}

function parseCodes(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

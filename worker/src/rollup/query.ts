/**
 * rollup(): one unit × one period → a typed Rollup, read from the aggregate tables only
 * (0003_aggregates.sql) in one D1 batch, then grouped in memory commune → village → team.
 */
import { ADHOC_STATUSES, MEETING_KINDS, RATINGS, TASK_AREAS, URGENCIES, type AdhocStatus, type ChangeType, type MeetingKind, type Rating, type TaskArea, type Urgency } from "../../../shared/enums";
import { expectedWeeks, isOnTime, parsePeriodKey, weekEnd, weeksInPeriod } from "../../../shared/periods";
import { HOUSEHOLDS_PER_TEAM } from "../../../shared/rules/households";
import { compareVi } from "../../../shared/text";
import { WEEKLY_COUNTS, type WeeklyCount } from "./aggregates";
import { addChange, addFigures, addWeekly, emptyFigures, finish, type WeeklySums } from "./figures";
import type { CommuneNode, Figures, MissingReports, OpenAdhoc, PeriodRef, Rollup, RollupMode, RollupScope, TeamNode, VillageNode } from "./types";
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
}

export class UnknownUnitError extends Error {}

interface TeamRow {
  commune_id: string; team_code: string; team_name: string; village_code: string; village_name: string;
  ethnic_identity: number; founded_on: string; dissolved_on: string | null;
  members: number; households: number; people: number; zalo_households: number;
}
type WeeklyRow = { commune_id: string; team_code: string; weeks: string } & WeeklySums;
interface ChangeRow { commune_id: string; team_code: string; change_type: ChangeType; events: number; people: number }
interface AdhocRow { area: TaskArea; urgency: Urgency; status: AdhocStatus; n: number }
interface OpenRow { commune_id: string; report_code: string; report_date: string; team_code: string; area: TaskArea; urgency: Urgency; status: AdhocStatus; content?: string }
interface MeetingRow { kind: MeetingKind; n: number; members_present: number }
interface EvalRow { period: string; rating: Rating; n: number; commendations: number }
interface CommendationRow { commune_id: string; period: string; team_code: string; text?: string }
interface MilestoneRow { milestone_code: string; title: string; due_on: string; done_on: string | null; status: string }
interface CommuneMetaRow { commune_id: string; last_received_at: string | null }
interface NoteRow { commune_id: string; team_code: string; week: string; difficulties: string | null; proposals: string | null }

const IN_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1))";

function zeroes<K extends string>(vocab: Record<K, string>): Record<K, number> {
  return Object.fromEntries(Object.keys(vocab).map((k) => [k, 0])) as Record<K, number>;
}

/** The last week with a weekly report among the given communes (for the default period). */
export async function lastWeekWithData(db: D1Database, communeIds: string[]): Promise<string | null> {
  const row = await db.prepare(`SELECT max(last_week) AS week FROM agg_communes WHERE ${IN_COMMUNES}`).bind(JSON.stringify(communeIds)).first<{ week: string | null }>();
  return row?.week ?? null;
}

/** The rollup of a unit for a period. `tree` may be passed when the caller already loaded it. */
export async function rollup(db: D1Database, p: RollupParams, preloaded?: UnitTree): Promise<Rollup> {
  const period = parsePeriodKey(p.period);
  if (!period) throw new RangeError(`Kỳ không hợp lệ: ${p.period}`);
  const tree = preloaded ?? (await loadUnitTree(db, p.unitId));
  const unit = tree.get(p.unitId);
  if (!unit) throw new UnknownUnitError(p.unitId);
  const communes = tree.communesOf(unit.id, p.mode, p.today);
  const ids = JSON.stringify(communes.map((c) => c.id));
  const detail = p.scope === "detail";

  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(ids, ...args);
  const statements = [
    q(`SELECT * FROM agg_teams WHERE ${IN_COMMUNES}`),
    q(`SELECT commune_id, team_code, group_concat(week || ':' || on_time) AS weeks,
         ${WEEKLY_COUNTS.map((c) => `sum(${c}) AS ${c}`).join(", ")}
       FROM agg_team_weeks WHERE ${IN_COMMUNES} AND week IN (SELECT value FROM json_each(?2))
       GROUP BY commune_id, team_code`, JSON.stringify(weeksInPeriod(period.key))),
    q(`SELECT commune_id, team_code, change_type, sum(events) AS events, sum(people) AS people FROM agg_changes
       WHERE ${IN_COMMUNES} AND change_date BETWEEN ?2 AND ?3 GROUP BY commune_id, team_code, change_type`, period.start, period.end),
    q(`SELECT area, urgency, status, sum(n) AS n FROM agg_adhoc
       WHERE ${IN_COMMUNES} AND report_date BETWEEN ?2 AND ?3 GROUP BY area, urgency, status`, period.start, period.end),
    detail
      ? q(`SELECT o.*, a.content FROM agg_adhoc_open o JOIN adhoc_reports a USING (commune_id, report_code)
           WHERE o.${IN_COMMUNES} AND o.report_date <= ?2 ORDER BY o.report_date, o.report_code`, period.end)
      : q(`SELECT * FROM agg_adhoc_open WHERE ${IN_COMMUNES} AND report_date <= ?2 ORDER BY report_date, report_code`, period.end),
    q(`SELECT kind, sum(n) AS n, sum(members_present) AS members_present FROM agg_meetings
       WHERE ${IN_COMMUNES} AND meeting_date BETWEEN ?2 AND ?3 GROUP BY kind`, period.start, period.end),
    q(`SELECT period, rating, count(*) AS n, sum(commendation) AS commendations FROM agg_evaluations
       WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 GROUP BY period, rating`, period.start, period.end),
    detail
      ? q(`SELECT g.commune_id, g.period, g.team_code, e.commendation AS text FROM agg_evaluations g
           JOIN evaluations e USING (commune_id, period, team_code)
           WHERE g.${IN_COMMUNES} AND g.period_start <= ?3 AND g.period_end >= ?2 AND g.commendation = 1`, period.start, period.end)
      : q(`SELECT commune_id, period, team_code FROM agg_evaluations
           WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 AND commendation = 1`, period.start, period.end),
    q(`SELECT milestone_code, title, due_on, done_on, status FROM agg_milestones
       WHERE ${IN_COMMUNES} AND due_on BETWEEN ?2 AND ?3`, period.start, period.end),
    q(`SELECT commune_id, last_received_at FROM agg_communes WHERE ${IN_COMMUNES}`),
  ];
  if (detail) {
    // A commune's own free text: read from its reports (never for aggregate links).
    statements.push(q(`SELECT commune_id, team_code, week, difficulties, proposals FROM weekly_reports
       WHERE ${IN_COMMUNES} AND week IN (SELECT value FROM json_each(?2))
         AND (trim(coalesce(difficulties, '')) <> '' OR trim(coalesce(proposals, '')) <> '')
       ORDER BY week, team_code`, JSON.stringify(weeksInPeriod(period.key))));
  }
  const res = await db.batch(statements);
  const rows = <T>(i: number) => (res[i]?.results ?? []) as T[];

  const built = buildTree(tree, communes, p, period, {
    teams: rows<TeamRow>(0),
    weekly: rows<WeeklyRow>(1),
    changes: rows<ChangeRow>(2),
    meta: rows<CommuneMetaRow>(9),
  });
  const teamName = (communeId: string, code: string) => built.teamIndex.get(`${communeId}|${code}`)?.team_name ?? code;
  const communeLabel = (communeId: string) => tree.ref(communeId).label_vi;

  const adhoc = { total: 0, by_area: zeroes(TASK_AREAS), by_urgency: zeroes(URGENCIES), by_status: zeroes(ADHOC_STATUSES), open: [] as OpenAdhoc[] };
  for (const r of rows<AdhocRow>(3)) {
    adhoc.total += r.n;
    if (r.area in adhoc.by_area) adhoc.by_area[r.area] += r.n;
    if (r.urgency in adhoc.by_urgency) adhoc.by_urgency[r.urgency] += r.n;
    if (r.status in adhoc.by_status) adhoc.by_status[r.status] += r.n;
  }
  adhoc.open = rows<OpenRow>(4).map((r) => ({
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

  const evaluations: Rollup["evaluations"] = { periods: [], by_rating: zeroes(RATINGS), commendations: [] };
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
  evaluations.commendations = rows<CommendationRow>(7)
    .map((r) => ({
      commune: communeLabel(r.commune_id),
      team_code: r.team_code,
      team_name: teamName(r.commune_id, r.team_code),
      period: r.period,
      ...(detail && r.text ? { text: r.text } : {}),
    }))
    .sort((a, b) => compareVi(a.commune, b.commune) || a.period.localeCompare(b.period) || compareVi(a.team_name, b.team_name));

  return {
    unit: { ...tree.ref(unit.id), parents: tree.ancestors(unit.id).reverse().map((u) => tree.ref(u.id)) },
    scope: p.scope,
    mode: p.mode,
    period: { kind: period.kind, key: period.key, start: period.start, end: period.end, label_vi: period.label_vi },
    today: p.today,
    totals: built.totals,
    communes: built.communes,
    missing_reports: built.missing,
    adhoc,
    meetings,
    evaluations,
    milestones: summarizeMilestones(rows<MilestoneRow>(8), p.today),
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

/** Done: status done or a done date; overdue: not done and due before today; pending: the rest. */
function summarizeMilestones(rows: MilestoneRow[], today: string): Rollup["milestones"] {
  const items = new Map<string, Rollup["milestones"]["items"][number]>();
  const out: Rollup["milestones"] = { items: [], done: 0, overdue: 0, pending: 0 };
  for (const r of rows) {
    let it = items.get(r.milestone_code);
    if (!it) {
      it = { code: r.milestone_code, title: r.title, due_on: r.due_on, done: 0, overdue: 0, pending: 0 };
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
}

function buildTree(tree: UnitTree, communes: UnitRow[], p: RollupParams, period: PeriodRef, input: TreeInput) {
  const now = p.now ?? new Date().toISOString();
  const refDate = period.end < p.today ? period.end : p.today;
  const weekly = new Map(input.weekly.map((w) => [`${w.commune_id}|${w.team_code}`, w]));
  const lastReceived = new Map(input.meta.map((m) => [m.commune_id, m.last_received_at]));
  const changesByTeam = new Map<string, ChangeRow[]>();
  for (const c of input.changes) {
    const k = `${c.commune_id}|${c.team_code}`;
    changesByTeam.set(k, [...(changesByTeam.get(k) ?? []), c]);
  }

  const groups = new Map<string, CommuneAcc>();
  const groupFor = (communeId: string): CommuneAcc => {
    const g = tree.groupOf(communeId, p.mode, p.today)!;
    let acc = groups.get(g.id);
    if (!acc) {
      acc = {
        node: {
          unit: tree.ref(g.id),
          parents: tree.ancestors(g.id).reverse().map((u) => tree.ref(u.id)),
          sources: [],
          last_received_at: null,
          villages: [],
          ...emptyFigures(false),
        },
        villages: new Map(),
        loose: emptyFigures(false),
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

  const teamIndex = new Map<string, TeamNode>();
  const missing: MissingReports[] = [];
  for (const t of input.teams) {
    const key = `${t.commune_id}|${t.team_code}`;
    const w = weekly.get(key);
    const ch = changesByTeam.get(key) ?? [];
    changesByTeam.delete(key);
    // A team lives from its founding to its dissolution, and no longer than its commune (a
    // commune merged in 2025 stops on its valid_to; its teams continue in the new register).
    const communeEnd = tree.get(t.commune_id)?.valid_to ?? null;
    const active = t.founded_on <= period.end && (!t.dissolved_on || t.dissolved_on > period.start) && (!communeEnd || communeEnd > period.start);
    if (!active && !w && ch.length === 0) continue;

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
      const activeAtRef = t.founded_on <= refDate && (!t.dissolved_on || t.dissolved_on > refDate) && (!communeEnd || communeEnd > refDate);
      if (activeAtRef && (t.households < HOUSEHOLDS_PER_TEAM.min || t.households > HOUSEHOLDS_PER_TEAM.max)) r.teams_outside_range = 1;
    }
    const received = new Map<string, boolean>();
    for (const item of w?.weeks ? w.weeks.split(",") : []) {
      const [week, flag] = item.split(":");
      if (week) received.set(week, flag === "1");
    }
    for (const week of expectedWeeks(period.key, t.founded_on, t.dissolved_on ?? undefined)) {
      if (communeEnd && weekEnd(week) >= communeEnd) continue; // the week ends after the commune did
      const got = received.get(week);
      if (got === undefined && isOnTime(week, now)) continue; // not due yet
      team.reporting.expected++;
      if (got === undefined) team.missing_weeks.push(week);
      else {
        team.reporting.received++;
        if (got) team.reporting.on_time++;
      }
    }
    if (w) addWeekly(team, w);
    for (const c of ch) addChange(team, c.change_type, c.events, c.people);
    finish(team);
    teamIndex.set(key, team);

    const acc = groupFor(t.commune_id);
    const vKey = `${t.commune_id}|${t.village_code}`;
    let village = acc.villages.get(vKey);
    if (!village) {
      village = { source_commune_id: t.commune_id, village_code: t.village_code, village_name: t.village_name, ethnic_identity: ethnic, teams: [], ...emptyFigures(ethnic) };
      acc.villages.set(vKey, village);
    }
    village.teams.push(team);
    addFigures(village, team);
    if (team.missing_weeks.length) {
      missing.push({ commune: acc.node.unit.label_vi, village: t.village_name, team_code: t.team_code, team_name: t.team_name, weeks: team.missing_weeks });
    }
  }
  // Changes whose household is not (any more) with a team of the register count for the commune only.
  for (const rest of changesByTeam.values()) {
    for (const c of rest) {
      if (!communes.some((u) => u.id === c.commune_id)) continue;
      addChange(groupFor(c.commune_id).loose, c.change_type, c.events, c.people);
    }
  }

  const totals = emptyFigures(false);
  const nodes: CommuneNode[] = [];
  for (const acc of groups.values()) {
    const node = acc.node;
    node.sources.sort((a, b) => compareVi(a.label_vi, b.label_vi));
    node.villages = [...acc.villages.values()].sort((a, b) => compareVi(a.village_name, b.village_name) || a.source_commune_id.localeCompare(b.source_commune_id));
    for (const v of node.villages) {
      v.teams.sort((a, b) => compareVi(a.team_name, b.team_name) || a.team_code.localeCompare(b.team_code));
      finish(v);
      addFigures(node, v);
    }
    addFigures(node, acc.loose);
    finish(node);
    addFigures(totals, node);
    nodes.push(node);
  }
  const path = (n: CommuneNode) => [...n.parents.map((x) => x.label_vi), n.unit.label_vi];
  nodes.sort((a, b) => {
    const pa = path(a), pb = path(b);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const c = compareVi(pa[i]!, pb[i]!);
      if (c) return c;
    }
    return pa.length - pb.length;
  });
  missing.sort((a, b) => compareVi(a.commune, b.commune) || compareVi(a.village, b.village) || compareVi(a.team_name, b.team_name));
  return { totals: finish(totals), communes: nodes, missing, teamIndex };
}

/**
 * What a rollup says about the logs beside the weekly figures: ad-hoc reports (and those still
 * open), meetings, evaluations with commendation proposals, and the plan's milestones. Lists name
 * communes and teams as the link may show them; at depth "commune" they are counted per commune
 * instead, in the order of the breakdown.
 */
import { ADHOC_STATUSES, MEETING_KINDS, RATINGS, TASK_AREAS, URGENCIES, type Urgency } from "../../../shared/enums";
import { parsePeriodKey } from "../../../shared/periods";
import { compareVi } from "../../../shared/text";
import { milestoneTitle } from "./labels";
import { addAdhocCounts } from "./log-rows";
import type { AggregateRows } from "./read";
import type { MilestoneRow } from "./rows";
import type { AdhocSummary, EvaluationSummary, MeetingSummary, MilestoneSummary, RollupDepth } from "./types";

export interface SummaryContext {
  depth: RollupDepth;
  detail: boolean;
  /** The commune a commune's data (of a team, for a split commune's villages) is shown under: its group in the mode. */
  groupOf(communeId: string, teamCode?: string | null): string;
  communeLabel(communeId: string): string;
  teamName(communeId: string, teamCode: string): string;
  /** Commune (group) id → its row in the breakdown. */
  order: ReadonlyMap<string, number>;
}

function zeroes<K extends string>(vocab: Record<K, string>): Record<K, number> {
  return Object.fromEntries(Object.keys(vocab).map((k) => [k, 0])) as Record<K, number>;
}

/** Items kept per commune (as grouped in the mode), listed in the order of the breakdown. */
function perCommune<T extends { commune_id: string; commune: string }>(ctx: SummaryContext, make: (id: string, label: string) => T) {
  const items = new Map<string, T>();
  const rank = (id: string) => ctx.order.get(id) ?? ctx.order.size;
  return {
    at(communeId: string, teamCode?: string | null): T {
      const g = ctx.groupOf(communeId, teamCode);
      let it = items.get(g);
      if (!it) {
        it = make(g, ctx.communeLabel(g));
        items.set(g, it);
      }
      return it;
    },
    list: (): T[] => [...items.values()].sort((a, b) => rank(a.commune_id) - rank(b.commune_id) || compareVi(a.commune, b.commune)),
  };
}

export function adhocSummary(
  rows: Pick<AggregateRows, "adhoc" | "open" | "openCounts" | "adhocCounts">,
  ctx: SummaryContext,
): AdhocSummary {
  const adhoc: AdhocSummary = {
    total: 0,
    by_area: zeroes(TASK_AREAS),
    by_urgency: zeroes(URGENCIES),
    by_status: zeroes(ADHOC_STATUSES),
    open: [],
    open_by_commune: [],
  };
  for (const r of rows.adhoc) {
    adhoc.total += r.n;
    if (r.area in adhoc.by_area) adhoc.by_area[r.area] += r.n;
    if (r.urgency in adhoc.by_urgency) adhoc.by_urgency[r.urgency] += r.n;
    if (r.status in adhoc.by_status) adhoc.by_status[r.status] += r.n;
  }
  addAdhocCounts(adhoc, rows.adhocCounts);
  const open = perCommune(ctx, (id, label) => ({ commune_id: id, commune: label, total: 0, by_urgency: zeroes(URGENCIES) }));
  const count = (communeId: string, teamCode: string | null | undefined, urgency: Urgency, n: number) => {
    const it = open.at(communeId, teamCode);
    it.total += n;
    if (urgency in it.by_urgency) it.by_urgency[urgency] += n;
  };
  if (ctx.depth === "commune") for (const r of rows.openCounts) count(r.commune_id, r.team_code, r.urgency!, r.n);
  else for (const r of rows.open) count(r.commune_id, r.team_code, r.urgency, 1);
  adhoc.open_by_commune = open.list();
  adhoc.open = rows.open.map((r) => ({
    commune: ctx.communeLabel(r.commune_id),
    team_code: r.team_code,
    team_name: ctx.teamName(r.commune_id, r.team_code),
    report_code: r.report_code,
    report_date: r.report_date,
    area: r.area,
    urgency: r.urgency,
    status: r.status,
    ...(ctx.detail && r.content !== undefined ? { content: r.content } : {}),
  }));
  return adhoc;
}

export function meetingSummary(rows: AggregateRows["meetings"]): Pick<MeetingSummary, "total" | "members_present" | "by_kind"> {
  const meetings = { total: 0, members_present: 0, by_kind: zeroes(MEETING_KINDS) };
  for (const r of rows) {
    meetings.total += r.n;
    meetings.members_present += r.members_present;
    if (r.kind in meetings.by_kind) meetings.by_kind[r.kind] += r.n;
  }
  return meetings;
}

const labelOf = (key: string) => parsePeriodKey(key)?.label_vi ?? key;

export function evaluationSummary(
  rows: Pick<AggregateRows, "evaluations" | "commendations" | "commendationCounts">,
  ctx: SummaryContext,
): EvaluationSummary {
  const evaluations: EvaluationSummary = { periods: [], by_rating: zeroes(RATINGS), commendations: [], commendations_by_commune: [] };
  const periods = new Map<string, EvaluationSummary["periods"][number]>();
  for (const r of rows.evaluations) {
    let ep = periods.get(r.period);
    if (!ep) {
      ep = { key: r.period, label_vi: labelOf(r.period), by_rating: zeroes(RATINGS), rated: 0, commendations: 0 };
      periods.set(r.period, ep);
    }
    ep.rated += r.n;
    ep.commendations += r.commendations;
    if (r.rating in ep.by_rating) {
      ep.by_rating[r.rating] += r.n;
      evaluations.by_rating[r.rating] += r.n;
    }
  }
  evaluations.periods = [...periods.values()].sort((a, b) => a.key.localeCompare(b.key));
  const proposals = perCommune(ctx, (id, label) => ({ commune_id: id, commune: label, count: 0 }));
  if (ctx.depth === "commune") for (const r of rows.commendationCounts) proposals.at(r.commune_id, r.team_code).count += r.n;
  else for (const r of rows.commendations) proposals.at(r.commune_id, r.team_code).count += 1;
  evaluations.commendations_by_commune = proposals.list();
  evaluations.commendations = rows.commendations
    .map((r) => ({
      commune: ctx.communeLabel(r.commune_id),
      team_code: r.team_code,
      team_name: ctx.teamName(r.commune_id, r.team_code),
      period: r.period,
      ...(ctx.detail && r.text ? { text: r.text } : {}),
    }))
    .sort((a, b) => compareVi(a.commune, b.commune) || a.period.localeCompare(b.period) || compareVi(a.team_name, b.team_name));
  return evaluations;
}

/**
 * Done: status done or a done date; overdue: not done and due before today; pending: the rest.
 * Titles: the commune's own on a detail link, the plan's (./labels.ts) on an aggregate one.
 */
export function milestoneSummary(rows: readonly MilestoneRow[], today: string, detail: boolean): MilestoneSummary {
  const items = new Map<string, MilestoneSummary["items"][number]>();
  const out: MilestoneSummary = { items: [], done: 0, overdue: 0, pending: 0 };
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

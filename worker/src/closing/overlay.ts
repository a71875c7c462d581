/**
 * The one place a closing reaches the rollup: after `rollup()`, on a district or province link
 * (pages, JSON, CSV, drill-downs, reports), for a month or a quarter, each commune that closed the
 * period shows its closed figures instead of the live ones until it closes again, and the totals
 * follow; the commune's own link keeps its live figures (it is never passed here).
 *
 * Rules (README, "The reporting cycle"):
 * - What is replaced: the commune's Figures (register, weekly reporting, propaganda, task areas,
 *   population changes). Lists (ad-hoc reports, meetings, evaluations, milestones) stay live.
 * - A commune whose live figures differ ("có điều chỉnh sau khi chốt") is listed with each changed
 *   figure; its villages and teams (JSON, CSV, drill-down) become one row "Số liệu đã chốt", since a
 *   closing keeps the commune's figures only, and its missing-report lists follow the closed figures.
 * - "current" mode: a commune into which several old communes were merged shows live figures (its
 *   old communes' closings are per old commune: the "as_was" mode shows them).
 * - A half-year, a year or a phase: live figures, and the page names the months and quarters closed in it.
 */
import { CLOSABLE_KINDS } from "../../../shared/closing";
import { formatDateVi } from "../../../shared/text";
import { perShard, type ShardGroups } from "../db/shard";
import { finish, weeklyFigures } from "../rollup/figures";
import type { CommuneNode, Figures, Rollup } from "../rollup/types";
import { figureDiffs } from "./figures";
import { closedWithin, closingsFor } from "./store";
import type { CommuneClosing, RollupClosing } from "./types";

export type ClosedRollup = Rollup & { closing?: RollupClosing };

const figuresOf = (f: Figures): Figures => ({
  register: f.register,
  reporting: f.reporting,
  propaganda: f.propaganda,
  tasks: f.tasks,
  changes: f.changes,
});

/** `shards`: where the communes' data (their closings) is (../db/shard.ts). */
export async function applyClosings(shards: ShardGroups, r: Rollup): Promise<ClosedRollup> {
  if (r.unit.level === "commune") return r;
  const out: ClosedRollup = r;
  const sources = [...new Set(r.communes.flatMap((n) => n.sources.map((s) => s.id)))];
  if (!(CLOSABLE_KINDS as readonly string[]).includes(r.period.kind)) {
    const closed = [
      ...new Set((await perShard(shards, sources, (db, ids) => closedWithin(db, ids, r.period.start, r.period.end))).flat()),
    ].sort();
    if (closed.length) out.closing = { kind: "live", closed_periods: closed };
    return out;
  }
  const rows = new Map(
    (await perShard(shards, sources, (db, ids) => closingsFor(db, ids, r.period.key))).flat().map((c) => [c.commune_id, c]),
  );
  const { emptyFigures, addFigures } = weeklyFigures;
  const closedTotals = emptyFigures(false);
  const openTotals = emptyFigures(false);
  const communes: CommuneClosing[] = [];
  const merged: string[] = [];
  let replaced = false;
  for (const node of r.communes) {
    const single = !node.undetermined && node.sources.length === 1 && node.sources[0]!.id === node.unit.id;
    const row = single ? rows.get(node.unit.id) : undefined;
    if (!single && node.sources.some((s) => rows.get(s.id) && rows.get(s.id)!.state !== "reopened")) merged.push(node.unit.label_vi);
    if (!row || row.state === "reopened") {
      addFigures(openTotals, node);
      if (single) communes.push(openEntry(node));
      continue;
    }
    const closed = JSON.parse(row.figures) as Figures;
    const corrections = figureDiffs(closed, node);
    if (corrections.length) {
      replaced = true;
      showClosed(r, node, closed, row.closed_at);
    }
    addFigures(closedTotals, node);
    communes.push({
      commune_id: node.unit.id,
      commune: node.unit.label_vi,
      state: row.state,
      closed_at: row.closed_at,
      accepted_at: row.accepted_at,
      shows_closed: true,
      corrections,
    });
  }
  if (replaced) {
    const totals = emptyFigures(false);
    for (const n of r.communes) addFigures(totals, n);
    r.totals = finish(totals);
  }
  out.closing = {
    kind: "exact",
    communes,
    closed_totals: finish(closedTotals),
    open_totals: finish(openTotals),
    closed_count: communes.filter((c) => c.state !== "open").length,
    open_count: communes.filter((c) => c.state === "open").length,
    merged,
  };
  return out;
}

function openEntry(node: CommuneNode): CommuneClosing {
  return {
    commune_id: node.unit.id,
    commune: node.unit.label_vi,
    state: "open",
    closed_at: null,
    accepted_at: null,
    shows_closed: false,
    corrections: [],
  };
}

/** The node shows its closed figures; its villages and teams become one row of them; its missing lists follow. */
function showClosed(r: Rollup, node: CommuneNode, closed: Figures, closedAt: string): void {
  Object.assign(node, figuresOf(closed));
  if (node.villages.length) {
    const label = `Số liệu đã chốt ngày ${formatDateVi(closedAt.slice(0, 10))} (cả xã)`;
    node.villages = [
      {
        source_commune_id: node.unit.id,
        village_code: "",
        village_name: label,
        ethnic_identity: closed.tasks.ethnic !== null,
        ...figuresOf(closed),
        teams: [{ team_code: "", team_name: label, founded_on: "", dissolved_on: null, missing_weeks: [], ...figuresOf(closed) }],
      },
    ];
  }
  r.missing_reports = r.missing_reports.filter((m) => m.commune !== node.unit.label_vi);
  r.missing_by_commune = r.missing_by_commune.flatMap((m) =>
    m.commune_id !== node.unit.id ? [m] : closed.reporting.missing > 0 ? [{ ...m, reports: closed.reporting.missing }] : [],
  );
}

/**
 * Grouping: teams (./team.ts) into villages into the communes they are shown under (./groups.ts) —
 * themselves (as_was), today's commune (current), or for a split commune the successor of each
 * village and "Chưa xác định đơn vị mới" — and the communes into the unit's totals, in Vietnamese
 * order (that pseudo-group last); with the teams missing reports, listed (depth "team") or counted per
 * commune. At depth "commune" the teams' figures go straight into their commune, with no villages or
 * teams built.
 */
import { compareVi } from "../../../shared/text";
import { addChange, type FigureMath, finish } from "./figures";
import type { Grouping } from "./groups";
import { changesOf } from "./log-rows";
import type { SummarisedMeetings } from "./meetings";
import type { AggregateRows } from "./read";
import type { ChangeRow } from "./rows";
import { type SummaryRequest, summarise } from "./summarised";
import { teamLife, teamNode, teamWindows } from "./team";
import type { CommuneNode, Figures, MissingByCommune, MissingReports, PeriodRef, RollupDepth, RollupMode, VillageNode } from "./types";
import { UNDETERMINED } from "./types";
import type { UnitTree } from "./units";

export interface TreeRequest {
  mode: RollupMode;
  today: string;
  now: string;
  depth: RollupDepth;
  period: PeriodRef;
  math: FigureMath;
  /** Communes read from the flat summaries (./summarised.ts). */
  summary?: SummaryRequest;
}

export interface Tree {
  totals: Figures;
  communes: CommuneNode[];
  missing: MissingReports[];
  /** In the order of the breakdown. */
  missingByCommune: MissingByCommune[];
  /** `commune id|team code` → the team's name as the link shows it. */
  teamNames: Map<string, string>;
  /** The summarised communes' meetings (./monthly.ts), for ./meetings.ts. */
  summaryMeetings: SummarisedMeetings[];
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

export function buildTree(
  tree: UnitTree,
  grouping: Pick<Grouping, "place">,
  p: TreeRequest,
  input: Pick<AggregateRows, "teams" | "weekly" | "changes" | "meta" | "summaries" | "changeMonths">,
): Tree {
  const { now, depth, period, math } = p;
  const { emptyFigures, addFigures } = math;
  const refDate = period.end < p.today ? period.end : p.today;
  const weekly = new Map(input.weekly.map((w) => [`${w.commune_id}|${w.team_code}`, w]));
  const lastReceived = new Map(input.meta.map((m) => [m.commune_id, m.last_received_at]));
  const changesByTeam = new Map<string, ChangeRow[]>();
  /** Depth "commune": changes per commune, and which teams had any (a team with changes is shown). */
  const changesByCommune = new Map<string, ChangeRow[]>();
  const teamsWithChanges = new Set<string>();
  // The summarised communes' changes, and which of their teams had any (./log-rows.ts).
  const summarisedChanges = changesOf(input.changeMonths);
  for (const c of summarisedChanges.changes) changesByCommune.set(c.commune_id, [...(changesByCommune.get(c.commune_id) ?? []), c]);
  for (const c of input.changes) {
    if (c.teams !== undefined) {
      changesByCommune.set(c.commune_id, [...(changesByCommune.get(c.commune_id) ?? []), c]);
      for (const code of parseCodes(c.teams)) teamsWithChanges.add(`${c.commune_id}|${code}`);
      continue;
    }
    const k = `${c.commune_id}|${c.team_code ?? ""}`;
    changesByTeam.set(k, [...(changesByTeam.get(k) ?? []), c]);
  }
  const windowOf = teamWindows(period, now);

  const villageOf = teamVillages(input.teams);
  const groups = new Map<string, CommuneAcc>();
  /** The group of a row of a commune's village (null: the commune as a whole); null when outside the rollup. */
  const groupFor = (communeId: string, village: string | null): CommuneAcc | null => {
    const g = grouping.place(communeId, village);
    if (g === null) return null;
    let acc = groups.get(g);
    if (!acc) {
      acc = {
        node: {
          unit: tree.ref(g),
          ...(g === UNDETERMINED.id ? { undetermined: true as const } : {}),
          parents: tree
            .ancestors(g)
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
      groups.set(g, acc);
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
    if (grouping.place(t.commune_id, t.village_code) === null) continue;
    const w = weekly.get(key);
    const ch = changesByTeam.get(key) ?? [];
    changesByTeam.delete(key);
    const communeEnd = tree.get(t.commune_id)?.valid_to ?? null;
    const { active, activeAtRef } = teamLife(t, period, refDate, communeEnd);
    if (!active && !w && ch.length === 0 && !teamsWithChanges.has(key)) continue;

    const window = windowOf(t.founded_on, t.dissolved_on || null, communeEnd);
    const team = teamNode({ team: t, active, activeAtRef, window, weekly: w, changes: ch, now, depth, math });
    teamNames.set(key, team.team_name);

    const acc = groupFor(t.commune_id, t.village_code)!;
    if (team.reporting.missing > 0) acc.missingTeams++;
    if (depth === "commune") {
      addFigures(acc.teams, team);
      continue;
    }
    const vKey = `${t.commune_id}|${t.village_code}`;
    let village = acc.villages.get(vKey);
    if (!village) {
      const ethnic = t.ethnic_identity !== 0;
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
  const summaryMeetings = summarise(p, input.summaries, {
    refDate,
    windowOf,
    communeEnd: (id) => tree.get(id)?.valid_to ?? null,
    changed: (id) => summarisedChanges.changed.get(id) ?? { any: false, ethnic: false },
    add(communeId, s) {
      const acc = groupFor(communeId, null)!;
      addFigures(acc.teams, s.figures);
      acc.missingTeams += s.missingTeams;
    },
  });
  // Changes whose household is not (any more) with a team of the register count for the commune only;
  // at depth "commune" every change counts for its commune (a split commune's by its team's village).
  for (const rest of [...changesByTeam.values(), ...changesByCommune.values()]) {
    for (const c of rest) {
      const acc = groupFor(c.commune_id, c.team_code ? villageOf(c.commune_id, c.team_code) : null);
      if (acc) addChange(acc.loose, c.change_type, c.events, c.people);
    }
  }
  return { ...sumCommunes(groups, math), missing: missing.sort(byPlace), teamNames, summaryMeetings };
}

/** `(commune id, team code)` → the team's village, from the register's teams; null for a team not in it. */
export function teamVillages(teams: readonly { commune_id: string; team_code: string; village_code: string }[]) {
  const m = new Map(teams.map((t) => [`${t.commune_id}|${t.team_code}`, t.village_code]));
  return (communeId: string, teamCode: string): string | null => m.get(`${communeId}|${teamCode}`) ?? null;
}

const byPlace = (a: MissingReports, b: MissingReports) =>
  compareVi(a.commune, b.commune) || compareVi(a.village, b.village) || compareVi(a.team_name, b.team_name);

/** Villages and teams sorted and summed into their commune, communes into the totals, in the order of their names. */
function sumCommunes(
  groups: Map<string, CommuneAcc>,
  { emptyFigures, addFigures }: FigureMath,
): Pick<Tree, "totals" | "communes" | "missingByCommune"> {
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
  const paths = new Map(nodes.map((n) => [n, [...n.parents.map((x) => x.label_vi), n.unit.label_vi]]));
  nodes.sort((a, b) => {
    if (!!a.undetermined !== !!b.undetermined) return a.undetermined ? 1 : -1;
    const pa = paths.get(a)!,
      pb = paths.get(b)!;
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const c = compareVi(pa[i]!, pb[i]!);
      if (c) return c;
    }
    return pa.length - pb.length;
  });
  return {
    totals: finish(totals),
    communes: nodes,
    missingByCommune: nodes.flatMap((n) => missingByCommune.get(n.unit.id) ?? []),
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

/**
 * The two depths of rollup() and its drill-down agree: the commune rows of depth "commune" (the HTML
 * page above commune level, built from per-commune changes and, for teams whose life spans the
 * period, from weekly counts instead of week lists) equal those of depth "team"; a drill-down equals
 * its commune's row; the missing-report summary per commune equals the teams' missing weeks. Figures
 * are also checked against the fixture computed independently (fixtures/rollup-expect.ts).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { communeGroups, resolveCommune } from "../../worker/src/rollup/groups";
import { rollup, UnknownUnitError } from "../../worker/src/rollup/rollup";
import { loadUnitTree } from "../../worker/src/rollup/tree-cache";
import type { CommuneNode, Figures, Rollup, RollupMode } from "../../worker/src/rollup/types";
import { expectFigures } from "./fixtures/rollup-expect";
import { buildFixture, type Fixture, insertUnits, loadFixture, U } from "./fixtures/rollup-fixture";

const db = () => env.DB;

let fx: Fixture;
beforeAll(async () => {
  await insertUnits(db());
  fx = buildFixture();
  await loadFixture(db(), fx);
});

interface Case {
  unit: string;
  period: string;
  mode: RollupMode;
  today: string;
  now?: string;
}

const CASES: Case[] = [
  { unit: U.lucNgan, period: "2022-Q1", mode: "as_was", today: "2022-04-15" },
  { unit: U.lucNgan, period: "2022-Q1", mode: "current", today: "2026-01-10" },
  { unit: U.lucNgan, period: "2022", mode: "as_was", today: "2022-04-15" },
  { unit: U.lucNgan, period: "2022-W05", mode: "as_was", today: "2022-04-15" },
  { unit: U.lucNgan, period: "P1", mode: "as_was", today: "2022-04-15" }, // 20/10/2021 – 31/01/2022, across a new year
  { unit: U.lucNgan, period: "2021-Q4", mode: "as_was", today: "2022-04-15" }, // teams founded in the quarter
  // Weeks not due yet: on Tuesday 22/03/2022 the 2022-W12 report is not expected unless received.
  { unit: U.lucNgan, period: "2022-Q1", mode: "as_was", today: "2022-03-22", now: "2022-03-22T02:00:00.000Z" },
  { unit: U.lucNgan, period: "2022-03", mode: "as_was", today: "2022-03-22", now: "2022-03-22T02:00:00.000Z" },
  { unit: U.bacGiang, period: "2022-Q1", mode: "as_was", today: "2026-01-10" },
  { unit: U.bacNinh, period: "2022-Q1", mode: "current", today: "2026-01-10" },
  // Communes merged on 01/07/2025 end within these periods (their teams' weeks stop there).
  { unit: U.bacNinh, period: "2025", mode: "current", today: "2026-01-10" },
  { unit: U.bacNinh, period: "2025-Q3", mode: "current", today: "2026-01-10" },
  { unit: U.bacGiang, period: "2025-H1", mode: "as_was", today: "2026-01-10" },
];

const run = (c: Case, extra: { depth?: "team" | "commune"; commune?: string } = {}) =>
  rollup(db(), {
    unitId: c.unit,
    period: c.period,
    mode: c.mode,
    scope: "aggregate",
    today: c.today,
    now: c.now ?? `${c.today}T00:00:00.000Z`,
    ...extra,
  });

/** A commune row without its villages: what the page above commune level shows. */
const row = (c: CommuneNode) => ({ ...c, villages: [] });
const figures = (f: Figures): Figures => ({
  register: f.register,
  reporting: f.reporting,
  propaganda: f.propaganda,
  tasks: f.tasks,
  changes: f.changes,
});
const label = (c: Case) => `${c.unit} ${c.period} ${c.mode} ${c.now ?? c.today}`;

describe.each(CASES)("$unit $period $mode (today $today)", (c) => {
  let team: Rollup;
  let communeDepth: Rollup;
  beforeAll(async () => {
    team = await run(c);
    communeDepth = await run(c, { depth: "commune" });
  });

  it("gives the same commune rows and totals at depth commune, without villages, teams or week lists", () => {
    expect(team.depth).toBeUndefined();
    expect(communeDepth.depth).toBe("commune");
    expect(communeDepth.totals, label(c)).toEqual(team.totals);
    expect(communeDepth.communes, label(c)).toEqual(team.communes.map(row));
    expect(communeDepth.missing_reports).toEqual([]);
    expect(communeDepth.missing_by_commune).toEqual(team.missing_by_commune);
    // Open ad-hoc reports and commendations: counted per commune, the items left to the drill-down.
    expect(communeDepth.adhoc).toEqual({ ...team.adhoc, open: [] });
    expect(communeDepth.evaluations).toEqual({ ...team.evaluations, commendations: [] });
    expect(communeDepth.meetings).toEqual(team.meetings);
    expect(communeDepth.milestones).toEqual(team.milestones);
  });

  it("counts open ad-hoc reports and commendations per commune as the lists have them", async () => {
    // A report's commune is the one that sent it; it is counted under the commune it is grouped in.
    const tree = await loadUnitTree(db(), c.unit);
    const labelOf = new Map(
      [...communeGroups(tree, c.unit, c.mode, c.today)].flatMap(([g, members]) =>
        members.map((m) => [tree.ref(m.id).label_vi, g] as const),
      ),
    );
    const open = new Map<string, number>();
    for (const o of team.adhoc.open)
      open.set(labelOf.get(o.commune) ?? o.commune, (open.get(labelOf.get(o.commune) ?? o.commune) ?? 0) + 1);
    expect(Object.fromEntries(team.adhoc.open_by_commune.map((o) => [o.commune_id, o.total]))).toEqual(Object.fromEntries(open));
    for (const o of team.adhoc.open_by_commune) expect(Object.values(o.by_urgency).reduce((a, b) => a + b, 0)).toBe(o.total);
    expect(team.evaluations.commendations_by_commune.reduce((n, c) => n + c.count, 0)).toBe(team.evaluations.commendations.length);
  });

  it("sums the missing reports per commune from the teams' missing weeks", () => {
    const want = team.communes
      .map((n) => {
        const teams = n.villages.flatMap((v) => v.teams).filter((t) => t.missing_weeks.length > 0);
        return {
          commune_id: n.unit.id,
          commune: n.unit.label_vi,
          teams: teams.length,
          reports: teams.reduce((s, t) => s + t.missing_weeks.length, 0),
        };
      })
      .filter((m) => m.teams > 0);
    expect(team.missing_by_commune).toEqual(want);
    for (const m of want) expect(m.reports).toBe(team.communes.find((n) => n.unit.id === m.commune_id)!.reporting.missing);
  });

  it("drills down to each commune with the figures of its row", async () => {
    const tree = await loadUnitTree(db(), c.unit);
    const groups = communeGroups(tree, c.unit, c.mode, c.today);
    // Every row is a commune of the unit; a commune without data in the period has no row but a drill-down.
    for (const n of team.communes) expect(groups.has(n.unit.id), n.unit.label_vi).toBe(true);
    for (const id of [...groups.keys()].filter((g) => !team.communes.some((n) => n.unit.id === g))) {
      const empty = await run(c, { commune: id });
      expect(empty.communes).toEqual([]);
      expect(empty.totals.register.teams).toBe(0);
    }
    for (const node of team.communes) {
      const drill = await run(c, { commune: node.unit.id });
      expect(drill.commune?.id).toBe(node.unit.id);
      expect(drill.unit.id).toBe(c.unit);
      expect(drill.communes, `${label(c)} ${node.unit.label_vi}`).toEqual([node]);
      expect(figures(drill.totals)).toEqual(figures(node));
      expect(drill.missing_reports).toEqual(team.missing_reports.filter((m) => m.commune === node.unit.label_vi));
      // Independently from the fixture: the communes whose data the row holds.
      const sources = groups.get(node.unit.id)!.map((u) => u.id);
      const e = expectFigures(fx, sources, c.period, c.today, c.now ?? `${c.today}T00:00:00.000Z`);
      expect(drill.totals.register.households).toBe(e.households);
      expect(drill.totals.reporting).toMatchObject({ expected: e.expected, received: e.received, on_time: e.on_time, missing: e.missing });
      expect(drill.missing_by_commune.map((m) => [m.teams, m.reports])).toEqual(
        e.missing ? [[Object.keys(e.missingByTeam).length, e.missing]] : [],
      );
    }
  });
});

describe("drill-down bounds", () => {
  it("refuses a commune outside the unit, and maps a merged commune onto its group", async () => {
    const tree = await loadUnitTree(db(), U.lucNgan);
    expect(resolveCommune(tree, U.lucNgan, "as_was", "2026-01-10", U.hongGiang)).toBe(U.hongGiang);
    expect(resolveCommune(tree, U.lucNgan, "current", "2026-01-10", U.hongGiang)).toBe(U.chu);
    expect(resolveCommune(tree, U.lucNgan, "current", "2026-01-10", U.chu)).toBe(U.chu);
    expect(resolveCommune(tree, U.lucNgan, "as_was", "2026-01-10", U.chu)).toBeNull(); // not a commune of Lục Ngạn as it was
    expect(resolveCommune(tree, U.lucNgan, "as_was", "2026-01-10", U.baoSon)).toBeNull(); // huyện Lục Nam
    expect(resolveCommune(tree, U.lucNgan, "current", "2026-01-10", U.dongPhu)).toBeNull();
    expect(resolveCommune(tree, U.lucNgan, "as_was", "2026-01-10", U.lucNgan)).toBeNull();
    expect(resolveCommune(tree, U.lucNgan, "as_was", "2026-01-10", "x")).toBeNull();
    await expect(
      rollup(db(), { unitId: U.lucNgan, period: "2022-Q1", mode: "as_was", scope: "aggregate", today: "2026-01-10", commune: U.baoSon }),
    ).rejects.toBeInstanceOf(UnknownUnitError);
  });
});

/**
 * The flat summaries (0030_rollup_summaries.sql, worker/src/aggregates/summaries.ts, read by
 * worker/src/rollup/monthly.ts) give every rollup above a commune the same figures as the reader
 * before them (`flat: false`: every commune team by team): the pilot's data (shared/sample/pilot.ts)
 * and generated communes (shared/sample/generate.ts) in the pilot's three eras, each month, quarter,
 * half and year, district and province, "as was" and "current", with every week due and with weeks
 * not due yet. And: those rollups read no team's weeks; the migration fills the summaries as the
 * ingest does; a submission changing one week rebuilds only that week's month, to the same rows as
 * a full rebuild.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateStatements } from "../../worker/src/aggregates/refresh";
import { type RollupParams, rollup } from "../../worker/src/rollup/rollup";
import type { Rollup, RollupMode } from "../../worker/src/rollup/types";
import { eraWorkbooks, importEras, unit } from "./eras";
import { communeToken, envelope, PILOT, seed, submit } from "./helpers";

const WORKBOOKS = eraWorkbooks({ teams: 3, reportRate: 0.9, hongGiangChuFrom: "2025-02-12", chuFrom: "2025-08-20" });

beforeAll(async () => {
  await seed();
  await importEras(WORKBOOKS);
});

const pad = (n: number) => String(n).padStart(2, "0");
const PERIODS = [
  "2021",
  "2022",
  "2025",
  ...["2022", "2025"].flatMap((y) => [`${y}-H1`, `${y}-H2`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`)]),
  "2021-Q4",
  ...Array.from({ length: 3 }, (_, i) => `2021-${pad(10 + i)}`),
  ...Array.from({ length: 12 }, (_, i) => `2022-${pad(i + 1)}`),
  ...Array.from({ length: 12 }, (_, i) => `2025-${pad(i + 1)}`),
];
const UNITS_ASKED = [PILOT.lucNgan, PILOT.bacGiang, PILOT.thiXaChu, PILOT.bacNinh];
const MODES: RollupMode[] = ["as_was", "current"];
const AFTER = "2026-01-10";

const params = (unitId: string, period: string, mode: RollupMode, today = AFTER, now = `${AFTER}T00:00:00.000Z`): RollupParams => ({
  unitId,
  period,
  mode,
  scope: "aggregate",
  today,
  now,
  depth: "commune",
});
const both = async (p: RollupParams): Promise<[Rollup, Rollup]> => [await rollup(env.DB, p), await rollup(env.DB, { ...p, flat: false })];

describe.each(UNITS_ASKED)("rollups of %s", (unitId) => {
  it.each(MODES)("%s: every month, quarter, half and year equal the team-by-team reader", async (mode) => {
    let withData = 0;
    for (const period of PERIODS) {
      const [flat, old] = await both(params(unitId, period, mode));
      expect(flat, `${period} ${mode}`).toEqual(old);
      if (old.totals.reporting.expected > 0) withData++;
    }
    expect(withData).toBeGreaterThan(0);
  });
});

describe("weeks not due yet", () => {
  it.each([
    ["2022-03-22", "2022-03-22T02:00:00.000Z"], // Tuesday: W11's report not due until Monday's end… W12 running
    ["2022-03-21", "2022-03-21T10:00:00.000Z"], // Monday: W11 still not due
    ["2025-09-01", "2025-09-01T03:00:00.000Z"],
  ])("today %s: expected only when received, as before", async (today, now) => {
    for (const unitId of UNITS_ASKED) {
      for (const period of [today.slice(0, 7), `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`, today.slice(0, 4)]) {
        for (const mode of MODES) {
          const [flat, old] = await both(params(unitId, period, mode, today, now));
          expect(flat, `${unitId} ${period} ${mode}`).toEqual(old);
        }
      }
    }
  });
});

const SUMMARY_TABLES = ["agg_team_months", "agg_team_cohorts", "agg_commune_months", "agg_commune_meetings"] as const;
const dump = async () => {
  const r = await env.DB.batch(SUMMARY_TABLES.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)));
  return Object.fromEntries(SUMMARY_TABLES.map((t, i) => [t, r[i]!.results]));
};

it("a rollup above communes reads no team's weeks, teams or meetings", async () => {
  const cases = UNITS_ASKED.flatMap((u) => MODES.flatMap((m) => ["2022", "2022-Q2", "2025-H1", "2025"].map((p) => params(u, p, m))));
  const before = await Promise.all(cases.map((p) => rollup(env.DB, p)));
  await env.DB.batch(["agg_team_weeks", "agg_teams", "agg_meetings"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  const after = await Promise.all(cases.map((p) => rollup(env.DB, p)));
  // Storage is shared by the tests of this file: everything rebuilt as the ingest builds it.
  await env.DB.batch(Object.keys(WORKBOOKS).flatMap((id) => aggregateStatements(env.DB, id)));
  expect(after).toEqual(before);
  expect(before.some((r) => r.totals.reporting.received > 0 && r.meetings.by_commune.some((m) => m.owed > 0))).toBe(true);
});

it("the migration fills the summaries as the ingest does", async () => {
  const built = await dump();
  expect(built.agg_commune_months!.length).toBeGreaterThan(20);
  const migration = (env.TEST_MIGRATIONS as { name: string; queries: string[] }[]).find((m) => m.name.startsWith("0030_"))!;
  await env.DB.batch(SUMMARY_TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await env.DB.batch(migration.queries.filter((q) => q.includes("INSERT INTO")).map((q) => env.DB.prepare(q)));
  expect(await dump()).toEqual(built);
});

describe("a submission that changes one week", () => {
  it("rebuilds that week's month only, to what a full rebuild gives", async () => {
    const id = PILOT.phuongSon;
    const u = unit(id);
    const token = await communeToken(id);
    const wb = structuredClone(WORKBOOKS[id]!);
    const week = wb.weekly[40]!.week;
    let added = 0;
    for (const r of wb.weekly) {
      if (r.week !== week) continue;
      r.broadcasts = (r.broadcasts ?? 0) + 7;
      added += 7;
    }
    // Another week withdrawn (its rows left out of the sheet).
    const gone = wb.weekly[5]!.week;
    const removed = wb.weekly.filter((r) => r.week === gone).reduce((n, r) => n + (r.broadcasts ?? 0), 0);
    wb.weekly = wb.weekly.filter((r) => r.week !== gone);
    const before = await rollup(env.DB, params(PILOT.bacNinh, "2025", "as_was"));
    const other = await env.DB.prepare("SELECT * FROM agg_commune_months WHERE commune_id = ? ORDER BY month").bind(id).all();
    const res = await submit(envelope({ commune_code: u.code, commune_name: u.name }, wb), token);
    expect(res.status, await res.clone().text()).toBe(201);

    const incremental = await dump();
    const after = await rollup(env.DB, params(PILOT.bacNinh, "2025", "as_was"));
    expect(added).toBeGreaterThan(0);
    expect(after.totals.propaganda.broadcasts).toBe(before.totals.propaganda.broadcasts + added - removed);
    expect(after.totals.reporting.received).toBeLessThan(before.totals.reporting.received);
    // Only the months of the two weeks changed.
    const now = await env.DB.prepare("SELECT * FROM agg_commune_months WHERE commune_id = ? ORDER BY month").bind(id).all();
    const changed = now.results.filter((r, i) => JSON.stringify(r) !== JSON.stringify(other.results[i]));
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);

    await env.DB.batch(aggregateStatements(env.DB, id));
    expect(await dump()).toEqual(incremental);
    expect(await rollup(env.DB, params(PILOT.bacNinh, "2025", "as_was"))).toEqual(after);
    expect(await rollup(env.DB, { ...params(PILOT.bacNinh, "2025", "as_was"), flat: false })).toEqual(after);
  });
});

/**
 * The per commune × month summaries of the logs (0041_log_summaries.sql,
 * worker/src/aggregates/log-summaries.ts, read by worker/src/rollup/log-rows.ts): a rollup above
 * communes counts population changes, ad-hoc reports and evaluations from them — the same figures as
 * the team-by-team reader (`flat: false`, compared period by period in rollup-summaries.test.ts) —
 * and reads none of those logs' rows per team; the migration fills them as the ingest does; a
 * submission that changes a log rebuilds them to what a full rebuild gives, one that changes only
 * weekly reports leaves them alone.
 */
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { aggregateStatements } from "../../worker/src/aggregates/refresh";
import { type RollupParams, rollup } from "../../worker/src/rollup/rollup";
import type { RollupMode } from "../../worker/src/rollup/types";
import { eraWorkbooks, importEras, unit } from "./eras";
import { communeToken, envelope, PILOT, seed, submit } from "./helpers";

const WORKBOOKS = eraWorkbooks({ teams: 3, reportRate: 0.9, hongGiangChuFrom: "2025-02-12", chuFrom: "2025-08-20" });

beforeAll(async () => {
  await seed();
  await importEras(WORKBOOKS);
});

const UNITS_ASKED = [PILOT.lucNgan, PILOT.bacGiang, PILOT.thiXaChu, PILOT.bacNinh];
const MODES: RollupMode[] = ["as_was", "current"];
const params = (unitId: string, period: string, mode: RollupMode): RollupParams => ({
  unitId,
  period,
  mode,
  scope: "aggregate",
  today: "2026-01-10",
  now: "2026-01-10T00:00:00.000Z",
  depth: "commune",
});
const CASES = UNITS_ASKED.flatMap((u) =>
  MODES.flatMap((m) => ["2022", "2022-Q2", "2025-H1", "2025", "2025-03"].map((p) => params(u, p, m))),
);

const TABLES = ["agg_commune_changes", "agg_commune_adhoc", "agg_commune_evaluations"] as const;
const dump = async () => {
  const r = await env.DB.batch(TABLES.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)));
  return Object.fromEntries(TABLES.map((t, i) => [t, r[i]!.results]));
};
const rebuildAll = () => env.DB.batch(Object.keys(WORKBOOKS).flatMap((id) => aggregateStatements(env.DB, id)));

it("a rollup above communes reads no team's changes, ad-hoc reports or evaluations", async () => {
  const before = await Promise.all(CASES.map((p) => rollup(env.DB, p)));
  // The data has each of them, so the comparison means something.
  expect(before.some((r) => Object.values(r.totals.changes.by_type).some((t) => t.events > 0))).toBe(true);
  expect(before.some((r) => r.adhoc.total > 0 && r.adhoc.by_status.resolved > 0)).toBe(true);
  expect(before.some((r) => r.evaluations.periods.length > 0 && r.evaluations.commendations_by_commune.length > 0)).toBe(true);
  await env.DB.batch(["agg_changes", "agg_adhoc", "agg_evaluations"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  const after = await Promise.all(CASES.map((p) => rollup(env.DB, p)));
  await rebuildAll();
  expect(after).toEqual(before);
  // And the per-team reader, over the rebuilt rows, agrees.
  for (const [i, p] of CASES.entries()) expect(await rollup(env.DB, { ...p, flat: false }), `${p.unitId} ${p.period}`).toEqual(before[i]);
});

it("the migration fills the log summaries as the ingest does", async () => {
  const built = await dump();
  for (const t of TABLES) expect(built[t]!.length, t).toBeGreaterThan(5);
  const migration = (env.TEST_MIGRATIONS as { name: string; queries: string[] }[]).find((m) => m.name.startsWith("0041_"))!;
  await env.DB.batch(TABLES.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await env.DB.batch(migration.queries.filter((q) => q.includes("INSERT INTO")).map((q) => env.DB.prepare(q)));
  expect(await dump()).toEqual(built);
});

it("a submission changing a log rebuilds its summary; one changing only weekly reports leaves them as they are", async () => {
  const id = PILOT.phuongSon;
  const u = unit(id);
  const token = await communeToken(id);
  const p = params(PILOT.bacNinh, "2025", "as_was");
  const wb = structuredClone(WORKBOOKS[id]!);
  const before = await rollup(env.DB, p);
  const tables = await dump();

  // Only a weekly count changes: the log summaries stay byte for byte.
  wb.weekly[3]!.broadcasts = (wb.weekly[3]!.broadcasts ?? 0) + 5;
  const weekly = await submit(envelope({ commune_code: u.code, commune_name: u.name }, wb), token);
  expect(weekly.status, await weekly.clone().text()).toBe(201);
  expect(await dump()).toEqual(tables);

  // An ad-hoc report of 2025 resolved: its commune's months change, to what a full rebuild gives.
  const open = wb.adhoc.find((r) => r.report_date.startsWith("2025") && r.status !== "resolved");
  expect(open).toBeDefined();
  open!.status = "resolved";
  const res = await submit(envelope({ commune_code: u.code, commune_name: u.name }, wb), token);
  expect(res.status, await res.clone().text()).toBe(201);
  const after = await rollup(env.DB, p);
  expect(after.adhoc.total).toBe(before.adhoc.total);
  expect(after.adhoc.by_status.resolved).toBe(before.adhoc.by_status.resolved + 1);
  const incremental = await dump();
  expect(incremental).not.toEqual(tables);
  await env.DB.batch(aggregateStatements(env.DB, id));
  expect(await dump()).toEqual(incremental);
  expect(await rollup(env.DB, { ...p, flat: false })).toEqual(after);
});

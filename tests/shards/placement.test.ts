/**
 * Sharding by province (worker/src/db/shard.ts): the same units and imports go to the worker with two
 * shards and to the same worker on one database. Each commune's data lands in its province's shard
 * only (an old commune in its successor's province), the control database keeps units, tokens and the
 * shard map, and every rollup — per province, one old province spanning both shards, a commune's own
 * link, the commune-level page — answers exactly as on one database.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { controlDb, shardGroups } from "../../worker/src/db/shard";
import { readAggregates } from "../../worker/src/rollup/read";
import { readAcrossShards } from "../../worker/src/rollup/shards";
import { pilot } from "../worker/helpers";
import {
  BAC_NINH,
  call,
  importOf,
  json,
  LANG_SON,
  LS,
  loadUnitsAndImports,
  OLD_BORDER,
  post,
  rows,
  type Target,
  TEST_UNITS,
  uuid,
  workbookOf,
} from "./helpers";

const IMPORTS = [
  ...BAC_NINH.map((u, i) => importOf(u, workbookOf(u, 100 + i, "2025-07-07", "2025-09-28"), uuid(10 + i), "2025-10-01T02:00:00.000Z")),
  ...LS.map((u, i) => importOf(u, workbookOf(u, 200 + i, "2025-07-07", "2025-09-28", 3), uuid(20 + i), "2025-10-02T02:00:00.000Z")),
  importOf(TEST_UNITS.at(-1)!, workbookOf(TEST_UNITS.at(-1)!, 300, "2022-01-03", "2022-06-26"), uuid(30), "2022-07-02T02:00:00.000Z"),
  (() => {
    const { quySon } = pilot();
    const unit = UNITS.find((u) => u.id === PILOT.quySon)!;
    return importOf(unit, quySon.workbook, uuid(31), "2022-11-03T02:00:00.000Z");
  })(),
];

/** Link tokens per target and unit. */
const links = new Map<string, string>();

beforeAll(async () => {
  for (const target of ["shards", "single"] as Target[]) {
    await loadUnitsAndImports(target, IMPORTS);
    for (const [unit_id, scope] of [
      [PILOT.bacNinh, "aggregate"],
      [LANG_SON, "aggregate"],
      [PILOT.bacGiang, "aggregate"],
      [LS[0]!.id, "detail"],
      [PILOT.phuongSon, "detail"],
    ] as const) {
      const { token } = await json<{ token: string }>(post(target, "/api/admin/links", { unit_id, scope, label: "shards" }));
      links.set(`${target}|${unit_id}`, token);
    }
  }
}, 120_000);

describe("where a commune's data lives", () => {
  it.each([
    ["Bắc Ninh communes", BAC_NINH.map((u) => u.id), "DB_24"],
    ["Lạng Sơn communes", LS.map((u) => u.id), "DB_20"],
    ["an old Bắc Giang commune that went to Lạng Sơn", [OLD_BORDER], "DB_20"],
    ["an old Bắc Giang commune that went to Bắc Ninh", [PILOT.quySon], "DB_24"],
  ])("%s: in %s only, recorded in the control database", async (_, ids, shard) => {
    const dbs = { DB: env.DB, DB_24: env.DB_24, DB_20: env.DB_20 } as Record<string, D1Database>;
    for (const id of ids) {
      for (const [name, db] of Object.entries(dbs)) {
        const expected = name === shard;
        for (const table of ["submissions", "households", "weekly_reports", "agg_teams", "audit_log"]) {
          const n = table === "audit_log" ? await auditRows(db, id) : await rows(db, table, id);
          expect(n > 0, `${id} ${table} in ${name}`).toBe(expected);
        }
      }
      const rec = await env.DB.prepare("SELECT shard, province_code FROM commune_shards WHERE commune_id = ?").bind(id).first();
      expect(rec).toEqual({ shard, province_code: shard.slice(3) });
    }
  });

  it("keeps units, tokens and the shard map in the control database; each shard has a copy of the units only", async () => {
    const count = (db: D1Database, table: string) => db.prepare(`SELECT count(*) AS n FROM ${table}`).first<number>("n");
    expect(await count(env.DB, "tokens")).toBe(5);
    for (const shard of [env.DB_24, env.DB_20]) {
      expect(await count(shard, "tokens")).toBe(0);
      expect(await count(shard, "commune_shards")).toBe(0);
      expect(await count(shard, "units")).toBe(TEST_UNITS.length);
    }
    expect(await count(env.DB, "units")).toBe(TEST_UNITS.length);
    expect(await count(env.DB, "submissions")).toBe(0);
    // The single database holds everything, its communes recorded as living in it.
    expect(await count(env.SINGLE, "submissions")).toBe(IMPORTS.length);
    expect((await env.SINGLE.prepare("SELECT DISTINCT shard FROM commune_shards").all()).results).toEqual([{ shard: "DB" }]);
  });
});

async function auditRows(db: D1Database, communeId: string): Promise<number> {
  return (
    (await db.prepare("SELECT count(*) AS n FROM audit_log WHERE unit_id = ? AND action = 'import'").bind(communeId).first<number>("n")) ??
    0
  );
}

describe("rollups over shards answer as on one database", () => {
  it.each([
    ["Bắc Ninh, this year", PILOT.bacNinh, "?period=2025"],
    ["Lạng Sơn, a quarter", LANG_SON, "?period=2025-Q3"],
    ["old Bắc Giang as it was (communes in both shards), 2022", PILOT.bacGiang, "?period=2022&mode=as_was"],
    ["old Bắc Giang today (its communes' successors in both provinces)", PILOT.bacGiang, "?period=2022&mode=current"],
    ["a Lạng Sơn commune's own link (with its predecessor's data)", LS[0]!.id, "?period=2022-H1"],
    ["Phường Phượng Sơn's own link", PILOT.phuongSon, "?period=2022"],
  ])("%s", async (_, unit, query) => {
    for (const ext of [".json", ".csv", ""]) {
      const [a, b] = await Promise.all(
        (["shards", "single"] as Target[]).map(async (t) => {
          const res = await call(t, `/r/${links.get(`${t}|${unit}`)}${ext}${query}`);
          expect(res.status).toBe(200);
          return (await res.text()).replaceAll(links.get(`${t}|${unit}`)!, "TOKEN");
        }),
      );
      expect(a, ext).toEqual(b);
      if (ext === ".json") expect(JSON.parse(a!).totals.register.teams, "the rollup has data").toBeGreaterThan(0);
    }
  });

  it("the old province's rollup reads both shards: its communes' teams from DB_24 and DB_20", async () => {
    const res = await call("shards", `/r/${links.get(`shards|${PILOT.bacGiang}`)}.json?period=2022&mode=as_was`);
    const r = (await res.json()) as { communes: { unit: { id: string }; register: { teams: number } }[] };
    const withTeams = r.communes.filter((c) => c.register.teams > 0).map((c) => c.unit.id);
    expect(withTeams).toEqual(expect.arrayContaining([PILOT.quySon, OLD_BORDER]));
  });

  it("a national read: every commune of both provinces, merged per shard, sums as the single database", async () => {
    const communes = TEST_UNITS.filter((u) => u.level === "commune");
    const req = {
      communes,
      split: [],
      period: { kind: "year" as const, key: "2025", start: "2025-01-01", end: "2025-12-31", label_vi: "Năm 2025" },
      detail: false,
      depth: "commune" as const,
      now: "2026-01-01T00:00:00.000Z",
      counts: ["broadcasts", "households_visited"],
    };
    const merged = await readAcrossShards(controlDb(env), shardGroups(env), req as Parameters<typeof readAggregates>[1]);
    const single = await readAggregates(env.SINGLE, req as Parameters<typeof readAggregates>[1]);
    const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    // Rows per commune: the same rows. Sums across communes: the same totals (one row per shard before adding up).
    for (const k of ["teams", "weekly", "changes", "meta", "openCounts", "meetingTeams", "commendationCounts"] as const) {
      expect(sorted(merged[k]), k).toEqual(sorted(single[k]));
    }
    const total = (xs: { n: number }[]) => xs.reduce((s, x) => s + x.n, 0);
    expect(total(merged.adhoc)).toBe(total(single.adhoc));
    expect(total(merged.meetings)).toBe(total(single.meetings));
    expect(total(merged.evaluations)).toBe(total(single.evaluations));
    expect(merged.weekly.length).toBeGreaterThan(0);
    expect(new Set(merged.teams.map((t) => t.commune_id))).toEqual(
      new Set([...BAC_NINH, ...LS].map((u) => u.id).concat(OLD_BORDER, PILOT.quySon)),
    );
  });
});

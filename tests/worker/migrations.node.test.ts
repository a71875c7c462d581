/**
 * D1 migrations applied to a database that already holds data (Miniflare's D1, in Node — the worker
 * tests start from an empty database): what 0010_zalo_unknown.sql must keep, and 0036_commune_shards.sql
 * recording the communes that already have data as living in this database. Runs in the "node"
 * vitest project (*.node.test.ts), since it starts its own Miniflare.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_splitSqlQuery } from "wrangler";
import { PILOT } from "../../shared/data/units";

const DIR = path.resolve(import.meta.dirname, "../../worker/migrations");
const COMMUNE = PILOT.quySon;

/** The statements of the migrations whose number passes `which`, in order, split as wrangler splits them (triggers hold `;`). */
function statements(which: (n: number) => boolean): string[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f) && which(Number(f.slice(0, 4))))
    .sort()
    .flatMap((f) => unstable_splitSqlQuery(readFileSync(path.join(DIR, f), "utf8")));
}

let mf: Miniflare;
let db: Awaited<ReturnType<Miniflare["getD1Database"]>>;

beforeAll(async () => {
  mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: "export default { fetch: () => new Response('') }",
      compatibilityDate: "2026-08-01",
      d1Databases: ["DB"],
    }),
  );
  db = await mf.getD1Database("DB");
  for (const sql of statements((n) => n <= 3)) await db.prepare(sql).run();
  // A commune's data as the schema before 0010 held it.
  await db
    .prepare("INSERT INTO units (id, code, level, name, valid_from) VALUES (?, '07576', 'commune', 'Xã Quý Sơn', '2021-02-03')")
    .bind(COMMUNE)
    .run();
  const hh = db.prepare(
    `INSERT INTO households (commune_id, household_code, team_code, responsible, household_no, head_name, birth_year, members_count, in_zalo, ethnicity, note)
     VALUES (?, ?, 'QT-T1', '["Nguyễn Thị An"]', ?, 'Trần Văn Xuân', 1969, 4, ?, 'Kinh', ?)`,
  );
  await db.batch([
    hh.bind(COMMUNE, "QT-0001", 1, 1, null),
    hh.bind(COMMUNE, "QT-0002", 2, 0, "Hộ cận nghèo"),
    hh.bind(COMMUNE, "QT-0003", 3, 1, null),
  ]);
  await db
    .prepare(
      `INSERT INTO agg_teams (commune_id, team_code, team_name, village_code, village_name, ethnic_identity, founded_on, members, households, people, zalo_households)
       VALUES (?, 'QT-T1', 'Tổ số 1', 'QT', 'Thôn Quý Thịnh', 0, '2021-10-15', 3, 3, 12, 2)`,
    )
    .bind(COMMUNE)
    .run();
  for (const sql of statements((n) => n > 3)) await db.prepare(sql).run();
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

describe("0010_zalo_unknown.sql on a database with data", () => {
  it("keeps every household and its Zalo answer; in_zalo now takes NULL (unknown)", async () => {
    const rows = (await db.prepare("SELECT household_code, in_zalo, note FROM households ORDER BY household_code").all()).results;
    expect(rows).toEqual([
      { household_code: "QT-0001", in_zalo: 1, note: null },
      { household_code: "QT-0002", in_zalo: 0, note: "Hộ cận nghèo" },
      { household_code: "QT-0003", in_zalo: 1, note: null },
    ]);
    const cols = (await db.prepare("SELECT name, \"notnull\" FROM pragma_table_info('households')").all()).results as {
      name: string;
      notnull: number;
    }[];
    expect(cols.find((c) => c.name === "in_zalo")).toEqual({ name: "in_zalo", notnull: 0 });
    await db.prepare("UPDATE households SET in_zalo = NULL WHERE household_code = 'QT-0003'").run();
    expect(await db.prepare("SELECT count(in_zalo) AS n FROM households").first("n")).toBe(2);
  });

  it("counts every household of an existing aggregate row as known", async () => {
    expect(await db.prepare("SELECT households, zalo_households, zalo_known FROM agg_teams").first()).toEqual({
      households: 3,
      zalo_households: 2,
      zalo_known: 3,
    });
  });
});

describe("0036_commune_shards.sql on a database with data", () => {
  it("records the communes with data as living in this database, so adding shards later moves nothing", async () => {
    expect((await db.prepare("SELECT commune_id, province_code, shard FROM commune_shards").all()).results).toEqual([
      { commune_id: COMMUNE, province_code: null, shard: "DB" },
    ]);
  });
});

/**
 * A weekly count is one line in the weekly sheet's spec plus one migration (ARCHITECTURE.md, "Where
 * to add a new figure"). Here: the migrations hold every column of every sheet's spec (a new count or
 * sheet without its migration fails here), and a copy of the spec with two more counts — after the
 * migration such a count needs — reaches the aggregates, the rollup's JSON at both depths, the CSV and
 * the page, with nothing else changed (tests/shared/weekly-counts.test.ts scans for hand-written lists).
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "../../shared/cells";
import { weeksInPeriod } from "../../shared/periods";
import { SHEET_KEYS, SHEETS, weeklySheet } from "../../shared/templates";
import { countColumnsOf, WEEKLY_COUNTS } from "../../shared/weekly-counts";
import { aggregateStatements } from "../../worker/src/aggregates/refresh";
import { TABLE_OF } from "../../worker/src/ingest/tables";
import { rollupCsv } from "../../worker/src/rollup/csv";
import { rollup } from "../../worker/src/rollup/rollup";
import type { Rollup } from "../../worker/src/rollup/types";
import { RollupPage } from "../../worker/src/views/rollup-page";
import { buildFixture, insertUnits, loadFixture, U } from "./fixtures/rollup-fixture";

const db = () => env.DB;
const tableColumns = async (table: string) =>
  (await db().prepare(`PRAGMA table_info(${table})`).all<{ name: string }>()).results.map((r) => r.name);

describe("the migrations hold the template spec", () => {
  it.each(SHEET_KEYS)("every column of sheet %s is a column of its table", async (sheet) => {
    const have = await tableColumns(TABLE_OF[sheet]);
    expect(have.length).toBeGreaterThan(0);
    expect(Object.keys(SHEETS[sheet].columns).filter((c) => !have.includes(c))).toEqual([]);
    // What the ingest writes beside the columns: the commune, and for a log its versions and withdrawal.
    const extra =
      SHEETS[sheet].part === "log" ? ["commune_id", "revision", "first_received_at", "submission_id", "withdrawn_at"] : ["commune_id"];
    expect(extra.filter((c) => !have.includes(c))).toEqual([]);
  });

  it.each(["agg_team_weeks", "agg_commune_months"])("every weekly count is a column of %s", async (table) => {
    const have = await tableColumns(table);
    expect(WEEKLY_COUNTS.filter((c) => !have.includes(c))).toEqual([]);
  });
});

describe("a copy of the spec with two more counts", () => {
  const columns = {
    ...weeklySheet.columns,
    zalo_calls: count("zalo_calls", "Số cuộc gọi vận động qua Zalo", { group: "propaganda", short: "Gọi Zalo", chart: true }),
    env_trees: count("env_trees", "Môi trường: cây xanh trồng mới", { group: "env" }),
  };
  const counts = countColumnsOf(columns);
  const keys = counts.map((c) => c.key);
  const PERIOD = "2022-Q1";
  const TODAY = "2022-04-15";
  const params = { period: PERIOD, mode: "as_was" as const, today: TODAY, now: `${TODAY}T00:00:00.000Z` };
  /** Weekly reports of the commune in the period: the new counts are 1 and 2 on each. */
  let reports = 0;

  beforeAll(async () => {
    await insertUnits(db());
    await loadFixture(db(), buildFixture());
    // The migration a new count needs (ARCHITECTURE.md), for this test's database only.
    await db().batch([
      db().prepare("ALTER TABLE weekly_reports ADD COLUMN zalo_calls INTEGER"),
      db().prepare("ALTER TABLE weekly_reports ADD COLUMN env_trees INTEGER"),
      db().prepare("ALTER TABLE agg_team_weeks ADD COLUMN zalo_calls INTEGER NOT NULL DEFAULT 0"),
      db().prepare("ALTER TABLE agg_team_weeks ADD COLUMN env_trees INTEGER NOT NULL DEFAULT 0"),
      db().prepare("ALTER TABLE agg_commune_months ADD COLUMN zalo_calls INTEGER NOT NULL DEFAULT 0"),
      db().prepare("ALTER TABLE agg_commune_months ADD COLUMN env_trees INTEGER NOT NULL DEFAULT 0"),
      db().prepare("UPDATE weekly_reports SET zalo_calls = 1, env_trees = 2 WHERE commune_id = ?").bind(U.hongGiang),
      ...aggregateStatements(db(), U.hongGiang, keys),
    ]);
    reports = Number(
      await db()
        .prepare("SELECT count(*) AS n FROM agg_team_weeks WHERE commune_id = ? AND week IN (SELECT value FROM json_each(?))")
        .bind(U.hongGiang, JSON.stringify(weeksInPeriod(PERIOD)))
        .first("n"),
    );
  });
  afterAll(async () => {
    await db().batch(
      ["weekly_reports", "agg_team_weeks", "agg_commune_months"].flatMap((t) =>
        ["zalo_calls", "env_trees"].map((c) => db().prepare(`ALTER TABLE ${t} DROP COLUMN ${c}`)),
      ),
    );
  });

  const sums = (r: Rollup) => ({
    calls: (r.totals.propaganda as Record<string, number>).zalo_calls,
    trees: (r.totals.tasks.env as Record<string, number>).env_trees,
  });

  it("the aggregates and the rollup sum them under their groups, at depth team and commune", async () => {
    expect(reports).toBeGreaterThan(0);
    const commune = await rollup(db(), { ...params, unitId: U.hongGiang, scope: "detail", counts });
    expect(sums(commune)).toEqual({ calls: reports, trees: 2 * reports });
    const teams = commune.communes.flatMap((c) => c.villages.flatMap((v) => v.teams));
    expect(teams.reduce((n, t) => n + (t.tasks.env as Record<string, number>).env_trees!, 0)).toBe(2 * reports);

    const district = await rollup(db(), { ...params, unitId: U.lucNgan, scope: "aggregate", depth: "commune", counts });
    expect(sums(district)).toEqual({ calls: reports, trees: 2 * reports });
    // Other communes have none; their counts are 0, not missing.
    for (const c of district.communes) expect(c.tasks.env).toHaveProperty("env_trees");

    const usual = await rollup(db(), { ...params, unitId: U.hongGiang, scope: "detail" });
    expect(usual.totals.tasks.env).not.toHaveProperty("env_trees");
    expect({ ...commune.totals.tasks.covid }).toEqual(usual.totals.tasks.covid);
  });

  it("the CSV has a column for each, after the weekly sheet's", async () => {
    const r = await rollup(db(), { ...params, unitId: U.hongGiang, scope: "detail", counts });
    const [header, ...rows] = rollupCsv(r, counts)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const cells = header!.split(",").map((h) => JSON.parse(h) as string);
    const at = (h: string) => cells.indexOf(h);
    expect(at("Số cuộc gọi vận động qua Zalo")).toBe(at("Bản sắc dân tộc: người tham gia") + 1);
    expect(at("Môi trường: cây xanh trồng mới")).toBe(at("Số cuộc gọi vận động qua Zalo") + 1);
    const total = rows.reduce((n, row) => n + Number(row.split(",")[at("Môi trường: cây xanh trồng mới")]), 0);
    expect(total).toBe(2 * reports);
    expect(rollupCsv(r)).not.toContain("cây xanh");
  });

  it("the page shows them: a breakdown column, a card and a chart for propaganda, a row of the task's table", async () => {
    const r = await rollup(db(), { ...params, unitId: U.hongGiang, scope: "detail", counts });
    const nav = { periodKey: PERIOD, kind: "quarter", mode: "as_was" as const, kinds: [], suggestions: [], json: "x.json", csv: "x.csv" };
    const html = String(await RollupPage({ r, nav, counts }));
    expect(html).toContain('<th class="n">Gọi Zalo</th>');
    expect(html).toContain('<span class="muted">Số cuộc gọi vận động qua Zalo</span>');
    expect(html).toContain('aria-label="Số cuộc gọi vận động qua Zalo"');
    expect(html).toContain("<td>Môi trường: cây xanh trồng mới</td>");
    const usual = String(await RollupPage({ r, nav }));
    expect(usual).not.toContain("Gọi Zalo");
    expect(usual).not.toContain("cây xanh");
  });
});

/**
 * The national rollup (worker/src/rollup/national.ts) with two shards: Bắc Ninh's communes in DB_24,
 * Lạng Sơn's in DB_20. The country's figures are the sum of its provinces' pages; each province's row
 * equals that province's rollup read team by team (depth "team", not the flat summaries); the merge
 * counts each shard's reports once; the same imports on one database give the same national rollup.
 * And the console's page ("Tổng hợp", /admin/tong-hop): a row per province opening its page of communes.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { todayVi } from "../../shared/periods";
import { nationalClosings } from "../../worker/src/closing/national";
import type { ClosedRollup } from "../../worker/src/closing/overlay";
import { shardGroups } from "../../worker/src/db/shard";
import { nationalRollup, sumRows } from "../../worker/src/rollup/national";
import { rollup } from "../../worker/src/rollup/rollup";
import { page, signIn } from "../worker/console-helpers";
import { communeToken } from "../worker/helpers";
import { BAC_NINH, importOf, LANG_SON, LS, loadUnitsAndImports, post, singleEnv, type Target, uuid, workbookOf } from "./helpers";

const IMPORTS = [
  ...BAC_NINH.map((u, i) => importOf(u, workbookOf(u, 400 + i, "2025-07-07", "2025-12-28"), uuid(40 + i), "2026-01-02T02:00:00.000Z")),
  // Lạng Sơn: two of three communes, three teams each, one quarter only (so some weeks are missing).
  ...LS.slice(0, 2).map((u, i) =>
    importOf(u, workbookOf(u, 500 + i, "2025-07-07", "2025-09-28", 3), uuid(50 + i), "2025-10-02T02:00:00.000Z"),
  ),
];
const YEAR = "2025";
const today = todayVi();

beforeAll(async () => {
  for (const target of ["shards", "single"] as Target[]) {
    await loadUnitsAndImports(target, IMPORTS);
  }
}, 120_000);

describe("the national rollup over two shards", () => {
  it.each(["2025", "2025-H2", "2025-Q3", "2025-09"])(
    "%s: the sum of its province rows, each the province's rollup read team by team",
    async (period) => {
      const shards = shardGroups(env);
      const n = await nationalRollup(env.DB, shards, nationalClosings(shards), { period, today });
      expect(n.provinces.map((p) => p.province.id).sort()).toEqual([LANG_SON, PILOT.bacNinh].sort());
      expect(n.totals).toEqual(sumRows(n.provinces));
      for (const row of n.provinces) {
        const teamByTeam = await rollup(
          env.DB,
          { unitId: row.province.id, period, mode: "current", scope: "aggregate", today },
          undefined,
          shards,
        );
        expect(row.figures.reporting).toEqual(teamByTeam.totals.reporting);
        expect(row.figures.register).toEqual(teamByTeam.totals.register);
        expect(row.extras.missingTeams).toBe(teamByTeam.missing_by_commune.reduce((s, m) => s + m.teams, 0));
        expect(row.extras.skipped).toBe(teamByTeam.meetings.by_commune.reduce((s, m) => s + m.skipped.length, 0));
        expect(row.shown).toBe(teamByTeam.communes.length);
      }
      const ls = n.provinces.find((p) => p.province.id === LANG_SON)!;
      // Lạng Sơn: its new communes, and an old one merged whole (no data in 2025).
      expect(ls).toMatchObject({ via: "summaries", communes: 3, shown: 2, figures: { register: { teams: 6 } } });
      expect(ls.figures.reporting.missing).toBeGreaterThan(0);
      // The same rows when every province is rolled up whole.
      const whole = await nationalRollup(env.DB, shards, nationalClosings(shards), { period, today, summaries: false });
      expect(whole.provinces.every((p) => p.via === "rollup")).toBe(true);
      expect(n.provinces.every((p) => p.via === "summaries")).toBe(true);
      const strip = ({ ms: _, ...x }: typeof n) => ({ ...x, provinces: x.provinces.map(({ via: _v, ...rest }) => rest) });
      expect(strip(n)).toEqual(strip(whole));
      // Every report of 2025 in each shard, counted once.
      let received = 0;
      for (const db of [env.DB_24, env.DB_20, env.DB]) {
        received +=
          (await db
            .prepare("SELECT sum(received) AS n FROM agg_commune_months WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)")
            .bind(n.period.start, n.period.end)
            .first<number>("n")) ?? 0;
      }
      expect(received).toBeGreaterThan(0);
      expect(n.totals.figures.reporting.received).toBe(received);
      expect(n.totals.figures.register.teams).toBe(BAC_NINH.length * 2 + 2 * 3);
      expect(n.totals.figures.reporting.reporting_rate).toBe(
        Math.round((1000 * n.totals.figures.reporting.received) / n.totals.figures.reporting.expected) / 10,
      );
    },
  );

  it("gives the same figures as the same imports on one database", async () => {
    const sharded = await nationalRollup(env.DB, shardGroups(env), nationalClosings(shardGroups(env)), { period: YEAR, today });
    const single = await nationalRollup(singleEnv.DB, shardGroups(singleEnv), nationalClosings(shardGroups(singleEnv)), {
      period: YEAR,
      today,
    });
    expect({ ...single, ms: null }).toEqual({ ...sharded, ms: null });
  });
});

describe("a closed month", () => {
  it("rolls its province up whole, with the closed figures its page shows; other months from the summaries", async () => {
    const closed = await post("shards", "/api/closings", { period: "2025-09", closed_by: "Hoàng Văn Tú" }, await communeToken(LS[0]!.id));
    expect(closed.status, await closed.clone().text()).toBe(201);
    const shards = shardGroups(env);
    const closings = nationalClosings(shards);
    const ls = (await nationalRollup(env.DB, shards, closings, { period: "2025-09", today })).provinces.find(
      (p) => p.province.id === LANG_SON,
    )!;
    expect(ls.via).toBe("rollup");
    const page = await closings.apply(
      await rollup(
        env.DB,
        { unitId: LANG_SON, period: "2025-09", mode: "current", scope: "aggregate", today, depth: "commune" },
        undefined,
        shards,
      ),
    );
    expect((page as ClosedRollup).closing?.kind).toBe("exact");
    expect(ls.figures).toEqual({ register: page.totals.register, reporting: page.totals.reporting });
    const august = (await nationalRollup(env.DB, shards, closings, { period: "2025-08", today })).provinces.find(
      (p) => p.province.id === LANG_SON,
    )!;
    expect(august.via).toBe("summaries");
  });
});

describe("the console's national page", () => {
  it("lists the provinces with their totals and the country's; each opens its page of communes", async () => {
    const cookie = await signIn();
    const res = await page(`/admin/tong-hop?ky=${YEAR}`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<tr class="province">/g)).toHaveLength(2);
    expect(html).toContain("Cả nước");
    expect(html).toContain("Tỉnh Lạng Sơn");
    const href = `/admin/tong-hop?don-vi=${encodeURIComponent(LANG_SON)}&amp;ky=${YEAR}`;
    expect(html).toContain(href);
    const province = await (await page(href.replace("&amp;", "&"), cookie)).text();
    expect(province.match(/<tr class="commune">/g)).toHaveLength(2);
    for (const u of LS.slice(0, 2)) expect(province).toContain(u.name);
  });

  it("is refused without signing in, and for a unit the operator does not cover", async () => {
    const anonymous = await page(`/admin/tong-hop?ky=${YEAR}`, "");
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain('class="province"');
    const cookie = await signIn();
    const unknown = await page(`/admin/tong-hop?don-vi=${encodeURIComponent("P:99@2025-07-01")}&ky=${YEAR}`, cookie);
    expect(unknown.status).toBe(403);
  });
});

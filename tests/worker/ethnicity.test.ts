/**
 * Ethnicity is sensitive personal data (Law 91/2025/QH15): the household register keeps it
 * (households.ethnicity) for the commune, and no view shows it — no aggregate (district, province)
 * view shows any figure by ethnicity, so there is no small cell to suppress. Checked on the pilot,
 * whose thôn Ngọt (xã Hồng Giang) is a Sán Dìu community with the ethnic-identity task: HTML, JSON
 * and CSV, every period kind, both modes, every drill-down. If a figure by ethnicity is ever added,
 * this test fails: the figure needs suppression of counts under 5 ("< 5", with a complementary cell) on aggregate links.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, communeToken, db, envelope, pilot, seed, submit } from "./helpers";

/** One period of every kind: week, month, quarter, half-year, year, plan phase. */
const PERIODS = ["2022-W10", "2022-03", "2022-Q1", "2022-H1", "2022", "P2"];
const MODES = ["as_was", "current"] as const;
/** An ethnicity value of the pilot, or the register's column (its key in JSON, its header in CSV). */
const ETHNIC = /Sán Dìu|\bKinh\b|ethnicity|Dân tộc[,;"]/;

const linkOf = async (unit_id: string, scope: "aggregate" | "detail") =>
  ((await (await adminPost("/links", { unit_id, scope })).json()) as { token: string }).token;

describe("ethnicity leaves no link", () => {
  const { quySon, hongGiang } = pilot();
  const aggregate: Record<string, string> = {};
  let detail = "";

  beforeAll(async () => {
    await seed();
    for (const c of [quySon, hongGiang]) expect((await submit(envelope(c, c.workbook), await communeToken(c.unit_id))).status).toBe(201);
    aggregate.district = await linkOf(PILOT.lucNgan, "aggregate");
    aggregate.province = await linkOf(PILOT.bacGiang, "aggregate");
    aggregate.commune = await linkOf(PILOT.hongGiang, "aggregate");
    detail = await linkOf(PILOT.hongGiang, "detail");
  }, 120_000);

  it("the pilot's thôn Ngọt households are stored with their ethnicity, Sán Dìu among them", async () => {
    const n = await db()
      .prepare("SELECT count(*) AS n FROM households WHERE commune_id = ? AND ethnicity = 'Sán Dìu'")
      .bind(hongGiang.unit_id)
      .first<number>("n");
    expect(n).toBeGreaterThan(0);
  }, 120_000);

  it("no aggregate view carries an ethnicity or a figure by ethnicity: HTML, JSON, CSV × every period kind × both modes × drill-downs", async () => {
    const leaks: string[] = [];
    let seen = 0;
    const look = async (path: string) => {
      const res = await call(path);
      const body = await res.text();
      seen++;
      if (res.status !== 200) leaks.push(`${path}: ${res.status}`);
      if (ETHNIC.test(body)) leaks.push(path);
      return body;
    };
    for (const link of Object.values(aggregate)) {
      for (const mode of MODES) {
        for (const period of PERIODS) {
          const q = `period=${period}&mode=${mode}`;
          await look(`/r/${link}?${q}`);
          await look(`/r/${link}.csv?${q}`);
          const r = JSON.parse(await look(`/r/${link}.json?${q}`)) as Rollup;
          for (const c of r.communes)
            for (const ext of ["", ".json", ".csv"]) await look(`/r/${link}${ext}?commune=${encodeURIComponent(c.unit.id)}&${q}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(seen).toBeGreaterThan(200);
  }, 120_000);

  it("the commune's own link does not show it either (only the register in D1 holds it)", async () => {
    const bodies = [
      await (await call(`/r/${detail}.json?period=2022-Q1&mode=as_was`)).text(),
      await (await call(`/r/${detail}.csv?period=2022-Q1&mode=as_was`)).text(),
      await (await call(`/r/${detail}/mau-02`)).text(),
    ];
    for (const b of bodies) expect(b).not.toMatch(/"ethnicity"|Dân tộc[,;"<]/);
    expect(bodies[2]).toContain("Họ và tên chủ hộ"); // the household list is there
  }, 120_000);
});

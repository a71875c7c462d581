/**
 * The add-on's evaluation drafts count reporting with shared/reporting.ts; the district page with the
 * rollup. On the same data they must agree, team by team: the same expected, received and on-time
 * reports and the same rates, for quarters, a year and a plan phase — teams founded or dissolved inside
 * the period included.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { teamReporting } from "../../shared/reporting";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, communeToken, copy, envelope, pilot, seed, submit } from "./helpers";

describe("reporting counted alike by the rollup and the evaluation drafts", () => {
  const { quySon } = pilot();
  let link: string;
  const now = new Date().toISOString();
  beforeAll(async () => {
    await seed();
    const wb = copy(quySon.workbook);
    // One team dissolved inside 2022-Q1, one founded inside it (its reports before then dropped).
    wb.teams[1]!.dissolved_on = "2022-02-16";
    wb.teams[2]!.founded_on = "2022-01-20";
    wb.weekly = wb.weekly.filter((w) => !(w.team_code === wb.teams[2]!.team_code && w.week < "2022-W03"));
    wb.weekly = wb.weekly.filter((w) => !(w.team_code === wb.teams[1]!.team_code && w.week > "2022-W07"));
    const res = await submit(envelope(quySon, wb), await communeToken(quySon.unit_id));
    expect(res.status, await res.clone().text()).toBe(201);
    link = ((await (await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate" })).json()) as { token: string }).token;
  });

  it.each(["2022-Q1", "2021-Q4", "2022", "P2", "2022-03"])("%s: every team's figures match", async (period) => {
    const r = (await (await call(`/r/${link}.json?period=${period}&mode=as_was`)).json()) as Rollup;
    const { results } = await env.DB.prepare("SELECT team_code, week, on_time FROM agg_team_weeks WHERE commune_id = ?")
      .bind(quySon.unit_id)
      .all<{ team_code: string; week: string; on_time: number }>();
    const teams = r.communes.flatMap((c) => c.villages.flatMap((v) => v.teams));
    expect(teams.length).toBeGreaterThanOrEqual(3);
    // A team the page leaves out (dissolved before the period, nothing in it) expects nothing either.
    for (const t of quySon.workbook.teams.filter((x) => !teams.some((y) => y.team_code === x.team_code))) {
      const life = t.team_code === quySon.workbook.teams[1]!.team_code ? { ...t, dissolved_on: "2022-02-16" } : t;
      expect(teamReporting(period, life, new Map(), now).expected, `${period} ${t.team_code}`).toBe(0);
    }
    for (const t of teams) {
      const reports = new Map(results.filter((w) => w.team_code === t.team_code).map((w) => [w.week, w.on_time === 1]));
      const shared = teamReporting(period, t, reports, now);
      expect({ ...shared, weeks: undefined }, `${period} ${t.team_code}`).toEqual({
        expected: t.reporting.expected,
        received: t.reporting.received,
        on_time: t.reporting.on_time,
        reporting_rate: t.reporting.reporting_rate,
        on_time_rate: t.reporting.on_time_rate,
        weeks: undefined,
      });
    }
  });
});

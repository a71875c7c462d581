/**
 * A commune can take a log row back: a row missing from a later submission of its sheet is marked
 * withdrawn and leaves every page and every count (commune and district, HTML, JSON, CSV); its
 * versions stay in `revisions`, on the commune's side; sent again, it comes back.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, communeToken, copy, envelope, pilot, receiptOf, seed, submit } from "./helpers";

const { hongGiang } = pilot();
const wb = hongGiang.workbook;
// Rows to take back: an open ad-hoc report, a weekly report with a note, a milestone, a meeting (all of 2022).
const adhoc = wb.adhoc.find((a) => a.status !== "resolved" && a.report_date >= "2022-01-01")!;
const weekly = wb.weekly.find((w) => w.week === "2022-W10")!;
const milestone = wb.milestones.find((m) => m.milestone_code === "M05")!;
const meeting = wb.meetings.find((m) => m.meeting_date === "2022-03-31")!;
const SECRET = "Zqx rút lại";

let token: string;
let district: string;
let own: string;

const json = async (link: string, q = "period=2022&mode=as_was") => (await (await call(`/r/${link}.json?${q}`)).json()) as Rollup;
const text = async (path: string) => (await call(path)).text();

beforeAll(async () => {
  expect(adhoc && weekly && milestone && meeting).toBeTruthy();
  await seed();
  token = await communeToken(hongGiang.unit_id);
  const first = copy(wb);
  first.weekly.find((w) => w.week === weekly.week && w.team_code === weekly.team_code)!.difficulties = SECRET;
  expect((await submit(envelope(hongGiang, first), token)).status).toBe(201);
  district = ((await (await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate" })).json()) as { token: string }).token;
  own = ((await (await adminPost("/links", { unit_id: hongGiang.unit_id, scope: "detail" })).json()) as { token: string }).token;
});

describe("a log row removed from the sheet", () => {
  let before: { own: Rollup; district: Rollup };

  it("is marked withdrawn, kept in revisions, and leaves every page and count", async () => {
    before = { own: await json(own), district: await json(district) };
    expect(before.own.adhoc.open.map((o) => o.report_code)).toContain(adhoc.report_code);
    expect(before.own.notes?.map((n) => n.difficulties)).toContain(SECRET);

    const next = copy(wb);
    next.adhoc = next.adhoc.filter((a) => a.report_code !== adhoc.report_code);
    next.weekly = next.weekly.filter((w) => !(w.week === weekly.week && w.team_code === weekly.team_code));
    next.milestones = next.milestones.filter((m) => m.milestone_code !== milestone.milestone_code);
    next.meetings = next.meetings.filter((m) => !(m.meeting_date === meeting.meeting_date && m.team_code === meeting.team_code));
    const res = await submit(envelope(hongGiang, next), token);
    expect(res.status).toBe(201);
    const r = await receiptOf(res);
    expect([r.counts.adhoc.withdrawn, r.counts.weekly.withdrawn, r.counts.milestones.withdrawn, r.counts.meetings.withdrawn]).toEqual([
      1, 1, 1, 1,
    ]);

    const row = await env.DB.prepare("SELECT withdrawn_at, revision FROM adhoc_reports WHERE commune_id = ? AND report_code = ?")
      .bind(hongGiang.unit_id, adhoc.report_code)
      .first<{ withdrawn_at: string | null; revision: number }>();
    expect(row?.withdrawn_at).toBe(r.received_at);
    expect(row?.revision).toBe(2);
    const kept = await env.DB.prepare("SELECT data FROM revisions WHERE sheet = 'weekly' AND commune_id = ? AND data LIKE ?")
      .bind(hongGiang.unit_id, `%${SECRET}%`)
      .all();
    expect(kept.results).toHaveLength(1);

    const after = { own: await json(own), district: await json(district) };
    for (const v of Object.values(after)) {
      expect(v.adhoc.open.map((o) => o.report_code)).not.toContain(adhoc.report_code);
      expect(v.adhoc.total).toBe(before.own.adhoc.total - 1);
      expect(v.totals.reporting.received).toBe(before.own.totals.reporting.received - 1);
      expect(v.meetings.total).toBe(before.own.meetings.total - 1);
      expect(v.milestones.items.find((m) => m.code === milestone.milestone_code)).toBeUndefined();
    }
    expect(after.own.notes?.map((n) => n.difficulties)).not.toContain(SECRET);
    for (const path of [`/r/${own}?period=2022`, `/r/${own}.csv?period=2022`, `/r/${own}.json?period=2022`, `/r/${own}?period=2022-W10`]) {
      expect(await text(path), path).not.toContain(SECRET);
    }
    // The week's report is missing again on the pages.
    const week = await json(own, "period=2022-W10&mode=as_was");
    expect(week.missing_reports.some((m) => m.team_code === weekly.team_code && m.weeks.includes(weekly.week))).toBe(true);
  });

  it("comes back when the commune sends it again", async () => {
    const res = await submit(envelope(hongGiang, wb), token);
    expect(res.status).toBe(201);
    const r = await receiptOf(res);
    expect(r.counts.adhoc).toMatchObject({ updated: 1, withdrawn: 0 });
    const back = await json(own);
    expect(back.adhoc.open.map((o) => o.report_code)).toContain(adhoc.report_code);
    expect(back.totals.reporting.received).toBe(before.own.totals.reporting.received);
    expect(back.meetings.total).toBe(before.own.meetings.total);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM adhoc_reports WHERE withdrawn_at IS NOT NULL").first("n")).toBe(0);
  });
});

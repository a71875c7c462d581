/**
 * rollup() against figures computed independently from the fixture (fixtures/rollup-expect.ts):
 * register figures, Zalo %, population changes, DHIS2-style weekly reporting for a quarter with a
 * team founded mid-quarter and one dissolved, task areas (ethnic only where enabled), ad-hoc,
 * meetings, evaluations, milestones; as_was vs current grouping across the 2025 reform; and the
 * aggregates following the data when it is replaced.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rollup } from "../../worker/src/rollup/rollup";
import type { Figures, Rollup } from "../../worker/src/rollup/types";
import { type Expected, expectFigures } from "./fixtures/rollup-expect";
import { buildFixture, type Fixture, insertUnits, loadFixture, U } from "./fixtures/rollup-fixture";

const db = () => env.DB;
const TODAY = "2022-04-15";
const LUC_NGAN = [U.hongGiang, U.quySon, U.thanhHai];

let fx: Fixture;
beforeAll(async () => {
  await insertUnits(db());
  fx = buildFixture();
  await loadFixture(db(), fx);
});

const run = (unitId: string, period: string, mode: "as_was" | "current", scope: "aggregate" | "detail" = "aggregate", today = TODAY) =>
  rollup(db(), { unitId, period, mode, scope, today, now: `${today}T00:00:00.000Z` });

function checkFigures(f: Figures, e: Expected) {
  expect(f.register).toEqual({
    teams: e.teams,
    members: e.members,
    households: e.households,
    people: e.people,
    zalo_households: e.zalo_households,
    zalo_known: e.zalo_known,
    zalo_pct: e.zalo_pct,
    teams_outside_range: e.teams_outside_range,
  });
  expect(f.reporting).toMatchObject({ expected: e.expected, received: e.received, on_time: e.on_time, late: e.late, missing: e.missing });
  expect(f.reporting.reporting_rate).toBeCloseTo((100 * e.received) / e.expected, 1);
  expect(f.reporting.on_time_rate).toBeCloseTo((100 * e.on_time) / e.expected, 1);
  expect(f.propaganda).toEqual({
    broadcasts: e.sums.broadcasts,
    zalo_posts: e.sums.zalo_posts,
    households_visited: e.sums.households_visited,
  });
  const sums = { ...f.tasks.covid, ...f.tasks.antt, ...f.tasks.env };
  for (const [k, v] of Object.entries(sums)) expect(v, k).toBe(e.sums[k]);
  expect(f.tasks.ethnic).toEqual(e.ethnic);
  for (const [type, v] of Object.entries(f.changes.by_type)) expect(v, type).toEqual(e.changes[type] ?? { events: 0, people: 0 });
  expect(f.changes.net).toBe(e.net);
}

describe("rollup of huyện Lục Ngạn, Q1 2022", () => {
  let r: Rollup;
  let e: Expected;
  beforeAll(async () => {
    r = await run(U.lucNgan, "2022-Q1", "as_was");
    e = expectFigures(fx, LUC_NGAN, "2022-Q1", TODAY);
  });

  it("names the unit and the period", () => {
    expect(r.unit.label_vi).toBe("Huyện Lục Ngạn");
    expect(r.unit.parents.map((u) => u.label_vi)).toEqual(["Tỉnh Bắc Giang"]);
    expect(r.period).toMatchObject({ kind: "quarter", key: "2022-Q1", start: "2022-01-01", end: "2022-03-31", label_vi: "Quý I/2022" });
  });

  it("has the totals computed from the fixture", () => {
    // The fixture is meant to exercise these cases; make sure it does.
    expect(e.teams).toBe(7);
    expect(e.teams_outside_range).toBe(2);
    expect(e.late).toBeGreaterThan(0);
    expect(e.missing).toBeGreaterThan(0);
    checkFigures(r.totals, e);
  });

  it("has each commune's figures computed from the fixture", () => {
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Xã Hồng Giang", "Xã Quý Sơn", "Xã Thanh Hải"]);
    for (const c of r.communes) checkFigures(c, expectFigures(fx, [c.unit.id], "2022-Q1", TODAY));
  });

  it("expects reports only while a team exists and lists the missing weeks", () => {
    const hg = r.communes.find((c) => c.unit.id === U.hongGiang)!;
    const teams = hg.villages.flatMap((v) => v.teams);
    const ngT2 = teams.find((t) => t.team_code === "NG-T2")!; // founded Wed 09/02/2022: from 2022-W06
    expect(ngT2.reporting.expected).toBe(7); // W06 … W12
    const khT1 = teams.find((t) => t.team_code === "KH-T1")!; // dissolved Sun 20/02/2022: up to 2022-W07
    expect(khT1.reporting.expected).toBe(8); // 2021-W52, 2022-W01 … W07
    for (const t of teams) expect(t.missing_weeks).toEqual(e.missingByTeam[`${U.hongGiang}|${t.team_code}`] ?? []);
    const listed = Object.fromEntries(r.missing_reports.map((m) => [`${m.commune}|${m.team_code}`, m.weeks]));
    expect(Object.keys(listed)).toHaveLength(Object.keys(e.missingByTeam).length);
    expect(listed[`Xã Hồng Giang|NG-T1`] ?? []).toEqual(e.missingByTeam[`${U.hongGiang}|NG-T1`] ?? []);
  });

  it("counts ethnic-identity work only in villages that have the task", () => {
    const hg = r.communes.find((c) => c.unit.id === U.hongGiang)!;
    expect(hg.villages.find((v) => v.village_code === "NG")!.tasks.ethnic).not.toBeNull();
    expect(hg.villages.find((v) => v.village_code === "KH")!.tasks.ethnic).toBeNull();
    const qs = r.communes.find((c) => c.unit.id === U.quySon)!;
    expect(qs.tasks.ethnic).toBeNull();
    expect(r.totals.tasks.ethnic).toEqual(e.ethnic);
  });

  it("sorts teams in Vietnamese order with numbers by value; an aggregate rollup names them by code", async () => {
    const qs = r.communes.find((c) => c.unit.id === U.quySon)!;
    expect(qs.villages[0]!.teams.map((t) => t.team_name)).toEqual(["Tổ QT-T1", "Tổ QT-T2", "Tổ QT-T10"]);
    const own = await run(U.quySon, "2022-Q1", "as_was", "detail");
    expect(own.communes[0]!.villages[0]!.teams.map((t) => t.team_name)).toEqual(["Tổ số 1", "Tổ số 2", "Tổ số 10"]);
  });

  it("summarises ad-hoc reports, meetings, evaluations and milestones", () => {
    const withZeros = (got: Record<string, number>, want: Record<string, number>) => {
      for (const [k, v] of Object.entries(got)) expect(v, k).toBe(want[k] ?? 0);
    };
    withZeros(r.adhoc.by_area, e.adhocByArea);
    withZeros(r.adhoc.by_urgency, e.adhocByUrgency);
    withZeros(r.adhoc.by_status, e.adhocByStatus);
    expect(r.adhoc.open.map((o) => o.report_code).sort()).toEqual(e.openCodes.map((c) => c.split("|")[1]).sort());
    expect(r.adhoc.open.every((o) => o.content === undefined)).toBe(true);
    withZeros(r.meetings.by_kind, e.meetingsByKind);
    withZeros(r.evaluations.by_rating, e.ratings);
    expect(r.evaluations.periods.map((p) => p.key)).toEqual(["2022", "2022-Q1"]);
    expect(r.evaluations.commendations).toHaveLength(e.commendations);
    expect(r.evaluations.commendations.every((c) => c.text === undefined)).toBe(true);
    expect(r.milestones).toMatchObject(e.milestones);
    expect(e.milestones).toEqual({ done: 1, overdue: 1, pending: 0 });
  });

  it("does not read households or weekly reports: figures stay when those rows are gone", async () => {
    await db().batch([
      db()
        .prepare("DELETE FROM households WHERE commune_id IN (?, ?, ?)")
        .bind(...LUC_NGAN),
      db()
        .prepare("DELETE FROM weekly_reports WHERE commune_id IN (?, ?, ?)")
        .bind(...LUC_NGAN),
    ]);
    const again = await run(U.lucNgan, "2022-Q1", "as_was");
    expect(again.totals).toEqual(r.totals);
    await loadFixture(db(), fx);
  });
});

describe("periods", () => {
  it("rolls up a week, a month, a half-year, a year and a plan phase", async () => {
    for (const key of ["2022-W05", "2022-02", "2022-H1", "2022", "P1", "P2"]) {
      const r = await run(U.lucNgan, key, "as_was");
      checkFigures(r.totals, expectFigures(fx, LUC_NGAN, key, TODAY));
    }
  });

  it("leaves a team dissolved on a period's first day out of that period's register, and still expects its last week", async () => {
    // MH-T2 of xã Bảo Sơn: dissolved 01/04/2022, the first day of Q2 ("Ngày giải thể": the first day the team no longer exists).
    const teamsOf = (r: Rollup) => r.communes.flatMap((c) => c.villages.flatMap((v) => v.teams));
    const q1 = await run(U.baoSon, "2022-Q1", "as_was");
    const q2 = await run(U.baoSon, "2022-Q2", "as_was");
    checkFigures(q1.totals, expectFigures(fx, [U.baoSon], "2022-Q1", TODAY));
    checkFigures(q2.totals, expectFigures(fx, [U.baoSon], "2022-Q2", TODAY));
    expect(q1.totals.register.teams).toBe(2);
    expect(q2.totals.register.teams).toBe(1);
    expect(q2.totals.register.households).toBe(38); // MH-T1's only
    // 2022-W13 (28/03–03/04) belongs to Q2 by its Sunday; the team existed Monday–Thursday of it.
    const mh2 = teamsOf(q2).find((t) => t.team_code === "MH-T2");
    expect(mh2?.reporting.expected).toBe(1);
    expect(teamsOf(q1).find((t) => t.team_code === "MH-T2")?.reporting.expected).toBe(13);
    // The day before, it was still a team of Q2's first day.
    const ref = fx.teams.find((t) => t.team_code === "MH-T2")!;
    const dayBefore = expectFigures(
      { ...fx, teams: fx.teams.map((t) => (t === ref ? { ...t, dissolved_on: "2022-04-02" } : t)) },
      [U.baoSon],
      "2022-Q2",
      TODAY,
    );
    expect(dayBefore.teams).toBe(2);
  });

  it("does not expect reports whose deadline has not passed yet", async () => {
    // On Tuesday 22/03/2022 the report of 2022-W11 (deadline: end of Monday 21/03) is due, W12 is not.
    const r = await rollup(db(), {
      unitId: U.quySon,
      period: "2022-03",
      mode: "as_was",
      scope: "aggregate",
      today: "2022-03-22",
      now: "2022-03-22T02:00:00.000Z",
    });
    const teams = r.communes[0]!.villages[0]!.teams;
    expect(teams).toHaveLength(3);
    for (const t of teams) {
      const sent = (week: string) =>
        fx.weekly_reports.some((w) => w.commune_id === U.quySon && w.team_code === t.team_code && w.week === week);
      // W09–W11 are due; W12 counts only if a report already came in.
      expect(t.reporting.expected, t.team_code).toBe(3 + (sent("2022-W12") ? 1 : 0));
      expect(t.missing_weeks).not.toContain("2022-W12");
      expect(t.missing_weeks).toEqual(["2022-W09", "2022-W10", "2022-W11"].filter((w) => !sent(w)));
    }
  });
});

describe("units before and after the 2025 reform", () => {
  it("groups communes under the units they had (as_was) or today's successors (current)", async () => {
    const asWas = await run(U.lucNgan, "2022-Q1", "as_was", "aggregate", "2026-01-10");
    const current = await run(U.lucNgan, "2022-Q1", "current", "aggregate", "2026-01-10");
    expect(asWas.communes.map((c) => [c.unit.label_vi, c.parents.map((p) => p.label_vi)])).toEqual([
      ["Xã Hồng Giang", ["Tỉnh Bắc Giang", "Huyện Lục Ngạn"]],
      ["Xã Quý Sơn", ["Tỉnh Bắc Giang", "Huyện Lục Ngạn"]],
      ["Xã Thanh Hải", ["Tỉnh Bắc Giang", "Huyện Lục Ngạn"]],
    ]);
    expect(current.communes.map((c) => [c.unit.label_vi, c.parents.map((p) => p.label_vi), c.sources.map((s) => s.label_vi)])).toEqual([
      ["Phường Chũ", ["Tỉnh Bắc Ninh"], ["Xã Hồng Giang", "Xã Thanh Hải"]],
      ["Phường Phượng Sơn", ["Tỉnh Bắc Ninh"], ["Xã Quý Sơn"]],
    ]);
    // Same data, grouped differently: the totals do not change, and no row was rewritten.
    expect(current.totals).toEqual(asWas.totals);
    const chu = current.communes[0]!;
    checkFigures(chu, expectFigures(fx, [U.hongGiang, U.thanhHai], "2022-Q1", "2026-01-10"));
    const stored = await db().prepare("SELECT DISTINCT commune_id FROM agg_team_weeks ORDER BY 1").all<{ commune_id: string }>();
    expect(stored.results.map((x) => x.commune_id)).not.toContain(U.phuongSon);
  });

  it("rolls the old province's data into the new one in current mode only", async () => {
    const current = await run(U.bacNinh, "2022-Q1", "current", "aggregate", "2026-01-10");
    expect(current.communes.map((c) => c.unit.label_vi)).toEqual(["Phường Chũ", "Phường Phượng Sơn", "Xã Đông Phú"]);
    checkFigures(current.totals, expectFigures(fx, [...LUC_NGAN, U.baoSon], "2022-Q1", "2026-01-10"));
    const asWas = await run(U.bacNinh, "2022-Q1", "as_was", "aggregate", "2026-01-10");
    expect(asWas.communes).toEqual([]);
    const oldProvince = await run(U.bacGiang, "2022-Q1", "as_was", "aggregate", "2026-01-10");
    expect(oldProvince.communes.map((c) => c.unit.label_vi)).toEqual(["Xã Bảo Sơn", "Xã Hồng Giang", "Xã Quý Sơn", "Xã Thanh Hải"]);
    expect(oldProvince.communes[0]!.parents.map((p) => p.label_vi)).toEqual(["Tỉnh Bắc Giang", "Huyện Lục Nam"]);
  });

  it("shows the new units' own data after the reform", async () => {
    const r = await run(U.bacNinh, "2025-Q3", "current", "aggregate", "2026-01-10");
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Phường Chũ"]);
    checkFigures(r.totals, expectFigures(fx, [U.chu], "2025-Q3", "2026-01-10"));
  });

  it("keeps a merged commune's history reachable, and shows it under its successor", async () => {
    const hg = await run(U.hongGiang, "2022-Q1", "as_was", "detail", "2026-01-10");
    expect(hg.communes.map((c) => c.unit.label_vi)).toEqual(["Xã Hồng Giang"]);
    checkFigures(hg.totals, expectFigures(fx, [U.hongGiang], "2022-Q1", "2026-01-10"));
    expect(hg.adhoc.open.find((o) => o.report_code === "DX-2")?.content).toContain("Trần Văn Xuyến");
    const chu = await run(U.chu, "2022-Q1", "current", "detail", "2026-01-10");
    expect(chu.communes.map((c) => c.sources.map((s) => s.label_vi))).toEqual([["Xã Hồng Giang", "Xã Thanh Hải"]]);
  });
});

describe("aggregates follow the data", () => {
  it("changes the rollup when the commune's data is replaced", async () => {
    const before = await run(U.quySon, "2022-Q1", "as_was");
    const changed = buildFixture();
    // Quý Sơn: 5 more households for Tổ số 2 (25 → 30, inside 30–50), two Q1 reports fewer, one more birth.
    const base = changed.households.find((h) => h.commune_id === U.quySon && h.team_code === "QT-T2")!;
    for (let i = 1; i <= 5; i++)
      changed.households.push({ ...base, household_code: `QT-T2-NEW${i}`, household_no: 100 + i, members_count: 3 });
    const dropped = changed.weekly_reports.filter((w) => w.commune_id === U.quySon && ["2022-W02", "2022-W03"].includes(w.week));
    expect(dropped.length).toBeGreaterThan(0);
    changed.weekly_reports = changed.weekly_reports.filter((w) => !dropped.includes(w));
    changed.changes.push({
      ...changed.changes.find((c) => c.commune_id === U.quySon)!,
      change_date: "2022-03-30",
      household_code: "QT-T2-NEW1",
      change_type: "birth",
      people: 2,
    });
    await loadFixture(db(), changed);

    const after = await run(U.quySon, "2022-Q1", "as_was");
    checkFigures(after.totals, expectFigures(changed, [U.quySon], "2022-Q1", TODAY));
    expect(after.totals.register.households).toBe(before.totals.register.households + 5);
    expect(after.totals.register.teams_outside_range).toBe(before.totals.register.teams_outside_range - 1);
    expect(after.totals.reporting.received).toBe(before.totals.reporting.received - dropped.length);
    expect(after.totals.changes.net).toBe(before.totals.changes.net + 2);

    await loadFixture(db(), fx);
    expect((await run(U.quySon, "2022-Q1", "as_was")).totals).toEqual(before.totals);
  });
});

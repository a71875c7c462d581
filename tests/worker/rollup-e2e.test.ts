/**
 * End to end through the real endpoints: the pilot workbooks are imported by the admin
 * (POST /api/admin/import, with the instants they were received), links are created
 * (POST /api/admin/links), and the rollup read through /r/<token> matches figures computed here
 * from the workbooks with plain loops. Timeliness follows the receipt instants, not any user flag.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectedWeeks, isOnTime, weeksInPeriod } from "../../shared/periods";
import type { Workbook } from "../../shared/schemas";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, copy, envelope, PILOT, pilot, seed } from "./helpers";

/** The first submission: only what had happened by Sunday 13/02/2022, received Monday 14/02 noon. */
const FIRST_AT = "2022-02-14T05:00:00.000Z";
const FIRST_UNTIL = "2022-02-13";
const FIRST_LAST_WEEK = "2022-W06";
/** The second: everything, received at the final review. */
const SECOND_AT = "2022-10-31T05:00:00.000Z";

function upTo(wb: Workbook): Workbook {
  const w = copy(wb);
  w.weekly = w.weekly.filter((r) => r.week <= FIRST_LAST_WEEK);
  w.changes = w.changes.filter((r) => r.change_date <= FIRST_UNTIL);
  w.adhoc = w.adhoc
    .filter((r) => r.report_date <= FIRST_UNTIL)
    .map((r) => ({ ...r, status: r.status === "resolved" ? "in_progress" : r.status }));
  w.meetings = w.meetings.filter((r) => r.meeting_date <= FIRST_UNTIL);
  w.evaluations = w.evaluations.filter((r) => r.period === "2021-Q4");
  w.milestones = [];
  return w;
}

const communes = pilot();
let district: string;
let commune: string;

async function importAt(c: (typeof communes)["quySon"], wb: Workbook, at: string) {
  const res = await adminPost("/import", { commune_id: c.unit_id, received_at: at, envelope: envelope(c, wb) });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function link(unit_id: string, scope: "aggregate" | "detail"): Promise<string> {
  const res = await adminPost("/links", { unit_id, scope, label: "e2e" });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { token: string; url: string; json_url: string; csv_url: string };
  expect(body.url.endsWith(`/r/${body.token}`)).toBe(true);
  expect(body.json_url.endsWith(`/r/${body.token}.json`)).toBe(true);
  return body.token;
}

beforeAll(async () => {
  await seed();
  for (const c of [communes.quySon, communes.hongGiang]) {
    await importAt(c, upTo(c.workbook), FIRST_AT);
    await importAt(c, c.workbook, SECOND_AT);
  }
  district = await link(PILOT.lucNgan, "aggregate");
  commune = await link(PILOT.hongGiang, "detail");
});

describe("pilot data through ingest and links", () => {
  it("rolls up Q1 2022 for huyện Lục Ngạn as computed from the workbooks", async () => {
    const res = await call(`/r/${district}.json?period=2022-Q1&mode=as_was`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as Rollup;
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Xã Hồng Giang", "Xã Quý Sơn"]);

    let households = 0,
      people = 0,
      zalo = 0,
      expected = 0,
      received = 0,
      onTime = 0,
      broadcasts = 0;
    const q1 = new Set(weeksInPeriod("2022-Q1"));
    for (const { workbook: wb } of [communes.quySon, communes.hongGiang]) {
      for (const h of wb.households) {
        households++;
        people += h.members_count;
        if (h.in_zalo) zalo++;
      }
      for (const t of wb.teams) {
        for (const week of expectedWeeks("2022-Q1", t.founded_on, t.dissolved_on)) {
          expected++;
          const rep = wb.weekly.find((w) => w.team_code === t.team_code && w.week === week);
          if (!rep) continue;
          received++;
          if (isOnTime(week, week <= FIRST_LAST_WEEK ? FIRST_AT : SECOND_AT)) onTime++;
        }
      }
      for (const w of wb.weekly) if (q1.has(w.week)) broadcasts += w.broadcasts ?? 0;
    }
    expect(r.totals.register).toMatchObject({ households, people, zalo_households: zalo });
    expect(r.totals.reporting).toMatchObject({ expected, received, on_time: onTime, missing: expected - received });
    expect(onTime).toBeGreaterThan(0); // the 2022-W06 reports came in on Monday 14/02: on time
    expect(onTime).toBeLessThan(received);
    expect(r.totals.propaganda.broadcasts).toBe(broadcasts);
    expect(r.totals.tasks.ethnic).not.toBeNull(); // thôn Ngọt has the ethnic-identity task
  });

  it("shows the communes under their 2025 successors in current mode", async () => {
    const r = (await (await call(`/r/${district}.json?period=2022-Q1&mode=current`)).json()) as Rollup;
    expect(r.communes.map((c) => [c.unit.label_vi, c.parents.map((p) => p.label_vi)])).toEqual([
      ["Phường Chũ", ["Tỉnh Bắc Ninh"]],
      ["Phường Phượng Sơn", ["Tỉnh Bắc Ninh"]],
    ]);
  });

  it("gives household names to the commune link only", async () => {
    const head = communes.hongGiang.workbook.households[5]!.head_name;
    const mau02 = await call(`/r/${commune}/mau-02`);
    expect(mau02.status).toBe(200);
    expect(await mau02.text()).toContain(head);
    for (const p of [`/r/${district}?period=2022-Q1`, `/r/${district}.json?period=2022-Q1`, `/r/${district}.csv?period=2022-Q1`]) {
      expect(await (await call(p)).text()).not.toContain(head);
    }
    expect((await call(`/r/${district}/mau-02`)).status).toBe(404);
  });

  it("answers 404 once a link is revoked", async () => {
    const token = await link(PILOT.lucNgan, "aggregate");
    expect((await call(`/r/${token}`)).status).toBe(200);
    expect((await adminPost("/revoke", { token })).status).toBe(200);
    const gone = await call(`/r/${token}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe(await (await call(`/r/dvl_${"a".repeat(32)}`)).text());
  });
});

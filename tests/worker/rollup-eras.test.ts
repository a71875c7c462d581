/**
 * The pilot's chain through its three eras, with data in each: 2021–2024 under Huyện Lục Ngạn
 * (Xã Quý Sơn, Xã Hồng Giang), 1 Jan – 30 Jun 2025 under Thị xã Chũ (Xã Quý Sơn, Phường Hồng Giang),
 * from 1 July 2025 under Tỉnh Bắc Ninh (Phường Phượng Sơn, Phường Chũ). Each era's data is filed
 * under the unit version of its time; rollups group it "as it was" or under the units of `today`,
 * and the figures are the same either way.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { UNITS } from "../../shared/data/units";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import { rollup } from "../../worker/src/rollup/rollup";
import type { RollupMode } from "../../worker/src/rollup/types";
import { adminPost, envelope, PILOT, pilot, seed } from "./helpers";

const unit = (id: string) => UNITS.find((u) => u.id === id)!;

/** A commune's register and reports for one era: two teams founded on `from`, reports to `until`. */
function eraWorkbook(id: string, seedNo: number, village: "QT" | "NG", from: string, until: string): Workbook {
  const u = unit(id);
  return generateCommune({
    seed: seedNo,
    commune_code: u.code,
    commune_name: u.name,
    villages: [
      {
        village_code: village,
        village_name: village === "QT" ? "Thôn Quý Thịnh" : "Thôn Ngọt",
        ethnic_identity: village === "NG",
        teams: 2,
      },
    ],
    founded_on: from,
    until,
    reportRate: 1,
  });
}

const { quySon, hongGiang } = pilot();
const WORKBOOKS: Record<string, Workbook> = {
  [PILOT.quySon]: quySon.workbook,
  [PILOT.hongGiang]: hongGiang.workbook,
  [PILOT.quySonChu]: eraWorkbook(PILOT.quySonChu, 2025_01_01, "QT", "2025-01-06", "2025-06-29"),
  [PILOT.hongGiangChu]: eraWorkbook(PILOT.hongGiangChu, 2025_01_02, "NG", "2025-01-06", "2025-06-29"),
  [PILOT.phuongSon]: eraWorkbook(PILOT.phuongSon, 2025_07_01, "QT", "2025-07-07", "2025-12-28"),
  [PILOT.chu]: eraWorkbook(PILOT.chu, 2025_07_02, "NG", "2025-07-07", "2025-12-28"),
};
const RECEIVED: Record<string, string> = {
  [PILOT.quySon]: "2022-10-31T05:00:00.000Z",
  [PILOT.hongGiang]: "2022-10-31T05:00:00.000Z",
  [PILOT.quySonChu]: "2025-06-30T05:00:00.000Z",
  [PILOT.hongGiangChu]: "2025-06-30T05:00:00.000Z",
  [PILOT.phuongSon]: "2025-12-29T05:00:00.000Z",
  [PILOT.chu]: "2025-12-29T05:00:00.000Z",
};

beforeAll(async () => {
  await seed();
  for (const [id, wb] of Object.entries(WORKBOOKS)) {
    const u = unit(id);
    const res = await adminPost("/import", {
      commune_id: id,
      received_at: RECEIVED[id],
      envelope: envelope({ commune_code: u.code, commune_name: u.name }, wb),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
});

const AFTER = "2026-01-10";
const DURING_CHU = "2025-03-15";

/** The rollup's communes: the unit each is shown under → the units whose data it holds. */
async function groups(unitId: string, period: string, mode: RollupMode, today: string) {
  const r = await rollup(env.DB, { unitId, period, mode, scope: "aggregate", today, now: `${AFTER}T00:00:00Z` });
  const shown = Object.fromEntries(r.communes.map((c) => [c.unit.id, c.sources.map((s) => s.id).sort()]));
  return { shown, households: r.totals.register.households, received: r.totals.reporting.received };
}

const households = (ids: string[]) => ids.reduce((n, id) => n + WORKBOOKS[id]!.households.length, 0);

describe("the pilot chain 2021 → 2025-01 → 2025-07", () => {
  it.each<[string, string, string, RollupMode, string, Record<string, string[]>]>([
    ["Lục Ngạn, 2022", PILOT.lucNgan, "2022-Q1", "as_was", AFTER, { [PILOT.quySon]: [PILOT.quySon], [PILOT.hongGiang]: [PILOT.hongGiang] }],
    [
      "Lục Ngạn, 2022, today's wards",
      PILOT.lucNgan,
      "2022-Q1",
      "current",
      AFTER,
      { [PILOT.phuongSon]: [PILOT.quySon], [PILOT.chu]: [PILOT.hongGiang] },
    ],
    [
      "Lục Ngạn, 2022, seen in March 2025",
      PILOT.lucNgan,
      "2022-Q1",
      "current",
      DURING_CHU,
      { [PILOT.quySonChu]: [PILOT.quySon], [PILOT.hongGiangChu]: [PILOT.hongGiang] },
    ],
    [
      "Thị xã Chũ, 2025-Q1",
      PILOT.thiXaChu,
      "2025-Q1",
      "as_was",
      AFTER,
      { [PILOT.quySonChu]: [PILOT.quySonChu], [PILOT.hongGiangChu]: [PILOT.hongGiangChu] },
    ],
    [
      "Thị xã Chũ, 2025-Q1, today's wards",
      PILOT.thiXaChu,
      "2025-Q1",
      "current",
      AFTER,
      { [PILOT.phuongSon]: [PILOT.quySonChu], [PILOT.chu]: [PILOT.hongGiangChu] },
    ],
    [
      "Thị xã Chũ, 2025-Q1, seen in March 2025",
      PILOT.thiXaChu,
      "2025-Q1",
      "current",
      DURING_CHU,
      { [PILOT.quySonChu]: [PILOT.quySonChu], [PILOT.hongGiangChu]: [PILOT.hongGiangChu] },
    ],
    ["Bắc Ninh, 2025-Q4", PILOT.bacNinh, "2025-Q4", "as_was", AFTER, { [PILOT.phuongSon]: [PILOT.phuongSon], [PILOT.chu]: [PILOT.chu] }],
    [
      "Bắc Ninh, 2025-Q4, today's wards",
      PILOT.bacNinh,
      "2025-Q4",
      "current",
      AFTER,
      { [PILOT.phuongSon]: [PILOT.phuongSon], [PILOT.chu]: [PILOT.chu] },
    ],
    [
      "Bắc Ninh, 2025-Q1 (Thị xã Chũ's data)",
      PILOT.bacNinh,
      "2025-Q1",
      "current",
      AFTER,
      { [PILOT.phuongSon]: [PILOT.quySonChu], [PILOT.chu]: [PILOT.hongGiangChu] },
    ],
    [
      "Bắc Ninh, 2022-Q1 (Lục Ngạn's data)",
      PILOT.bacNinh,
      "2022-Q1",
      "current",
      AFTER,
      { [PILOT.phuongSon]: [PILOT.quySon], [PILOT.chu]: [PILOT.hongGiang] },
    ],
    [
      "Bắc Giang, 2025-Q1",
      PILOT.bacGiang,
      "2025-Q1",
      "as_was",
      AFTER,
      { [PILOT.quySonChu]: [PILOT.quySonChu], [PILOT.hongGiangChu]: [PILOT.hongGiangChu] },
    ],
  ])("%s: %s %s %s (today %s)", async (_label, unitId, period, mode, today, expected) => {
    const g = await groups(unitId, period, mode, today);
    const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [...v].sort()]));
    expect(g.shown).toEqual(want);
    expect(g.households).toBe(households(Object.values(expected).flat()));
    expect(g.received).toBeGreaterThan(0);
  });

  it.each([
    [PILOT.lucNgan, "2022-Q1"],
    [PILOT.thiXaChu, "2025-Q1"],
    [PILOT.bacGiang, "2025-Q1"],
    [PILOT.bacNinh, "2025-Q4"],
  ])("%s %s: the same figures as they were and under today's units", async (unitId, period) => {
    const was = await groups(unitId, period, "as_was", AFTER);
    const now = await groups(unitId, period, "current", AFTER);
    expect([now.households, now.received]).toEqual([was.households, was.received]);
  });

  it("files each era's data under its own unit version, never a later one", async () => {
    const byCommune = await env.DB.prepare("SELECT commune_id, count(*) AS n FROM households GROUP BY commune_id ORDER BY 1").all();
    expect(byCommune.results).toEqual(
      Object.entries(WORKBOOKS)
        .map(([id, wb]) => ({ commune_id: id, n: wb.households.length }))
        .sort((a, b) => a.commune_id.localeCompare(b.commune_id)),
    );
  });
});

/**
 * The pilot's chain through its three eras, with data in each: 2021–2024 under Huyện Lục Ngạn
 * (Xã Quý Sơn, Xã Hồng Giang), 1 Jan – 30 Jun 2025 under Thị xã Chũ (Xã Quý Sơn, Phường Hồng Giang),
 * from 1 July 2025 under Tỉnh Bắc Ninh (Phường Phượng Sơn, Phường Chũ). Each era's data is filed
 * under the unit version of its time; rollups group it "as it was" or under the units of `today`,
 * and the figures are the same either way.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rollup } from "../../worker/src/rollup/rollup";
import type { RollupMode } from "../../worker/src/rollup/types";
import { eraWorkbooks, importEras } from "./eras";
import { PILOT, seed } from "./helpers";

const WORKBOOKS = eraWorkbooks({ teams: 2, reportRate: 1, hongGiangChuFrom: "2025-01-06", chuFrom: "2025-07-07" });

beforeAll(async () => {
  await seed();
  await importEras(WORKBOOKS);
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

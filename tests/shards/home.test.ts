/**
 * Which shard a commune's data goes to (worker/src/db/shard.ts): today's province; an old commune's
 * successor's; a split commune's first whole successor's, else its first partial one's; an old province's
 * successor. Recorded at the first data and kept when the unit list changes; a province without a binding
 * lives in the control database.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import type { Unit } from "../../shared/units";
import { homeProvince, shardFor } from "../../worker/src/db/shard";
import { LANG_SON, LS, post, TEST_UNITS } from "./helpers";

const HA_NOI = "P:01@2025-07-01";
const old = (code: string, next: string[], partial: string[] = []): Unit => ({
  id: `C:${code}@2021-02-03`,
  code,
  level: "commune",
  kind_vi: "xã",
  name: `Xã Cũ ${code}`,
  parent_id: PILOT.lucNgan,
  valid_from: "2021-02-03",
  valid_to: "2025-07-01",
  successor_ids: next,
  ...(partial.length ? { partial_successor_ids: partial } : {}),
});
const HN_COMMUNE: Unit = {
  id: "C:00001@2025-07-01",
  code: "00001",
  level: "commune",
  kind_vi: "phường",
  name: "Phường Thử Hà Nội",
  parent_id: HA_NOI,
  valid_from: "2025-07-01",
  valid_to: null,
  successor_ids: [],
};
const UNITS: Unit[] = [
  ...TEST_UNITS,
  { ...TEST_UNITS.find((u) => u.id === LANG_SON)!, id: HA_NOI, code: "01", name: "Thành phố Hà Nội", kind_vi: "thành phố" },
  HN_COMMUNE,
  // Split between Bắc Ninh (part) and Lạng Sơn (whole part): Lạng Sơn.
  old("07901", [PILOT.phuongSon, LS[1]!.id], [PILOT.phuongSon]),
  // Split in parts only: the first successor's province, Lạng Sơn.
  old("07902", [LS[2]!.id, PILOT.chu], [LS[2]!.id, PILOT.chu]),
  // No successor known: its old province's successor (Bắc Giang → Bắc Ninh).
  old("07903", []),
];

beforeAll(async () => {
  const res = await post("shards", "/api/admin/units", { units: UNITS });
  expect(res.status, await res.clone().text()).toBe(200);
});

describe("a commune's home province", () => {
  it.each([
    ["today's commune", LS[0]!.id, "20"],
    ["an old commune, whole into Bắc Ninh", PILOT.quySon, "24"],
    ["a split commune: its whole successor's", "C:07901@2021-02-03", "20"],
    ["a split commune in parts only: its first successor's", "C:07902@2021-02-03", "20"],
    ["an old commune without successor: its old province's successor", "C:07903@2021-02-03", "24"],
    ["a commune of Hà Nội", HN_COMMUNE.id, "01"],
    ["an unknown unit", "C:99999@2025-07-01", null],
  ])("%s", async (_, id, province) => {
    expect(await homeProvince(env.DB, id)).toBe(province);
  });

  it("records the shard at the first data, keeps it when the unit list changes; an unmapped province stays in DB", async () => {
    const id = "C:07901@2021-02-03";
    expect(await shardFor(env, id)).toBe(env.DB_20);
    expect(await shardFor(env, HN_COMMUNE.id)).toBe(env.DB);
    // The split is corrected later: the whole part now goes to Bắc Ninh. The commune's data stays put.
    const moved = old("07901", [PILOT.phuongSon, LS[1]!.id], [LS[1]!.id]);
    expect((await post("shards", "/api/admin/units", { units: [moved] })).status).toBe(200);
    expect(await homeProvince(env.DB, id)).toBe("24");
    const rows = await env.DB.prepare("SELECT commune_id, province_code, shard FROM commune_shards ORDER BY commune_id").all();
    expect(rows.results).toEqual([
      { commune_id: HN_COMMUNE.id, province_code: "01", shard: "DB" },
      { commune_id: id, province_code: "20", shard: "DB_20" },
    ]);
    expect(await shardFor(env, id)).toBe(env.DB_20);
  });
});

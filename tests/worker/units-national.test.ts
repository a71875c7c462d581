/**
 * The whole country's unit history (shared/data/vn/units.json, ≈15,600 units) through the admin API
 * as `npm run units:load` sends it: one request, one batch, all or nothing; sent again it changes
 * nothing; and a link's rollup loads its own corner of the tree, never the country.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import VN from "../../shared/data/vn/units.json";
import type { Unit } from "../../shared/units";
import { upsertUnitStatements } from "../../worker/src/db/units";
import { loadUnitTree } from "../../worker/src/rollup/tree-cache";
import { adminPost, count, type ErrorJson, PILOT, seed, snapshot } from "./helpers";

const NATIONAL = VN as Unit[];
const links = NATIONAL.reduce((n, u) => n + u.successor_ids.length, 0);

describe("the national unit history in D1", () => {
  beforeAll(seed);

  it("refuses a set with one bad unit (422 invalid_units) and writes nothing", async () => {
    const before = await snapshot();
    const broken = NATIONAL.map((u) => (u.id === PILOT.hongGiangChu ? { ...u, successor_ids: ["C:99999@2025-07-01"] } : u));
    const res = await adminPost("/units", { units: broken });
    expect(res.status).toBe(422);
    const e = ((await res.json()) as ErrorJson).error;
    expect(e.code).toBe("invalid_units");
    expect(e.details.map((d) => d.message_vi)).toEqual([
      `Phường Hồng Giang (${PILOT.hongGiangChu}): không có đơn vị kế thừa C:99999@2025-07-01.`,
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("writes the statements of a large set in one transaction: a failure in the last part undoes the first", async () => {
    const before = await snapshot();
    const orphan: Unit = {
      ...NATIONAL.find((u) => u.id === PILOT.chu)!,
      id: "C:99998@2025-07-01",
      code: "99998",
      parent_id: "P:99@2025-07-01",
    };
    const statements = upsertUnitStatements(env.DB, [...NATIONAL.slice(0, 3000), orphan], 100_000);
    expect(statements.length).toBeGreaterThan(3);
    await expect(env.DB.batch(statements)).rejects.toThrow(/FOREIGN KEY/);
    expect(await snapshot()).toEqual(before);
  });

  it("loads every unit in one request, with its successor links; sent again, nothing changes", async () => {
    const t = performance.now();
    const res = await adminPost("/units", { units: NATIONAL });
    const ms = performance.now() - t;
    expect(res.status, await res.clone().text()).toBe(200);
    const first = (await res.json()) as { upserted: number; changed: number };
    expect(first.upserted).toBe(NATIONAL.length);
    // The pilot's units were seeded already, equal field for field: they are not rewritten.
    expect(first.changed).toBe(NATIONAL.length - 11);
    expect(await count("units")).toBe(NATIONAL.length + 6); // + the pilot's 6 village versions
    expect(await count("unit_successors")).toBe(links + 4); // + the villages' links
    const again = (await (await adminPost("/units", { units: NATIONAL })).json()) as { changed: number };
    expect(again.changed).toBe(0);
    console.log(`POST /api/admin/units with ${NATIONAL.length} units: ${Math.round(ms)} ms (miniflare)`);
  });

  it.each([
    ["a commune link (Phường Chũ)", PILOT.chu, 20],
    ["a 2021 commune link (Xã Quý Sơn)", PILOT.quySon, 20],
    ["a district link (Huyện Lục Ngạn)", PILOT.lucNgan, 100],
    ["a 2025 district link (Thị xã Chũ)", PILOT.thiXaChu, 60],
    ["a province link (Tỉnh Bắc Ninh, two old provinces)", PILOT.bacNinh, 1000],
  ])("%s loads its own corner of the tree, not the country", async (_label, id, most) => {
    const tree = await loadUnitTree(env.DB, id);
    expect(tree.get(id)?.id).toBe(id);
    expect(tree.size).toBeLessThanOrEqual(most);
    expect(tree.size).toBeLessThan(NATIONAL.length / 10);
  });

  it("keeps the conversion's parts: Phường Ngọc Hà went in part into Phường Ba Đình and Phường Ngọc Hà", async () => {
    const tree = await loadUnitTree(env.DB, "C:00004@2025-07-01");
    const ngocHa = tree.get("C:00016@2021-02-03");
    expect(ngocHa?.successor_ids.sort()).toEqual(["C:00004@2025-07-01", "C:00008@2025-07-01"]);
    expect(ngocHa?.partial_successor_ids?.sort()).toEqual(["C:00004@2025-07-01", "C:00008@2025-07-01"]);
    const parts = await env.DB.prepare("SELECT successor_id, part FROM unit_successors WHERE unit_id = ? ORDER BY 1")
      .bind(ngocHa!.id)
      .all();
    expect(parts.results).toEqual([
      { successor_id: "C:00004@2025-07-01", part: 1 },
      { successor_id: "C:00008@2025-07-01", part: 1 },
    ]);
    // Phường Trúc Bạch (00004 until 30 Jun 2025) went whole into the new Phường Ba Đình (00004 reused).
    expect(tree.get("C:00004@2021-02-03")).toMatchObject({ name: "Phường Trúc Bạch", successor_ids: ["C:00004@2025-07-01"] });
    expect(tree.get("C:00004@2021-02-03")?.partial_successor_ids).toBeUndefined();
  });
});

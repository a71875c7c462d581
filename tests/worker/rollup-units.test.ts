/** Which communes a unit's rollup reaches, on the shared unit data (shared/data/units.ts). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { seedUnits } from "../../worker/src/db/units";
import { loadUnitTree } from "../../worker/src/rollup/tree-cache";

const ids = (units: { id: string }[]) => units.map((u) => u.id).sort();

describe("unit tree", () => {
  it("lets a rollup of today's Bắc Ninh reach the old provinces' communes, and of Lục Ngạn only its own", async () => {
    await seedUnits(env.DB, UNITS);
    const bacNinh = await loadUnitTree(env.DB, PILOT.bacNinh);
    expect(ids(bacNinh.communesOf(PILOT.bacNinh, "current", "2026-01-01"))).toEqual(
      [PILOT.chu, PILOT.phuongSon, PILOT.hongGiang, PILOT.quySon, PILOT.hongGiangChu, PILOT.quySonChu].sort(),
    );
    expect(ids(bacNinh.communesOf(PILOT.bacNinh, "as_was", "2026-01-01"))).toEqual([PILOT.chu, PILOT.phuongSon].sort());
    const lucNgan = await loadUnitTree(env.DB, PILOT.lucNgan);
    expect(ids(lucNgan.communesOf(PILOT.lucNgan, "current", "2026-01-01"))).toEqual([PILOT.hongGiang, PILOT.quySon].sort());
    expect(lucNgan.groupOf(PILOT.hongGiang, "current", "2026-01-01")?.name).toBe("Phường Chũ");
    expect(lucNgan.groupOf(PILOT.hongGiang, "current", "2025-03-01")?.name).toBe("Phường Hồng Giang");
    expect(lucNgan.get(PILOT.ngot)).toBeUndefined(); // villages are not loaded
  });

  it("lets a rollup of Thị xã Chũ (1 Jan – 30 Jun 2025) reach its communes and, in current mode, their 2021 versions", async () => {
    await seedUnits(env.DB, UNITS);
    const chu = await loadUnitTree(env.DB, PILOT.thiXaChu);
    expect(ids(chu.communesOf(PILOT.thiXaChu, "as_was", "2025-03-01"))).toEqual([PILOT.hongGiangChu, PILOT.quySonChu].sort());
    expect(ids(chu.communesOf(PILOT.thiXaChu, "current", "2025-03-01"))).toEqual(
      [PILOT.hongGiang, PILOT.quySon, PILOT.hongGiangChu, PILOT.quySonChu].sort(),
    );
    expect(chu.groupOf(PILOT.quySon, "current", "2025-03-01")?.id).toBe(PILOT.quySonChu);
  });

  it("finds predecessors through unit_successors, which triggers keep in step with successor_ids", async () => {
    await seedUnits(env.DB, UNITS);
    const links = async (id: string) =>
      (await env.DB.prepare("SELECT successor_id, part FROM unit_successors WHERE unit_id = ? ORDER BY 1").bind(id).all()).results;
    expect(await links(PILOT.hongGiangChu)).toEqual([{ successor_id: PILOT.chu, part: 0 }]);
    const parted = {
      ...UNITS.find((u) => u.id === PILOT.hongGiangChu)!,
      successor_ids: [PILOT.chu, PILOT.phuongSon],
      partial_successor_ids: [PILOT.chu, PILOT.phuongSon],
    };
    await seedUnits(env.DB, [parted]);
    expect(await links(PILOT.hongGiangChu)).toEqual([
      { successor_id: PILOT.chu, part: 1 },
      { successor_id: PILOT.phuongSon, part: 1 },
    ]);
    const phuongSon = await loadUnitTree(env.DB, PILOT.phuongSon);
    expect(phuongSon.get(PILOT.hongGiangChu)?.partial_successor_ids).toEqual([PILOT.chu, PILOT.phuongSon]);
    await seedUnits(env.DB, UNITS);
    expect(await links(PILOT.hongGiangChu)).toEqual([{ successor_id: PILOT.chu, part: 0 }]);
  });

  it("stops on a cycle of successors in bad data", async () => {
    const unit = (id: string, successor: string) =>
      env.DB.prepare(
        "INSERT INTO units (id, code, level, name, parent_id, valid_from, valid_to, successor_ids) VALUES (?, ?, 'province', ?, NULL, '2000-01-01', '2001-01-01', ?)",
      ).bind(id, id, id, JSON.stringify([successor]));
    await env.DB.batch([unit("cyc:A", "cyc:B"), unit("cyc:B", "cyc:A")]);
    const tree = await loadUnitTree(env.DB, "cyc:A");
    expect(tree.get("cyc:B")?.id).toBe("cyc:B");
    expect(tree.communesOf("cyc:A", "current", "2026-01-01")).toEqual([]);
  });
});

/** Which communes a unit's rollup reaches, on the shared unit data (shared/data/units.ts). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UNITS } from "../../shared/data/units";
import { seedUnits } from "../../worker/src/db/units";
import { loadUnitTree } from "../../worker/src/rollup/units";

describe("unit tree", () => {
  it("lets a rollup of today's Bắc Ninh reach the old provinces' communes, and of Lục Ngạn only its own", async () => {
    await seedUnits(env.DB, UNITS);
    const bacNinh = await loadUnitTree(env.DB, "P:24@2025-07-01");
    expect(
      bacNinh
        .communesOf("P:24@2025-07-01", "current", "2026-01-01")
        .map((u) => u.name)
        .sort(),
    ).toEqual(["Phường Chũ", "Phường Phượng Sơn", "Xã Hồng Giang", "Xã Quý Sơn"]);
    expect(
      bacNinh
        .communesOf("P:24@2025-07-01", "as_was", "2026-01-01")
        .map((u) => u.name)
        .sort(),
    ).toEqual(["Phường Chũ", "Phường Phượng Sơn"]);
    const lucNgan = await loadUnitTree(env.DB, "D:219@1997-01-01");
    expect(
      lucNgan
        .communesOf("D:219@1997-01-01", "current", "2026-01-01")
        .map((u) => u.name)
        .sort(),
    ).toEqual(["Xã Hồng Giang", "Xã Quý Sơn"]);
    expect(lucNgan.groupOf("C:07615@1997-01-01", "current", "2026-01-01")?.name).toBe("Phường Chũ");
    expect(lucNgan.get("V:07615-NG@2021-10-15")).toBeUndefined(); // villages are not loaded
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

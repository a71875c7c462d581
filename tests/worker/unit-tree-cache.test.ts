/** The isolate's unit trees (worker/src/rollup/tree-cache.ts) follow the units' version (0040_unit_version.sql). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { seedUnits } from "../../worker/src/db/units";
import { loadUnitTree, unitVersion } from "../../worker/src/rollup/tree-cache";

describe("unit tree cache", () => {
  it("reuses a tree while the units are unchanged, and an upsert that changes nothing keeps the version", async () => {
    await seedUnits(env.DB, UNITS);
    const v = await unitVersion(env.DB);
    expect(v).toMatch(/^[0-9a-f]{32}$/);
    const a = await loadUnitTree(env.DB, PILOT.bacNinh);
    await seedUnits(env.DB, UNITS);
    expect(await unitVersion(env.DB)).toBe(v);
    expect(await loadUnitTree(env.DB, PILOT.bacNinh)).toBe(a);
  });

  it.each([
    ["a renamed unit", (id: string) => env.DB.prepare("UPDATE units SET name = 'Phường Mới' WHERE id = ?").bind(id).run()],
    ["an upsert through the unit import", (id: string) => seedUnits(env.DB, [{ ...UNITS.find((u) => u.id === id)!, name: "Phường Mới" }])],
  ])("loads the tree again after %s", async (_, write) => {
    await seedUnits(env.DB, UNITS);
    const before = await loadUnitTree(env.DB, PILOT.lucNgan);
    expect(before.get(PILOT.hongGiang)?.name).toBe(UNITS.find((u) => u.id === PILOT.hongGiang)!.name);
    const v = await unitVersion(env.DB);
    await write(PILOT.hongGiang);
    expect(await unitVersion(env.DB)).not.toBe(v);
    const after = await loadUnitTree(env.DB, PILOT.lucNgan);
    expect(after).not.toBe(before);
    expect(after.get(PILOT.hongGiang)?.name).toBe("Phường Mới");
  });

  it("loads the tree again after a unit is deleted or village successors change", async () => {
    await seedUnits(env.DB, UNITS);
    const v1 = await unitVersion(env.DB);
    await env.DB.prepare(
      "INSERT INTO village_successors (commune_id, village_code, successor_id, set_by, set_at) VALUES (?, '01', ?, 'admin', '2026-01-01T00:00:00Z')",
    )
      .bind(PILOT.hongGiangChu, PILOT.chu)
      .run();
    const v1b = await unitVersion(env.DB);
    expect(v1b).not.toBe(v1);
    await env.DB.prepare(
      "INSERT INTO units (id, code, level, name, parent_id, valid_from, valid_to, successor_ids) VALUES ('x', 'x', 'province', 'x', NULL, '2000-01-01', NULL, '[]')",
    ).run();
    const v2 = await unitVersion(env.DB);
    expect(v2).not.toBe(v1b);
    const x = await loadUnitTree(env.DB, "x");
    expect(x.get("x")?.name).toBe("x");
    await env.DB.prepare("DELETE FROM units WHERE id = 'x'").run();
    expect(await unitVersion(env.DB)).not.toBe(v2);
    expect((await loadUnitTree(env.DB, "x")).get("x")).toBeUndefined();
  });
});

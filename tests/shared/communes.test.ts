/** The lookup of today's communes (shared/communes.ts) against the national unit history it was built from. */
import { describe, expect, it } from "vitest";
import { currentCommunes, findCurrentCommune } from "../../shared/communes";
import { PILOT } from "../../shared/data/units";
import VN from "../../shared/data/vn/units.json";
import type { Unit } from "../../shared/units";

const NATIONAL = VN as Unit[];

describe("findCurrentCommune", () => {
  it.each([
    ["07525", PILOT.chu, "Phường Chũ, Tỉnh Bắc Ninh"],
    ["07612", PILOT.phuongSon, "Phường Phượng Sơn, Tỉnh Bắc Ninh"],
    ["00004", "C:00004@2025-07-01", "Phường Ba Đình, Thành phố Hà Nội"],
    [" 26732 ", "C:26732@2025-07-01", "Đặc khu Côn Đảo, Thành phố Hồ Chí Minh"],
  ])("%s → %s (%s)", (code, id, full) => {
    const c = findCurrentCommune(code);
    expect(c?.unit_id).toBe(id);
    expect(c?.full_name).toBe(full);
  });

  it.each([["07561"], ["07576"], ["99999"], ["0752"], [""]])("%j is not a commune today", (code) => {
    expect(findCurrentCommune(code)).toBeUndefined();
  });

  it("holds exactly today's communes of the unit history, with their names and provinces", () => {
    const today = NATIONAL.filter((u) => u.level === "commune" && u.valid_to === null);
    const all = currentCommunes();
    expect(all).toHaveLength(3321);
    expect(new Set(all.map((c) => c.province.code)).size).toBe(34);
    const byId = new Map(NATIONAL.map((u) => [u.id, u]));
    for (const u of today) {
      const c = findCurrentCommune(u.code);
      expect(c, u.code).toBeDefined();
      expect([c!.unit_id, c!.name, c!.kind_vi, c!.province.unit_id]).toEqual([u.id, u.name, u.kind_vi, u.parent_id]);
      expect(c!.province.name).toBe(byId.get(u.parent_id!)!.name);
    }
  });
});

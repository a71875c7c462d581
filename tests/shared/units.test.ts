import { describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { UnitRegistry, unitSchema, validateUnits, type Unit } from "../../shared/units";

const reg = new UnitRegistry(UNITS);
const u = (x: Partial<Unit> & Pick<Unit, "id" | "code" | "level">): Unit => ({
  name: x.id,
  parent_id: null,
  valid_from: "2000-01-01",
  valid_to: null,
  successor_ids: [],
  ...x,
});

describe("unit data", () => {
  it("every unit matches the schema and the set is consistent", () => {
    for (const x of UNITS) expect(unitSchema.parse(x)).toEqual(x);
    expect(validateUnits(UNITS)).toEqual([]);
  });

  it.each([
    ["2024-01-01", PILOT.bacGiang],
    ["2025-06-30", PILOT.bacGiang],
    ["2025-07-01", PILOT.bacNinh],
    ["2026-11-29", PILOT.bacNinh],
  ])("province code 24 on %s is %s (codes are reused)", (date, id) => {
    expect(reg.findByCode("24", "province", date)?.id).toBe(id);
  });

  it("district 219 exists only before the 2025 reform", () => {
    expect(reg.findByCode("219", "district", "2022-01-01")?.name).toBe("Huyện Lục Ngạn");
    expect(reg.findByCode("219", "district", "2025-07-01")).toBeUndefined();
  });
});

describe("rollupTarget", () => {
  it.each([
    [PILOT.ngot, "as_was", "commune", PILOT.hongGiang],
    [PILOT.ngot, "as_was", "district", PILOT.lucNgan],
    [PILOT.ngot, "as_was", "province", PILOT.bacGiang],
    [PILOT.ngot, "current", "commune", PILOT.chu],
    [PILOT.ngot, "current", "province", PILOT.bacNinh],
    [PILOT.ngot, "current", "district", null],
    [PILOT.quyThinh, "current", "commune", PILOT.phuongSon],
    [PILOT.quySon, "current", "province", PILOT.bacNinh],
    [PILOT.quySon, "as_was", "province", PILOT.bacGiang],
    [PILOT.bacNinhOld, "current", "province", PILOT.bacNinh],
  ] as const)("%s %s at %s level → %s", (id, mode, level, expected) => {
    expect(reg.rollupTarget(id, mode, level, "2026-01-01")).toBe(expected);
  });

  it("in 2022, current mode leaves the units as they were (nothing had merged yet)", () => {
    expect(reg.rollupTarget(PILOT.ngot, "current", "district", "2022-06-01")).toBe(PILOT.lucNgan);
  });

  it("history is not rewritten by a merger", () => {
    expect(reg.get(PILOT.hongGiang)?.parent_id).toBe(PILOT.lucNgan);
    expect(reg.children(PILOT.lucNgan, "2022-01-01").map((x) => x.id).sort()).toEqual([PILOT.hongGiang, PILOT.quySon].sort());
    expect(reg.children(PILOT.lucNgan, "2026-01-01")).toEqual([]);
    expect(reg.descendantsOn(PILOT.bacNinh, "2026-01-01", "commune").map((x) => x.name).sort()).toEqual(["Phường Chũ", "Phường Phượng Sơn"]);
  });

  it("works on a two-level tree (province → commune → village) and on a split", () => {
    const units = [
      u({ id: "P1", code: "01", level: "province" }),
      u({ id: "C1", code: "00001", level: "commune", parent_id: "P1", valid_to: "2024-01-01", successor_ids: ["C2", "C3"] }),
      u({ id: "C2", code: "00002", level: "commune", parent_id: "P1", valid_from: "2024-01-01" }),
      u({ id: "C3", code: "00003", level: "commune", parent_id: "P1", valid_from: "2024-01-01" }),
      u({ id: "V1", code: "00001-A", level: "village", parent_id: "C1", valid_to: "2024-01-01", successor_ids: ["V2"] }),
      u({ id: "V2", code: "00002-A", level: "village", parent_id: "C2", valid_from: "2024-01-01" }),
    ];
    expect(validateUnits(units)).toEqual([]);
    const r = new UnitRegistry(units);
    expect(r.rollupTarget("V1", "as_was", "province", "2025-01-01")).toBe("P1");
    expect(r.rollupTarget("V1", "current", "commune", "2025-01-01")).toBe("C2");
    expect(r.rollupTargets("C1", "current", "commune", "2025-01-01")).toEqual(["C2", "C3"]);
    expect(r.rollupTarget("V1", "as_was", "district", "2025-01-01")).toBeNull();
  });
});

describe("validateUnits", () => {
  it.each<[string, Unit[], string]>([
    ["a duplicate id", [u({ id: "P", code: "01", level: "province" }), u({ id: "P", code: "02", level: "province" })], "Trùng"],
    ["a missing parent", [u({ id: "C", code: "00001", level: "commune", parent_id: "X" })], "không có đơn vị cấp trên"],
    ["a parent at a lower level", [u({ id: "C", code: "00001", level: "commune" }), u({ id: "P", code: "01", level: "province", parent_id: "C" })], "cấp cao hơn"],
    ["a child outliving its parent", [u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01" }), u({ id: "C", code: "00001", level: "commune", parent_id: "P" })], "nằm ngoài"],
    ["a missing successor", [u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"] })], "kế thừa"],
    ["a successor cycle", [u({ id: "P", code: "01", level: "province", successor_ids: ["Q"] }), u({ id: "Q", code: "02", level: "province", successor_ids: ["P"] })], "vòng"],
    ["one code for two units at once", [u({ id: "P", code: "01", level: "province" }), u({ id: "Q", code: "01", level: "province", valid_from: "2010-01-01" })], "cùng lúc"],
    ["an end before the start", [u({ id: "P", code: "01", level: "province", valid_to: "1999-01-01" })], "sau ngày bắt đầu"],
  ])("catches %s", (_n, units, fragment) => {
    expect(validateUnits(units).join("\n")).toContain(fragment);
  });
});

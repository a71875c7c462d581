import { describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { isValidOn, type Unit, UnitRegistry, unitId, unitSchema, validateUnits } from "../../shared/units";

const reg = new UnitRegistry(UNITS);
const TODAY = "2026-01-01";

/** A unit with defaults, for small fixtures. */
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

  it("ids follow level letter + code + valid_from, and every pilot id exists", () => {
    for (const x of UNITS) expect(x.id).toBe(unitId(x.level, x.code, x.valid_from));
    for (const id of Object.values(PILOT)) expect(reg.get(id), id).toBeDefined();
  });

  it.each([
    [PILOT.quyThinh, false],
    [PILOT.quyThinhNow, false],
    [PILOT.ngot, true],
    [PILOT.ngotNow, true],
    [PILOT.ngotChu, true],
    [PILOT.quyThinhChu, false],
  ])("village %s: ethnic_identity %s", (id, flag) => {
    expect(reg.get(id)?.ethnic_identity).toBe(flag);
  });

  it.each([
    ["24", "province", "2024-01-01", PILOT.bacGiang],
    ["24", "province", "2025-06-30", PILOT.bacGiang],
    ["24", "province", "2025-07-01", PILOT.bacNinh],
    ["24", "province", TODAY, PILOT.bacNinh],
    ["27", "province", "2024-01-01", PILOT.bacNinhOld],
    ["27", "province", "2025-07-01", undefined],
    ["219", "district", "2022-01-01", PILOT.lucNgan],
    ["219", "district", "2025-07-01", undefined],
    ["224", "district", "2024-12-31", undefined],
    ["224", "district", "2025-01-01", PILOT.thiXaChu],
    ["07576", "commune", "2022-01-01", PILOT.quySon],
    ["07576", "commune", "2025-03-01", PILOT.quySonChu],
    ["07576", "commune", TODAY, undefined],
    ["07561", "commune", "2024-12-31", PILOT.hongGiang],
    ["07561", "commune", "2025-01-01", PILOT.hongGiangChu],
    ["07576", "village", "2022-01-01", undefined],
    ["07576-QT", "village", "2025-03-01", PILOT.quyThinhChu],
    ["07612-QT", "village", TODAY, PILOT.quyThinhNow],
  ] as const)("findByCode(%s, %s, %s) → %s (codes are reused)", (code, level, date, id) => {
    expect(reg.findByCode(code, level, date)?.id).toBe(id);
  });
});

describe("rollupTarget on the pilot units", () => {
  it.each([
    [PILOT.ngot, "as_was", "village", PILOT.ngot],
    [PILOT.ngot, "as_was", "commune", PILOT.hongGiang],
    [PILOT.ngot, "as_was", "district", PILOT.lucNgan],
    [PILOT.ngot, "as_was", "province", PILOT.bacGiang],
    [PILOT.ngot, "current", "village", PILOT.ngotNow],
    [PILOT.ngot, "current", "commune", PILOT.chu],
    [PILOT.ngot, "current", "district", null],
    [PILOT.ngot, "current", "province", PILOT.bacNinh],
    [PILOT.quyThinh, "as_was", "commune", PILOT.quySon],
    [PILOT.quyThinh, "current", "commune", PILOT.phuongSon],
    [PILOT.quySon, "current", "province", PILOT.bacNinh],
    [PILOT.quySon, "as_was", "province", PILOT.bacGiang],
    [PILOT.bacNinhOld, "current", "province", PILOT.bacNinh],
    [PILOT.lucNgan, "current", "district", null],
    [PILOT.quySon, "as_was", "village", null],
    ["no-such-unit", "as_was", "province", null],
  ] as const)("%s %s at %s level → %s", (id, mode, level, expected) => {
    expect(reg.rollupTarget(id, mode, level, TODAY)).toBe(expected);
  });

  it("a report filed in 2022 under thôn Quý Thịnh rolls up under phường Phượng Sơn today", () => {
    const report = { unit_id: PILOT.quyThinh, date: "2022-03-15" };
    expect(reg.isValidOn(report.unit_id, report.date)).toBe(true);
    expect(reg.rollupTarget(report.unit_id, "current", "commune", TODAY)).toBe(PILOT.phuongSon);
    expect(reg.rollupTarget(report.unit_id, "as_was", "commune", TODAY)).toBe(PILOT.quySon);
    expect(reg.rollupTarget(report.unit_id, "as_was", "district", TODAY)).toBe(PILOT.lucNgan);
  });

  it("before the reform, current mode follows the half-year of Thị xã Chũ (1 Jan – 30 Jun 2025)", () => {
    expect(reg.rollupTarget(PILOT.ngot, "current", "district", "2022-06-01")).toBe(PILOT.lucNgan);
    expect(reg.rollupTarget(PILOT.ngot, "current", "commune", "2024-12-31")).toBe(PILOT.hongGiang);
    expect(reg.rollupTarget(PILOT.ngot, "current", "commune", "2025-06-30")).toBe(PILOT.hongGiangChu);
    expect(reg.rollupTarget(PILOT.ngot, "current", "district", "2025-06-30")).toBe(PILOT.thiXaChu);
    expect(reg.rollupTarget(PILOT.quyThinh, "current", "village", "2025-06-30")).toBe(PILOT.quyThinhChu);
    expect(reg.rollupTarget(PILOT.ngotChu, "as_was", "district", TODAY)).toBe(PILOT.thiXaChu);
    expect(reg.rollupTarget(PILOT.ngotChu, "current", "commune", TODAY)).toBe(PILOT.chu);
  });

  it("a village whose commune merged continues as a re-parented version under the new ward", () => {
    expect(reg.currentSuccessors(PILOT.ngot, TODAY).map((x) => x.id)).toEqual([PILOT.ngotNow]);
    expect(reg.get(PILOT.ngotNow)?.parent_id).toBe(PILOT.chu);
    expect(reg.currentSuccessors(PILOT.ngotNow, TODAY).map((x) => x.id)).toEqual([PILOT.ngotNow]);
    expect(reg.currentSuccessors(PILOT.ngotNow, "2022-01-01")).toEqual([]); // did not exist yet
    expect(reg.currentSuccessors(PILOT.lucNgan, TODAY)).toEqual([]); // abolished, no successor
  });

  it("history is not rewritten by the merger", () => {
    expect(reg.get(PILOT.hongGiang)?.parent_id).toBe(PILOT.lucNgan);
    expect(reg.get(PILOT.ngot)?.parent_id).toBe(PILOT.hongGiang);
    for (const id of [PILOT.bacGiang, PILOT.lucNgan, PILOT.quySon, PILOT.hongGiang, PILOT.quyThinh, PILOT.ngot]) {
      expect(reg.isValidOn(id, "2022-01-01"), id).toBe(true);
      expect(reg.isValidOn(id, TODAY), id).toBe(false);
    }
    expect(
      reg
        .children(PILOT.lucNgan, "2022-01-01")
        .map((x) => x.id)
        .sort(),
    ).toEqual([PILOT.hongGiang, PILOT.quySon].sort());
    expect(reg.children(PILOT.lucNgan, TODAY)).toEqual([]);
    expect(reg.ancestors(PILOT.ngot).map((x) => x.id)).toEqual([PILOT.hongGiang, PILOT.lucNgan, PILOT.bacGiang]);
    expect(reg.ancestors(PILOT.ngotNow).map((x) => x.id)).toEqual([PILOT.chu, PILOT.bacNinh]);
  });

  it("descendantsOn sees the tree of that day", () => {
    const names = (id: string, date: string, level?: Unit["level"]) =>
      reg
        .descendantsOn(id, date, level)
        .map((x) => x.name)
        .sort();
    expect(names(PILOT.bacNinh, TODAY, "commune")).toEqual(["Phường Chũ", "Phường Phượng Sơn"]);
    expect(names(PILOT.bacNinh, TODAY, "district")).toEqual([]);
    expect(names(PILOT.bacGiang, "2022-01-01", "village")).toEqual(["Thôn Ngọt", "Thôn Quý Thịnh"]);
    expect(names(PILOT.bacGiang, "2022-01-01")).toHaveLength(5);
    expect(names(PILOT.bacGiang, TODAY)).toEqual([]);
  });
});

describe("a synthetic two-level tree (province → commune → village)", () => {
  // C1 split in 2024 into C2 and C3; its village V1 went to C2. C3 and C4 merged in 2025 into C5.
  const units = [
    u({ id: "P1", code: "01", level: "province" }),
    u({ id: "C1", code: "00001", level: "commune", parent_id: "P1", valid_to: "2024-01-01", successor_ids: ["C2", "C3"] }),
    u({ id: "C2", code: "00002", level: "commune", parent_id: "P1", valid_from: "2024-01-01" }),
    u({
      id: "C3",
      code: "00003",
      level: "commune",
      parent_id: "P1",
      valid_from: "2024-01-01",
      valid_to: "2025-01-01",
      successor_ids: ["C5"],
    }),
    u({ id: "C4", code: "00004", level: "commune", parent_id: "P1", valid_to: "2025-01-01", successor_ids: ["C5"] }),
    u({ id: "C5", code: "00001", level: "commune", parent_id: "P1", valid_from: "2025-01-01" }), // code 00001 reused
    u({ id: "V1", code: "00001-A", level: "village", parent_id: "C1", valid_to: "2024-01-01", successor_ids: ["V2"] }),
    u({ id: "V2", code: "00002-A", level: "village", parent_id: "C2", valid_from: "2024-01-01" }),
  ];
  const r = new UnitRegistry(units);

  it("is valid", () => {
    for (const x of units) expect(unitSchema.safeParse(x).success, x.id).toBe(true);
    expect(validateUnits(units)).toEqual([]);
  });

  it.each([
    ["V1", "as_was", "province", "2026-01-01", "P1"],
    ["V1", "as_was", "commune", "2026-01-01", "C1"],
    ["V1", "current", "commune", "2026-01-01", "C2"],
    ["V1", "current", "province", "2026-01-01", "P1"],
    ["V1", "as_was", "district", "2026-01-01", null],
    ["V1", "current", "district", "2026-01-01", null],
    ["C4", "current", "commune", "2024-06-01", "C4"],
    ["C4", "current", "commune", "2026-01-01", "C5"],
  ] as const)("%s %s at %s level on %s → %s", (id, mode, level, date, expected) => {
    expect(r.rollupTarget(id, mode, level, date)).toBe(expected);
  });

  it("a split returns both successors; a later merge of one of them is followed", () => {
    expect(
      r
        .currentSuccessors("C1", "2024-06-01")
        .map((x) => x.id)
        .sort(),
    ).toEqual(["C2", "C3"]);
    expect(r.rollupTargets("C1", "current", "commune", "2024-06-01").sort()).toEqual(["C2", "C3"]);
    expect(
      r
        .currentSuccessors("C1", "2026-01-01")
        .map((x) => x.id)
        .sort(),
    ).toEqual(["C2", "C5"]);
    expect(r.rollupTargets("C1", "current", "province", "2026-01-01")).toEqual(["P1"]);
  });

  it("a merge maps every predecessor to the one successor", () => {
    expect(r.currentSuccessors("C3", "2026-01-01").map((x) => x.id)).toEqual(["C5"]);
    expect(r.currentSuccessors("C4", "2026-01-01").map((x) => x.id)).toEqual(["C5"]);
  });

  it("finds a reused commune code by date", () => {
    expect(r.findByCode("00001", "commune", "2023-01-01")?.id).toBe("C1");
    expect(r.findByCode("00001", "commune", "2024-06-01")).toBeUndefined();
    expect(r.findByCode("00001", "commune", "2025-01-01")?.id).toBe("C5");
  });
});

describe("isValidOn", () => {
  it.each([
    ["1999-12-31", false],
    ["2000-01-01", true],
    ["2024-12-31", true],
    ["2025-01-01", false],
  ])("on %s → %s (valid_to is exclusive)", (date, ok) => {
    expect(isValidOn({ valid_from: "2000-01-01", valid_to: "2025-01-01" }, date)).toBe(ok);
  });
});

describe("unitSchema", () => {
  const good = u({ id: "C:00001@2000-01-01", code: "00001", level: "commune", parent_id: "P" });
  it.each<[string, Record<string, unknown>]>([
    ["a province code of 3 digits", { level: "province", code: "024" }],
    ["a commune code of 4 digits", { code: "0763" }],
    ["a village code without its commune", { level: "village", code: "QT" }],
    ["an impossible date", { valid_from: "2025-02-30" }],
    ["a date with a time", { valid_to: "2025-07-01T00:00:00Z" }],
    ["a decomposed (NFD) name", { name: "Xã Quý Sơn".normalize("NFD") }],
    ["a name with extra spaces", { name: " Xã  Quý Sơn" }],
    ["an unknown field", { population: 1000 }],
    ["an unknown level", { level: "galaxy" }],
    ["an empty list of partial successors", { partial_successor_ids: [] }],
    ["successor_unknown false (only true is written)", { successor_unknown: false }],
  ])("rejects %s", (_n, patch) => {
    expect(unitSchema.safeParse(good).success).toBe(true);
    expect(unitSchema.safeParse({ ...good, ...patch }).success).toBe(false);
  });
});

describe("validateUnits", () => {
  const P = u({ id: "P", code: "01", level: "province" });
  it.each<[string, Unit[], string]>([
    ["a duplicate id", [P, u({ id: "P", code: "02", level: "province" })], "Trùng"],
    ["a missing parent", [u({ id: "C", code: "00001", level: "commune", parent_id: "X" })], "không có đơn vị cấp trên"],
    ["a commune without parent", [u({ id: "C", code: "00001", level: "commune" })], "thiếu đơn vị cấp trên"],
    [
      "a parent at a lower level",
      [u({ id: "C", code: "00001", level: "commune", parent_id: "P" }), u({ id: "P", code: "01", level: "province", parent_id: "C" })],
      "cấp cao hơn",
    ],
    [
      "a village under a district",
      [
        P,
        u({ id: "D", code: "001", level: "district", parent_id: "P" }),
        u({ id: "V", code: "00001-A", level: "village", parent_id: "D" }),
      ],
      "thôn phải thuộc một xã",
    ],
    [
      "a child outliving its parent",
      [
        u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01" }),
        u({ id: "C", code: "00001", level: "commune", parent_id: "P" }),
      ],
      "nằm ngoài",
    ],
    [
      "a child older than its parent",
      [
        u({ id: "P", code: "01", level: "province", valid_from: "2010-01-01" }),
        u({ id: "C", code: "00001", level: "commune", parent_id: "P" }),
      ],
      "nằm ngoài",
    ],
    [
      "a missing successor",
      [u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"] })],
      "không có đơn vị kế thừa",
    ],
    [
      "a successor at another level",
      [P, u({ id: "C", code: "00001", level: "commune", parent_id: "P", valid_to: "2020-01-01", successor_ids: ["P"] })],
      "cùng cấp",
    ],
    [
      "a successor that does not exist when the unit ends",
      [
        u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"] }),
        u({ id: "Q", code: "02", level: "province", valid_from: "2021-01-01" }),
      ],
      "còn hiệu lực vào ngày 2020-01-01",
    ],
    ["a successor of a unit still valid", [P, u({ id: "Q", code: "02", level: "province", successor_ids: ["P"] })], "đã có đơn vị kế thừa"],
    [
      "a successor cycle",
      [
        u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"] }),
        u({ id: "Q", code: "02", level: "province", valid_to: "2020-01-01", successor_ids: ["P"] }),
      ],
      "kế thừa tạo thành vòng",
    ],
    [
      "a parent cycle",
      [u({ id: "C", code: "00001", level: "commune", parent_id: "D" }), u({ id: "D", code: "001", level: "district", parent_id: "C" })],
      "cấp trên tạo thành vòng",
    ],
    ["one code for two units at once", [P, u({ id: "Q", code: "01", level: "province", valid_from: "2010-01-01" })], "cùng lúc"],
    ["an end before the start", [u({ id: "P", code: "01", level: "province", valid_to: "1999-01-01" })], "sau ngày bắt đầu"],
    [
      "a partial successor that is not a successor",
      [
        u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"], partial_successor_ids: ["R"] }),
        u({ id: "Q", code: "02", level: "province", valid_from: "2020-01-01" }),
        u({ id: "R", code: "03", level: "province", valid_from: "2020-01-01" }),
      ],
      "nhận một phần nhưng không có trong danh sách đơn vị kế thừa",
    ],
    [
      "an unknown successor of a unit still valid",
      [u({ id: "P", code: "01", level: "province", successor_unknown: true })],
      "không rõ đơn vị kế thừa",
    ],
    [
      "an unknown successor of a unit that has one",
      [
        u({ id: "P", code: "01", level: "province", valid_to: "2020-01-01", successor_ids: ["Q"], successor_unknown: true }),
        u({ id: "Q", code: "02", level: "province", valid_from: "2020-01-01" }),
      ],
      "không rõ đơn vị kế thừa",
    ],
    [
      "an ethnic flag on a commune",
      [P, u({ id: "C", code: "00001", level: "commune", parent_id: "P", ethnic_identity: true })],
      "bản sắc dân tộc",
    ],
  ])("catches %s", (_n, units, fragment) => {
    expect(validateUnits(units).join("\n")).toContain(fragment);
  });

  it("accepts a code reused once the first unit has ended", () => {
    const units = [
      u({ id: "P", code: "01", level: "province", valid_to: "2010-01-01", successor_ids: ["Q"] }),
      u({ id: "Q", code: "01", level: "province", valid_from: "2010-01-01" }),
    ];
    expect(validateUnits(units)).toEqual([]);
  });

  it("catches the pilot data with a commune merged into a unit that does not exist", () => {
    const broken = UNITS.map((x) => (x.id === PILOT.hongGiang ? { ...x, successor_ids: ["C:99999@2025-07-01"] } : x));
    expect(validateUnits(broken)).toEqual([`Xã Hồng Giang (${PILOT.hongGiang}): không có đơn vị kế thừa C:99999@2025-07-01.`]);
  });
});

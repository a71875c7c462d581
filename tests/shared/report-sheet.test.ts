/** "Báo cáo kỳ" (shared/report-sheet.ts): its limits are on the header cells and checked per cell; the document date. */
import { describe, expect, it } from "vitest";
import { NARRATIVE_KEYS, NARRATIVE_LIMITS, reportSheet } from "../../shared/report-sheet";
import { checkWorkbook } from "../../shared/rules/index";
import { headerNote } from "../../shared/template-plan";
import { documentDateVi } from "../../shared/text";
import { TODAY, validWorkbook } from "./fixtures";

const check = (rows: Record<string, unknown>[]) => {
  const wb = { ...validWorkbook(), period_reports: rows };
  return checkWorkbook(wb, { today: TODAY }).issues.filter((i) => i.sheet === "period_reports");
};

describe('"Báo cáo kỳ"', () => {
  it.each(NARRATIVE_KEYS)("%s: its limit is in the header's note, in Vietnamese", (key) => {
    const col = reportSheet.columns[key];
    const note = headerNote("period_reports", col, 1);
    expect(note).toContain(`Tối đa ${NARRATIVE_LIMITS[key].toLocaleString("vi-VN")} ký tự`);
    expect(col.max).toBe(NARRATIVE_LIMITS[key]);
  });

  it.each(NARRATIVE_KEYS)("%s: at the limit is accepted, one character over is an error on that cell", (key) => {
    const max = NARRATIVE_LIMITS[key];
    expect(check([{ period: "P1", [key]: "á".repeat(max) }])).toEqual([]);
    const issues = check([{ period: "P1", [key]: "á".repeat(max + 1), _row: 5 }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: "period_reports", row: 5, column: key, severity: "error" });
    expect(issues[0]!.message_vi).toContain(
      `dài quá ${max.toLocaleString("vi-VN")} ký tự (ô đang có ${(max + 1).toLocaleString("vi-VN")} ký tự)`,
    );
  });

  it("takes months, quarters, halves, years and the plan's phases; not weeks; one row per period", () => {
    for (const period of ["2022-01", "2022-Q1", "2022-H1", "2022", "P1", "p3"])
      expect(check([{ period, results: "x" }]), period).toEqual([]);
    expect(check([{ period: "2022-W03", results: "x" }]).map((i) => i.column)).toEqual(["period"]);
    expect(check([{ results: "x" }]).map((i) => i.code)).toEqual(["required"]);
    const twice = check([
      { period: "P1", results: "a", _row: 2 },
      { period: "p1", results: "b", _row: 3 },
    ]);
    expect(twice.length).toBeGreaterThan(0);
    expect(twice[0]!.row).toBe(3);
  });
});

describe("documentDateVi (Nghị định 30/2020/NĐ-CP: a leading 0 for days below 10 and months 1, 2)", () => {
  it.each([
    ["2021-02-05", "ngày 05 tháng 02 năm 2021"],
    ["2022-01-31", "ngày 31 tháng 01 năm 2022"],
    ["2022-06-07", "ngày 07 tháng 6 năm 2022"],
    ["2022-10-31", "ngày 31 tháng 10 năm 2022"],
    ["2026-12-03", "ngày 03 tháng 12 năm 2026"],
  ])("%s → %s", (iso, text) => expect(documentDateVi(iso)).toBe(text));

  it("refuses what is not a date", () => expect(() => documentDateVi("03/12/2026")).toThrow(RangeError));
});

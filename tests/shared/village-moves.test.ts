/**
 * "Chuyển đổi thôn" (shared/village-moves.ts): how a cell names a successor, and the one check the
 * add-on (on the sheet) and the worker (on the request) both run. Real units: Phường Cống Vị (00007)
 * went in part to Phường Ngọc Hà (00008) and Phường Giảng Võ (00025), conversion-2025-07-01.csv.
 */
import { describe, expect, it } from "vitest";
import { checkVillageMoves, resolveSuccessor, type SuccessorRef, successorChoice } from "../../shared/village-moves";

const NGOC_HA: SuccessorRef = { id: "C:00008@2025-07-01", code: "00008", label: "Phường Ngọc Hà" };
const GIANG_VO: SuccessorRef = { id: "C:00025@2025-07-01", code: "00025", label: "Phường Giảng Võ" };
const SUCCESSORS = [NGOC_HA, GIANG_VO];
const ctx = { commune: "Phường Cống Vị", successors: SUCCESSORS, villages: new Set(["TDP1", "TDP2", "TDP3"]) };

describe("resolveSuccessor", () => {
  it.each([
    ["Phường Ngọc Hà (00008)", NGOC_HA],
    ["  phuong giang vo (00025) ", GIANG_VO],
    ["Phường Giảng Võ", GIANG_VO],
    ["00008", NGOC_HA],
    ["C:00025@2025-07-01", GIANG_VO],
    // NFD input (a name pasted from elsewhere) reads as its NFC form.
    ["Phường Ngọc Hà".normalize("NFD"), NGOC_HA],
  ])("%j → %j", (cell, want) => {
    expect(resolveSuccessor(cell, SUCCESSORS)).toEqual(want);
  });

  it.each([[""], ["  "], ["Chưa rõ"], ["chua ro"], [null]])("%j is not known yet (null)", (cell) => {
    expect(resolveSuccessor(cell, SUCCESSORS)).toBeNull();
  });

  it.each([["Phường Ba Đình (00004)"], ["00004"], ["Phường Vĩnh Phúc"], ["C:00007@2021-02-03"]])("%j is none of the successors", (cell) => {
    expect(resolveSuccessor(cell, SUCCESSORS)).toBeUndefined();
  });

  it("writes a choice as the dropdown shows it", () => {
    expect(SUCCESSORS.map(successorChoice)).toEqual(["Phường Ngọc Hà (00008)", "Phường Giảng Võ (00025)"]);
  });
});

describe("checkVillageMoves", () => {
  it("maps each village (code in capitals) and leaves a blank choice not known yet", () => {
    const { issues, moves } = checkVillageMoves(
      [
        { row: 2, village_code: "tdp1", successor: "Phường Ngọc Hà (00008)" },
        { row: 3, village_code: "TDP2", successor: "Chưa rõ" },
      ],
      ctx,
    );
    expect(issues).toEqual([]);
    expect(moves).toEqual([
      { village_code: "TDP1", successor_id: NGOC_HA.id },
      { village_code: "TDP2", successor_id: null },
    ]);
  });

  it.each([
    [
      { row: 4, village_code: "TDP1", successor: "Phường Ba Đình (00004)" },
      "successor",
      "not_a_successor",
      'Trang "Chuyển đổi thôn", dòng 4, cột "Đơn vị mới": "Phường Ba Đình (00004)" không phải đơn vị nhận một phần Phường Cống Vị theo bảng chuyển đổi ngày 01/07/2025. Chọn một trong: Phường Ngọc Hà (00008); Phường Giảng Võ (00025); Chưa rõ.',
    ],
    [
      { row: 4, village_code: "TDP9", successor: "00008" },
      "village_code",
      "unknown_village",
      'Trang "Chuyển đổi thôn", dòng 4, cột "Mã thôn": Thôn "TDP9" không có trong danh sách thôn của Phường Cống Vị.',
    ],
    [
      { row: 4, village_code: "", successor: "00008" },
      "village_code",
      "required",
      'Trang "Chuyển đổi thôn", dòng 4, cột "Mã thôn": Chưa có mã thôn.',
    ],
    [
      { row: 4, village_code: "TDP3", successor: "00008" },
      "village_code",
      "duplicate",
      'Trang "Chuyển đổi thôn", dòng 4, cột "Mã thôn": Thôn "TDP3" đã có ở dòng 2.',
    ],
  ])("refuses %j on its cell (%s, %s) and maps nothing", (bad, column, code, message) => {
    const { issues, moves } = checkVillageMoves([{ row: 2, village_code: "TDP3", successor: "00025" }, bad], ctx);
    expect(issues).toEqual([{ sheet: null, row: 4, column, code, severity: "error", message_vi: message }]);
    expect(moves).toEqual([]);
  });

  it("checks no village list when the commune's registers are empty (null), and names no row for a request without rows", () => {
    const { issues } = checkVillageMoves([{ row: null, village_code: "X1", successor: "Phường Hoàn Kiếm" }], { ...ctx, villages: null });
    expect(issues.map((i) => [i.row, i.code])).toEqual([[null, "not_a_successor"]]);
    expect(issues[0]!.message_vi).toMatch(/^Trang "Chuyển đổi thôn", cột "Đơn vị mới": /);
  });
});

/** The shared reader: sheet values → checked workbook, for Apps Script values and for Sheets API values. */
import { describe, expect, it } from "vitest";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { readWorkbook, sheetValues } from "../../shared/workbook-read";

const header = (key: SheetKey) => columnsOf(key).map((c) => c.header);
const noDates = { dateToIso: () => "never" };

function empty(): Record<SheetKey, unknown[][] | null> {
  return Object.fromEntries(SHEET_KEYS.map((k) => [k, [header(k)]])) as Record<SheetKey, unknown[][] | null>;
}
const read = (v: Record<SheetKey, unknown[][] | null>) =>
  readWorkbook(Object.fromEntries(SHEET_KEYS.map((k) => [k, sheetValues(k, v[k])])) as never, {
    today: "2022-10-31",
    read: noDates,
  });

describe("readWorkbook", () => {
  it("reads Sheets API values: dates as day numbers (SERIAL_NUMBER), rows shorter than the header", () => {
    const v = empty();
    v.villages = [header("villages"), ["QT", "Thôn Quý Thịnh", "Không"]];
    // values.batchGet leaves out trailing empty cells: the row is shorter than the header.
    v.teams = [header("teams"), ["QT-T1", "Tổ số 1", "QT", 44484]];
    const { result, rows } = read(v);
    expect(rows.teams).toBe(1);
    expect(result.workbook.teams[0]).toMatchObject({ team_code: "QT-T1", founded_on: "2021-10-15" });
    expect(result.workbook.villages[0]).toMatchObject({ village_code: "QT", ethnic_identity: false });
  });

  it("a missing sheet and a missing required column are reported once each, with Vietnamese messages", () => {
    const v = empty();
    v.adhoc = null;
    v.villages = [["Mã thôn", "Tên thôn"]];
    const { result } = read(v);
    expect(result.ok).toBe(false);
    expect(result.issues.filter((i) => i.code === "missing_sheet")).toEqual([
      expect.objectContaining({ sheet: "adhoc", message_vi: `Chưa có trang "${SHEETS.adhoc.title}". Hãy chạy Dân vận → Thiết lập mẫu.` }),
    ]);
    expect(result.issues.filter((i) => i.code === "missing_column")).toEqual([
      expect.objectContaining({ sheet: "villages", column: "ethnic_identity", severity: "error" }),
    ]);
  });
});

/** "Nhập danh sách có sẵn": lists kept as the plan's mẫu 01 and mẫu 02 fill the standard sheets. */
import { beforeAll, describe, expect, it } from "vitest";
import { columnsOf, SHEETS, type SheetKey } from "../../shared/templates";
import type { FakeSheet } from "./double/sheet";
import type { FakeSpreadsheet } from "./double/spreadsheet";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

/** Rows of a standard sheet as objects by column key (header → key by the spec). */
function rows(ss: FakeSpreadsheet, key: SheetKey): Record<string, unknown>[] {
  const [header, ...data] = ss._find(SHEETS[key].title)!._dump();
  const cols = columnsOf(key);
  return data.map((r) => Object.fromEntries(cols.map((c) => [c.key, r[header!.indexOf(c.header)]])));
}

function merge(sheet: FakeSheet, a1: string) {
  (sheet.getRange(a1) as unknown as { merge(): void }).merge();
}

/** Mẫu 02 as the plan prints it, filled in by a village: titles, merged group cells, fillers. */
function mau02(ss: FakeSpreadsheet): FakeSheet {
  const s = ss._sheet("DS hộ Quý Thịnh");
  s._put([
    ["DANH SÁCH"],
    ["Các hộ gia đình phân công phụ trách"],
    ["(Tổ Dân vận Cộng đồng thôn Quý Thịnh)"],
    [],
    [
      "Tên nhóm",
      "Họ và tên người phụ trách các hộ gia đình",
      "Số TT",
      "Họ và tên chủ hộ",
      "Năm sinh",
      "Số nhân khẩu trong gia đình",
      "Ghi chú",
    ],
    ["Tổ số 1", "1. Nguyễn Thị An; 2. Hoàng Văn Bình:", 1, "Trần Văn Xuân", 1969, 4, ""], // row 6
    ["", "", 2, "Thân Văn Sơn", 1975, 3, ""],
    ["", "", 3, "Nguyễn Thị Yến", "1.986", " 5 ", "Hộ cận nghèo"],
    ["", "", 4, "", "", "", ""], // numbered empty row of the printed form
    ["", "", "...", "", "", "", ""],
    [], // row 11: blank
    ["Tổ số 2", "1. Lục Văn Hải; 2. Vi Thị Mai", 1, "Dương Văn Toàn", 1980, 6, ""], // row 12
    ["", "", 2, "", 1990, "", ""], // row 13: no head name
    ["", "", 3, "Giáp Thị Hoa", 1955, 2, "Neo đơn"],
    ["", "", 4, "Trần Văn Xuân", 1969, 2, ""], // same name and year as in Tổ 1, other team: a different household
    ["", "", "...", "", "", "", ""],
    ["Tổ số 3", "", 1, "", "", "", ""], // an empty group of the printed form
    ["", "", "...", "", "", "", ""],
  ]);
  merge(s, "A6:A10");
  merge(s, "B6:B10");
  merge(s, "A12:A16");
  merge(s, "B12:B16");
  return s;
}

/** Mẫu 01 (list attached to the decision) with its two-row header and merged cells. */
function mau01(ss: FakeSpreadsheet): FakeSheet {
  const s = ss._sheet("QĐ thành lập");
  s._put([
    ["DANH SÁCH"],
    ["Các thành viên Tổ Dân vận cộng đồng trên địa bàn xã"],
    ["TT", "Tổ Dân vận cộng đồng", "Tổ", "Người tham gia Tổ Dân vận cộng đồng", "", "", "Chức vụ tham gia Tổ DVCD"], // row 3
    ["", "", "", "STT", "Họ và tên", "Chức vụ hiện tại", ""],
    [1, "Thôn Quý Thịnh", "Tổ 1", 1, "Nguyễn Thị An", "Chi hội trưởng Phụ nữ", "Tổ trưởng"], // row 5
    ["", "", "", 2, "Hoàng Văn Bình", "Trưởng thôn", "Tổ phó"],
    ["", "", "", 3, "Thân Văn Đức", "Bí thư chi đoàn", "tổ viên"],
    ["", "", "Tổ 2", 1, "Lục Văn Hải", "Công an viên", "Tổ trưởng"], // row 8
    ["", "", "", 2, "Vi Thị Mai", "", "TỔ PHÓ"],
    ["", "", "", 3, "", "", "Tổ viên"], // empty seat
    ["", "", "Tổ 3", "", "", "", ""], // a team with nobody yet
    [2, "Thôn Ngọt", "Tổ 1", 1, "Hà Văn Thắng", "Trưởng thôn", "Tổ trưởng"], // row 12
    ["", "", "", 2, "Lý Thị Nga", "", "Tổ phó"],
    ["", "", "", 3, "Đỗ Văn Nam", "", "Tổ viên"],
  ]);
  merge(s, "D3:F3");
  merge(s, "A5:A11");
  merge(s, "B5:B11");
  merge(s, "C5:C7");
  merge(s, "C8:C10");
  return s;
}

interface Report {
  ok: boolean;
  kind: string;
  added: Record<string, number>;
  skipped: { row: number | null; reason: string }[];
  problems: { row: number | null; reason: string }[];
  reminders: string[];
  text: string;
}

describe("Nhập danh sách có sẵn", () => {
  it("reads a mẫu 02 household list into Thôn, Tổ, Thành viên and Hộ gia đình", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    mau02(ss);
    const options = plain(addon.getImportOptions());
    expect(options.sources).toEqual(["Trang tính1", "DS hộ Quý Thịnh"]);

    gas.counter.reset();
    const r = plain(addon.importList("DS hộ Quý Thịnh", { village_name: "Thôn Quý Thịnh" })) as Report;
    expect(r.ok).toBe(true);
    expect(r.kind).toBe("mau02");
    expect(r.added).toEqual({ villages: 1, teams: 2, members: 4, households: 6 });
    expect(r.problems).toEqual([{ row: 13, reason: expect.stringContaining("thiếu họ và tên chủ hộ") }]);
    expect(r.skipped).toEqual([]);
    expect(r.text).toContain('Đã đọc danh sách hộ gia đình (mẫu 02) từ trang "DS hộ Quý Thịnh"');
    expect(r.text).toContain("Dòng 13:");
    // The old list has no Zalo column: "Chưa rõ" (unknown), said in the report, not 6 blank required cells.
    expect(r.reminders.join("\n")).toContain('cột "Tham gia nhóm Zalo" của 6 hộ mới ghi "Chưa rõ" vì danh sách cũ không có thông tin này');
    // The source sheet is read with one getValues.
    expect(gas.counter.get("Sheet.getDataRange")).toBeGreaterThan(0);

    expect(rows(ss, "villages")).toEqual([{ village_code: "QT", village_name: "Thôn Quý Thịnh", ethnic_identity: "" }]);
    expect(rows(ss, "teams").map((t) => [t.team_code, t.team_name, t.village_code])).toEqual([
      ["QT-T1", "Tổ số 1", "QT"],
      ["QT-T2", "Tổ số 2", "QT"],
    ]);
    expect(rows(ss, "members").map((m) => [m.team_code, m.member_no, m.full_name, m.role])).toEqual([
      ["QT-T1", 1, "Nguyễn Thị An", ""],
      ["QT-T1", 2, "Hoàng Văn Bình", ""],
      ["QT-T2", 1, "Lục Văn Hải", ""],
      ["QT-T2", 2, "Vi Thị Mai", ""],
    ]);
    const hh = rows(ss, "households");
    expect(
      hh.map((h) => [h.household_code, h.team_code, h.responsible, h.household_no, h.head_name, h.birth_year, h.members_count, h.note]),
    ).toEqual([
      ["QT-0001", "QT-T1", "Nguyễn Thị An; Hoàng Văn Bình", 1, "Trần Văn Xuân", 1969, 4, ""],
      ["QT-0002", "QT-T1", "Nguyễn Thị An; Hoàng Văn Bình", 2, "Thân Văn Sơn", 1975, 3, ""],
      ["QT-0003", "QT-T1", "Nguyễn Thị An; Hoàng Văn Bình", 3, "Nguyễn Thị Yến", 1986, 5, "Hộ cận nghèo"],
      ["QT-0004", "QT-T2", "Lục Văn Hải; Vi Thị Mai", 1, "Dương Văn Toàn", 1980, 6, ""],
      ["QT-0005", "QT-T2", "Lục Văn Hải; Vi Thị Mai", 3, "Giáp Thị Hoa", 1955, 2, "Neo đơn"],
      ["QT-0006", "QT-T2", "Lục Văn Hải; Vi Thị Mai", 4, "Trần Văn Xuân", 1969, 2, ""],
    ]);
    expect(hh.map((h) => h.in_zalo)).toEqual(Array(6).fill("Chưa rõ"));

    // Importing again adds nothing: every household is already there.
    const again = plain(addon.importList("DS hộ Quý Thịnh", { village_code: "QT" })) as Report;
    expect(again.added).toEqual({ villages: 0, teams: 0, members: 0, households: 0 });
    expect(again.skipped).toHaveLength(6);
    expect(again.skipped[0]!.reason).toContain("đã có trong tổ QT-T1");
    expect(rows(ss, "households")).toHaveLength(6);
  });

  it("reads a mẫu 01 member list, then a mẫu 02 list reuses its villages, teams and members", () => {
    const { ss, addon } = setupEnv(bundle);
    mau01(ss);
    mau02(ss);
    const r1 = plain(addon.importList("QĐ thành lập")) as Report;
    expect(r1.kind).toBe("mau01");
    expect(r1.added).toEqual({ villages: 2, teams: 3, members: 8, households: 0 });
    expect(r1.problems).toEqual([]);
    expect(r1.skipped).toEqual([{ row: 11, reason: expect.stringContaining("Tổ 3 (Thôn Quý Thịnh) chưa có thành viên") }]);
    expect(rows(ss, "villages").map((v) => [v.village_code, v.village_name])).toEqual([
      ["QT", "Thôn Quý Thịnh"],
      ["NGO", "Thôn Ngọt"],
    ]);
    expect(rows(ss, "teams").map((t) => [t.team_code, t.team_name, t.village_code])).toEqual([
      ["QT-T1", "Tổ 1", "QT"],
      ["QT-T2", "Tổ 2", "QT"],
      ["NGO-T1", "Tổ 1", "NGO"],
    ]);
    expect(rows(ss, "members").map((m) => [m.team_code, m.member_no, m.full_name, m.current_position, m.role])).toEqual([
      ["QT-T1", 1, "Nguyễn Thị An", "Chi hội trưởng Phụ nữ", "Tổ trưởng"],
      ["QT-T1", 2, "Hoàng Văn Bình", "Trưởng thôn", "Tổ phó"],
      ["QT-T1", 3, "Thân Văn Đức", "Bí thư chi đoàn", "Tổ viên"],
      ["QT-T2", 1, "Lục Văn Hải", "Công an viên", "Tổ trưởng"],
      ["QT-T2", 2, "Vi Thị Mai", "", "Tổ phó"],
      ["NGO-T1", 1, "Hà Văn Thắng", "Trưởng thôn", "Tổ trưởng"],
      ["NGO-T1", 2, "Lý Thị Nga", "", "Tổ phó"],
      ["NGO-T1", 3, "Đỗ Văn Nam", "", "Tổ viên"],
    ]);

    const r2 = plain(addon.importList("DS hộ Quý Thịnh", { village_code: "QT" })) as Report;
    expect(r2.added).toEqual({ villages: 0, teams: 0, members: 0, households: 6 });
    expect(new Set(rows(ss, "households").map((h) => h.team_code))).toEqual(new Set(["QT-T1", "QT-T2"]));
  });

  it("says so when a sheet is neither mẫu 01 nor mẫu 02, and refuses template sheets", () => {
    const { ss, addon } = setupEnv(bundle);
    ss._sheet("Ghi chép")._put([["Họp chi bộ ngày 5/10"], ["Nội dung", "Ghi chú"]]);
    const r = plain(addon.importList("Ghi chép")) as Report;
    expect(r.ok).toBe(false);
    expect(r.text).toContain("không có dòng tiêu đề của mẫu 01");
    const t = plain(addon.importList("Hộ gia đình (mẫu 02)")) as Report;
    expect(t.ok).toBe(false);
    expect(t.text).toContain("là trang mẫu của tiện ích");
  });
});

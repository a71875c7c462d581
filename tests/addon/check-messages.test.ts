/**
 * What a clerk sees when checking lists imported from the old mẫu 01 / mẫu 02 (issue 17), through the
 * built bundle on the Sheets double: a team with an error is not a missing team, counts are of the
 * rows on the sheet, names and short years say what is wrong, and Zalo answers the old lists never
 * had are "Chưa rõ" — filled at import, or in one click from the sidebar.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SHEETS } from "../../shared/templates";
import type { FakeSheet } from "./double/sheet";
import type { FakeSpreadsheet } from "./double/spreadsheet";
import { dateCell, putWorkbook, register, setCommune, setConnection } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

interface Item {
  severity: string;
  text: string;
  a1: string | null;
}
interface Summary {
  errors: number;
  warnings: number;
  unknownFill: number;
  sheets: { key: string; errors: number; warnings: number; items: Item[] }[];
}
const itemsOf = (s: Summary, key: string) => s.sheets.find((x) => x.key === key)!.items;
const allItems = (s: Summary) => s.sheets.flatMap((x) => x.items.map((i) => ({ ...i, sheet: x.key })));

/** A column's cells from row 2 down, by header. */
function column(ss: FakeSpreadsheet, key: keyof typeof SHEETS, header: string): unknown[] {
  const [head, ...rows] = ss._find(SHEETS[key].title)!._dump();
  return rows.map((r) => r[head!.indexOf(header)]);
}

function sheet(ss: FakeSpreadsheet, key: keyof typeof SHEETS): FakeSheet {
  return ss._find(SHEETS[key].title)!;
}

/** The member list attached to a founding decision (mẫu 01): one village, two teams of three. */
function mau01(ss: FakeSpreadsheet) {
  ss._sheet("QĐ thành lập")._put([
    ["DANH SÁCH"],
    ["TT", "Tổ Dân vận cộng đồng", "Tổ", "Người tham gia Tổ Dân vận cộng đồng", "", "", "Chức vụ tham gia Tổ DVCD"],
    ["", "", "", "STT", "Họ và tên", "Chức vụ hiện tại", ""],
    [1, "Thôn Quý Thịnh", "Tổ 1", 1, "Nguyễn Thị An", "Chi hội trưởng Phụ nữ", "Tổ trưởng"],
    ["", "", "", 2, "Hoàng Văn Bình", "Trưởng thôn", "Tổ phó"],
    ["", "", "", 3, "Thân Văn Đức", "Bí thư chi đoàn", "Tổ viên"],
    ["", "", "Tổ 2", 1, "Lục Văn Hải", "Công an viên", "Tổ trưởng"],
    ["", "", "", 2, "Vi Thị Mai", "", "Tổ phó"],
    ["", "", "", 3, "Đỗ Văn Nam", "", "Tổ viên"],
  ]);
}

/** The household list of Tổ 1 (mẫu 02): six households, three of them with a mistake. */
function mau02(ss: FakeSpreadsheet) {
  ss._sheet("DS hộ")._put([
    ["DANH SÁCH"],
    [
      "Tên nhóm",
      "Họ và tên người phụ trách các hộ gia đình",
      "Số TT",
      "Họ và tên chủ hộ",
      "Năm sinh",
      "Số nhân khẩu trong gia đình",
      "Ghi chú",
    ],
    ["Tổ 1", "Nguyễn Thị An; Hoàng Văn Bình", 1, "Trần Văn Xuân", 1969, 4, ""],
    ["", "", 2, "Thân Văn Sơn", 75, 3, ""], // year in 2 digits
    ["", "", 3, "x", 1986, 5, ""], // not a name
    ["", "", 4, "Dương Văn Toàn", 1980, 0, ""], // no people
    ["", "", 5, "Giáp Thị Hoa", 1955, 2, ""],
    ["", "", 6, "Lý Văn Tư", 1990, 6, ""],
  ]);
  (ss._find("DS hộ")!.getRange("A3:A8") as unknown as { merge(): void }).merge();
  (ss._find("DS hộ")!.getRange("B3:B8") as unknown as { merge(): void }).merge();
}

describe("checking imported lists (issue 17)", () => {
  it("a team lacking its founding date is told once, on its cell; its members are not told it is missing", () => {
    const { ss, addon } = setupEnv(bundle);
    mau01(ss);
    expect(plain(addon.importList("QĐ thành lập")).added).toEqual({ villages: 1, teams: 2, members: 6, households: 0 });
    const s = plain(addon.runCheckNow()) as Summary;
    expect(allItems(s).filter((i) => i.text.includes("Không có tổ mã"))).toEqual([]);
    expect(itemsOf(s, "members")).toEqual([]);
    expect(itemsOf(s, "teams").map((i) => [i.a1, i.text])).toEqual([
      ["D2", 'Trang "Tổ", dòng 2, cột "Ngày thành lập": Chưa nhập "Ngày thành lập".'],
      ["D3", 'Trang "Tổ", dòng 3, cột "Ngày thành lập": Chưa nhập "Ngày thành lập".'],
    ]);
    // The member rows are not marked; the founding-date cells are.
    expect(
      sheet(ss, "members")
        .backgrounds.rows.slice(1)
        .flat()
        .filter((c) => c && c !== "#ffffff"),
    ).toEqual([]);
    expect(sheet(ss, "teams").backgrounds.get(1, 3)).toBe("#f4cccc");
  });

  it("counts the households the clerk sees, says what is wrong with a name and a 2-digit year, and fills no Zalo cell as blank", () => {
    const { ss, addon } = setupEnv(bundle);
    mau01(ss);
    addon.importList("QĐ thành lập");
    mau02(ss);
    const r = plain(addon.importList("DS hộ", { village_code: "QT" }));
    expect(r.added.households).toBe(6);
    // The clerk completes what the old lists lacked: the village's task, the teams' founding dates.
    sheet(ss, "villages")._put([["Không"]], 2, 3);
    sheet(ss, "teams")._put([[dateCell("2021-10-15")], [dateCell("2021-10-15")]], 2, 4);
    const s = plain(addon.runCheckNow()) as Summary;

    const hh = itemsOf(s, "households");
    expect(hh.map((i) => i.a1)).toEqual(["F3", "E4", "G5"]);
    expect(hh[0]!.text).toContain('"Năm sinh" phải ghi đủ 4 chữ số (từ 1900 đến 2100): "75" có phải là năm 1975?');
    expect(hh[1]!.text).toContain('"Họ và tên chủ hộ" quá ngắn ("x")');
    expect(column(ss, "households", "Năm sinh")[1]).toBe(75); // never changed silently
    // Tổ 1 has six households on the sheet (three with errors): warned as six.
    const size = itemsOf(s, "teams").find((i) => i.text.includes("phụ trách"))!;
    expect(size.text).toContain('Tổ "Tổ 1" phụ trách 6 hộ');
    // The Zalo column the old list never had reads "Chưa rõ": no required cell, nothing to fill.
    expect(column(ss, "households", "Tham gia nhóm Zalo")).toEqual(Array(6).fill("Chưa rõ"));
    expect(allItems(s).filter((i) => i.text.includes("Tham gia nhóm Zalo"))).toEqual([]);
    expect(s.unknownFill).toBe(0);
  });

  it("tells a formula pasted as a name for what it is, and asks for a full name by a warning", () => {
    const { ss, addon } = setupEnv(bundle);
    putWorkbook(ss, register());
    const heads = sheet(ss, "households");
    heads._put([['=HYPERLINK("http://127.0.0.1/x","Bấm vào đây")'], ["Hoa"]], 2, 5);
    const s = plain(addon.runCheckNow()) as Summary;
    expect(itemsOf(s, "households").map((i) => [i.severity, i.a1, i.text.replace(/^Trang [^:]+: /, "")])).toEqual([
      [
        "error",
        "E2",
        '"Họ và tên chủ hộ" là một công thức ("=HYPERLINK("http://127.0.0.1/x","Bấm vào…"), không phải họ tên: hãy gõ họ tên bằng chữ.',
      ],
      ["warning", "E3", '"Họ và tên chủ hộ" mới có một từ ("Hoa"): hãy ghi đủ họ và tên, ví dụ Nguyễn Văn An.'],
    ]);
  });
});

describe('the one-click "Chưa rõ" fill', () => {
  it("offers it for blank Zalo cells, fills them in one write, and the envelope says unknown", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    putWorkbook(ss, register());
    setCommune(ss);
    setConnection(ss, "https://dan-van.example.workers.dev", `dvc_${"cd".repeat(16)}`);
    const hh = sheet(ss, "households");
    hh._put([[""], [""], [""], [""]], 2, 8); // rows 2–5: typed by hand, Zalo left blank
    addon.menuCheck();
    const sidebar = gas.ui.sidebars.at(-1)!;
    const data = sidebar._data<Summary>();
    expect(data.errors).toBe(4);
    expect(data.unknownFill).toBe(4);
    expect(sidebar.getContent()).toContain(".fillUnknownAndCheck()");

    gas.counter.reset();
    const after = plain(addon.fillUnknownAndCheck()) as Summary;
    expect(after.errors).toBe(0);
    expect(after.unknownFill).toBe(0);
    expect(column(ss, "households", "Tham gia nhóm Zalo").slice(0, 6)).toEqual(["Chưa rõ", "Chưa rõ", "Chưa rõ", "Chưa rõ", "Có", "Có"]);
    // One write of the Zalo column; its dropdown now offers "Chưa rõ".
    expect(gas.counter.get("Range.setValues")).toBe(1);
    expect(hh.validations.get(1, 7)!.args[0]).toEqual(["Có", "Không", "Chưa rõ"]);

    gas.fetchHandler = () => ({ status: 503, body: "{}" });
    addon.menuSubmit();
    const sent = JSON.parse(gas.requests.at(-1)!.payload) as { sheets: { households: { in_zalo: boolean | null }[] } };
    expect(sent.sheets.households.slice(0, 5).map((h) => h.in_zalo)).toEqual([null, null, null, null, true]);
  });

  it("leaves empty rows empty", () => {
    const { ss, addon } = setupEnv(bundle);
    putWorkbook(ss, register({ villages: 1, householdsPerTeam: 30 }));
    const hh = sheet(ss, "households");
    hh._put([[""]], 2, 8);
    const before = hh._dump().length;
    addon.fillUnknownAndCheck();
    expect(hh._dump()).toHaveLength(before);
    expect(column(ss, "households", "Tham gia nhóm Zalo")[0]).toBe("Chưa rõ");
    expect(hh.values.get(before, 7)).toBe(""); // the row after the data
  });
});

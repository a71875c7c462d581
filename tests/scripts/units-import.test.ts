/**
 * The importer of `npm run units:build` (scripts/units) on small files written like the statistics
 * office's: title rows, section rows, quoted names and notes spanning lines, a code reused with a new
 * meaning, a part merge, a unit that vanished; and malformed or truncated files, which stop the build
 * with the file and the line.
 */
import { describe, expect, it } from "vitest";
import { noteIsPart, parseConversion } from "../../scripts/units/conversion";
import { SourceError } from "../../scripts/units/csv";
import { buildHistory } from "../../scripts/units/history";
import { parseCommuneList } from "../../scripts/units/lists";
import { UnitRegistry, validateUnits } from "../../shared/units";

const LIST_HEAD = "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh\n";
const LIST_2021 = `${LIST_HEAD}Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Trúc Bạch,00004,Phường,
Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Cống Vị,00007,Phường,
Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Ngọc Hà,00016,Phường,
Tỉnh Bắc Giang,24,Huyện Lục Ngạn,219,Thị trấn Chũ,07525,Thị trấn,
Tỉnh Bắc Giang,24,Huyện Lục Ngạn,219,Xã Tân Sơn,07531,Xã,
Tỉnh Bắc Giang,24,Huyện Lục Ngạn,219,Xã Hồng Giang,07561,Xã,Hong Giang Commune
`;
const LIST_2025 = `${LIST_HEAD}Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Trúc Bạch,00004,Phường,
Thành phố Hà Nội,01,Quận Ba Đình,001,Phường  Ngọc Hà,00016,Phường,
Tỉnh Bắc Giang,24,Huyện Lục Ngạn,219,Xã Tân Sơn,07531,Xã,
Tỉnh Bắc Giang,24,Thị xã Chũ,224,Phường Chũ,07525,Phường,
Tỉnh Bắc Giang,24,Thị Xã Chũ,224,Phường Hồng Giang,07561,Phường,
`;
const CONV_HEAD = `Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,
"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,
`;
/** Lines 3–12 (a quoted note spans 5–6, a quoted name 7–8). */
const CONV = `${CONV_HEAD}THÀNH PHỐ HÀ NỘI  ,,,,,,,,
Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Trúc Bạch,00004,Nhập toàn bộ,Quận Ba Đình (001),Thành phố Hà Nội (01),
Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Ngọc Hà,00016,"Nhập một phần
",Quận Ba Đình (001),Thành phố Hà Nội (01),
Thành phố Hà Nội (01),"Phường Ngọc Hà
",00008,Phường Ngọc Hà,00016,Nhập một phần,Quận Ba Đình (001),Thành phố Hà Nội (01),
BẮC NINH,,,,,,,,
Tỉnh Bắc Ninh (24),Phường Chũ,07525,Phường Chũ,07525,Nhập toàn bộ,Thị Xã Chũ (224),Tỉnh Bắc Giang (24),
Tỉnh Bắc Ninh (24),Phường Chũ,07525,Phường Hồng Giang,07561,Nhập toàn bộ,Thị xã Chũ (224),Tỉnh Bắc Giang (24),
Tỉnh Bắc Ninh (24),,,,,,,,
`;
const SIZE = { provinces: 2, communes: 3 };

const history = (conv = CONV) =>
  buildHistory({
    first: parseCommuneList("l2021.csv", LIST_2021),
    second: parseCommuneList("l2025.csv", LIST_2025),
    conversion: { file: "conv.csv", rows: parseConversion("conv.csv", conv, SIZE) },
  });

function errorOf(f: () => unknown): SourceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("parseConversion", () => {
  it("skips title, section and empty rows, reads quoted cells over lines, and keeps each row's first line", () => {
    const rows = parseConversion("conv.csv", CONV, SIZE);
    expect(rows.map((r) => [r.line, r.commune.code, r.commune.name, r.old.code, r.part])).toEqual([
      [4, "00004", "Phường Ba Đình", "00004", false],
      [5, "00004", "Phường Ba Đình", "00016", true],
      [7, "00008", "Phường Ngọc Hà", "00016", true],
      [10, "07525", "Phường Chũ", "07525", false],
      [11, "07525", "Phường Chũ", "07561", false],
    ]);
    expect(rows[3]).toMatchObject({
      province: { code: "24", name: "Tỉnh Bắc Ninh", kind_vi: "tỉnh" },
      old: { district_code: "224", province_code: "24" },
    });
  });

  it.each([
    ["Nhập toàn bộ", false],
    ["Giữ nguyên ", false],
    ["Đổi tên", false],
    ["Đổi loại hình", false],
    ["Nhập toàn bộ diện tích", false],
    ["Sắp xếp toàn bộ huyện Côn Đảo thành đặc khu Côn Đảo", false],
    ["Nhập một phần", true],
    ["Nhập một  phần", true],
    ["Nhập một phần\n", true],
    ["Nhâp một phần diện tích", true],
    ["Nhập một phần diện tích, toàn bộ dân số", true],
    ["Nhập một phần dân số", true],
    ["Phần còn lại sau khi tách một phần vào xã Canh Vinh", true],
    ["Đổi tên, đổi loại hình từ một phần thị trấn Lai Uyên", true],
    ["Sáp nhập", null],
    ["", null],
  ])("note %j → part %s", (note, part) => {
    expect(noteIsPart(note)).toBe(part);
  });

  const broken: [string, string, number, RegExp][] = [
    ["cut inside a quoted cell (truncated file)", CONV.slice(0, CONV.indexOf("Phường Ngọc Hà\n") + 5), 7, /ngoặc kép mà không đóng/],
    ["cut at the end of a line", CONV.slice(0, CONV.indexOf("BẮC NINH")), 8, /1 tỉnh và 2 xã mới; phải có 2 tỉnh và 3 xã — tệp bị cắt cụt/],
    ["a row of another width", CONV.replace(",Nhập toàn bộ,Thị xã Chũ (224),Tỉnh Bắc Giang (24),", ",Nhập toàn bộ"), 11, /số cột/],
    ["a stray quote", CONV.replace("Phường Trúc Bạch,00004", 'Phường "Trúc" Bạch,00004'), 4, /ngoặc kép/],
    ["a new code of 4 digits", CONV.replace("Phường Chũ,07525,Phường Hồng", "Phường Chũ,0752,Phường Hồng"), 11, /mã xã mới "0752"/],
    ["an unknown note", CONV.replace("Nhập toàn bộ,Thị xã", "Sáp nhập,Thị xã"), 11, /ghi chú "Sáp nhập" không rõ/],
    [
      "a province cell without code",
      CONV.replace("Tỉnh Bắc Ninh (24),Phường Chũ,07525,Phường Hồng", "Tỉnh Bắc Ninh,Phường Chũ,07525,Phường Hồng"),
      11,
      /ô tỉnh/,
    ],
    [
      "one new code with two names",
      CONV.replace("Tỉnh Bắc Ninh (24),Phường Chũ,07525,Phường Hồng", "Tỉnh Bắc Ninh (24),Phường Lục Ngạn,07525,Phường Hồng"),
      11,
      /dòng 10/,
    ],
    ["a missing title row", CONV.slice(CONV.indexOf("\n") + 1), 2, /dòng tiêu đề/],
  ];
  it.each(broken)("stops on %s, naming the line", (_what, text, line, message) => {
    const e = errorOf(() => parseConversion("conv.csv", text, SIZE));
    expect([e.file, e.line]).toEqual(["conv.csv", line]);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`conv.csv, dòng ${line}: `)).toBe(true);
  });
});

describe("parseCommuneList", () => {
  it("makes names uniform (NFC, spaces, the kind spelled one way) and reads each row's line", () => {
    const list = parseCommuneList("l2025.csv", LIST_2025.normalize("NFD"));
    expect(list.rows.map((r) => [r.line, r.district.name, r.commune?.name])).toEqual([
      [2, "Quận Ba Đình", "Phường Trúc Bạch"],
      [3, "Quận Ba Đình", "Phường Ngọc Hà"],
      [4, "Huyện Lục Ngạn", "Xã Tân Sơn"],
      [5, "Thị xã Chũ", "Phường Chũ"],
      [6, "Thị xã Chũ", "Phường Hồng Giang"],
    ]);
  });

  it("takes the name's kind over a contradicting 'Cấp' column, and reports it", () => {
    const list = parseCommuneList("l.csv", `${LIST_HEAD}Tỉnh Lào Cai,10,Thị xã Sa Pa,088,Phường Hàm Rồng,03016,Xã,\n`);
    expect(list.rows[0]?.commune).toEqual({ code: "03016", name: "Phường Hàm Rồng", kind_vi: "phường" });
    expect(list.corrections).toEqual(['l.csv, dòng 2: "Phường Hàm Rồng" ghi cấp "Xã"; lấy theo tên (phường).']);
  });

  it.each([
    [
      "a province code of 3 digits",
      LIST_2021.replace("Tỉnh Bắc Giang,24,Huyện Lục Ngạn,219,Xã Tân", "Tỉnh Bắc Giang,024,Huyện Lục Ngạn,219,Xã Tân"),
      6,
      /mã tỉnh "024"/,
    ],
    ["a commune code of 4 digits", LIST_2021.replace("Phường Cống Vị,00007", "Phường Cống Vị,0007"), 3, /mã xã "0007"/],
    ["an unknown level", LIST_2021.replace("Xã Tân Sơn,07531,Xã", "Xã Tân Sơn,07531,Làng"), 6, /cấp "Làng"/],
    ["a wrong header", LIST_2021.replace("Mã PX", "Mã"), 1, /dòng tiêu đề/],
  ])("stops on %s, naming the line", (_what, text, line, message) => {
    const e = errorOf(() => parseCommuneList("l2021.csv", text));
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });
});

describe("buildHistory", () => {
  const { units, report } = history();
  const reg = new UnitRegistry(units);

  it("gives a consistent unit set", () => {
    expect(validateUnits(units)).toEqual([]);
  });

  it("keeps a reused code as distinct units, found by date", () => {
    expect(reg.findByCode("00004", "commune", "2025-06-30")?.name).toBe("Phường Trúc Bạch");
    expect(reg.findByCode("00004", "commune", "2025-07-01")?.name).toBe("Phường Ba Đình");
    expect(reg.findByCode("07525", "commune", "2024-12-31")?.id).toBe("C:07525@2021-02-03");
    expect(reg.findByCode("07525", "commune", "2025-01-01")?.id).toBe("C:07525@2025-01-01");
    expect(reg.findByCode("07525", "commune", "2025-07-01")?.id).toBe("C:07525@2025-07-01");
  });

  it("versions a unit whose name, kind or parent changed between the lists, on 2025-01-01", () => {
    expect(reg.get("C:07561@2021-02-03")).toMatchObject({
      name: "Xã Hồng Giang",
      parent_id: "D:219@2021-02-03",
      valid_to: "2025-01-01",
      successor_ids: ["C:07561@2025-01-01"],
    });
    expect(reg.get("C:07561@2025-01-01")).toMatchObject({
      name: "Phường Hồng Giang",
      kind_vi: "phường",
      parent_id: "D:224@2025-01-01",
      successor_ids: ["C:07525@2025-07-01"],
    });
    // Same name, kind and parent (only spaces differ): one unit through both lists.
    expect(reg.get("C:00016@2021-02-03")?.valid_to).toBe("2025-07-01");
    expect(reg.get("D:224@2025-01-01")?.name).toBe("Thị xã Chũ");
  });

  it("keeps whole and part links of the conversion", () => {
    expect(reg.get("C:00004@2021-02-03")).toMatchObject({ successor_ids: ["C:00004@2025-07-01"] });
    expect(reg.get("C:00004@2021-02-03")?.partial_successor_ids).toBeUndefined();
    expect(reg.get("C:00016@2021-02-03")).toMatchObject({
      successor_ids: ["C:00004@2025-07-01", "C:00008@2025-07-01"],
      partial_successor_ids: ["C:00004@2025-07-01", "C:00008@2025-07-01"],
    });
  });

  it("ends units without a known successor, and says so", () => {
    expect(reg.get("C:00007@2021-02-03")).toMatchObject({ valid_to: "2025-01-01", successor_ids: [], successor_unknown: true });
    expect(reg.get("C:07531@2021-02-03")).toMatchObject({ valid_to: "2025-07-01", successor_ids: [], successor_unknown: true });
    expect(report.ended_unknown).toEqual({
      "2025-01-01": ["Phường Cống Vị (C:00007@2021-02-03)"],
      "2025-07-01": ["Xã Tân Sơn (C:07531@2021-02-03)"],
    });
    // Districts end with the tier: abolished, not unknown.
    expect(reg.get("D:219@2021-02-03")).toMatchObject({ valid_to: "2025-07-01", successor_ids: [] });
    expect(reg.get("D:219@2021-02-03")?.successor_unknown).toBeUndefined();
  });

  it("continues a province the reform left alone and versions a merged one", () => {
    expect(reg.get("P:01@2021-02-03")?.valid_to).toBeNull();
    expect(reg.get("C:00008@2025-07-01")?.parent_id).toBe("P:01@2021-02-03");
    expect(reg.get("P:24@2021-02-03")).toMatchObject({
      name: "Tỉnh Bắc Giang",
      valid_to: "2025-07-01",
      successor_ids: ["P:24@2025-07-01"],
    });
    expect(reg.get("P:24@2025-07-01")?.name).toBe("Tỉnh Bắc Ninh");
  });

  it("reads an old code the 2025 list lacks as the same-named unit of that district (a typo), and reports it", () => {
    const typo = CONV.replace("Phường Hồng Giang,07561", "Phường Hồng Giang,07651");
    const r = history(typo);
    expect(new UnitRegistry(r.units).get("C:07561@2025-01-01")?.successor_ids).toEqual(["C:07525@2025-07-01"]);
    expect(r.report.corrections).toEqual([
      'conv.csv, dòng 11: mã cũ 07651 "Phường Hồng Giang" không có trong danh sách 2025-01-04; dùng 07561 cùng tên, cùng huyện, không dòng nào khác ghi.',
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { readDate, readNumber, splitNames } from "../../shared/cells";
import { householdSchema, memberSchema, teamSchema, weeklyReportSchema } from "../../shared/schemas";
import { columnsOf, SHEET_KEYS, SHEETS } from "../../shared/templates";

const household = {
  household_code: "QT-0001",
  team_code: "QT-T1",
  responsible: "1. Nguyễn Thị An; 2. Hoàng Văn Bình:",
  household_no: 1,
  head_name: "Trần Văn Xuyên",
  birth_year: 1969,
  members_count: 4,
  in_zalo: "Có",
};

describe("readNumber", () => {
  it.each([
    ["1.975", 1975],
    ["1,975", 1975],
    [" 4 ", 4],
    ["12 345", 12345],
    ["4.5", 4.5],
    [7, 7],
    ["bốn", "bốn"],
    ["1.97", 1.97],
  ])("%j → %j", (input, expected) => {
    expect(readNumber(input)).toEqual(expected);
  });
});

describe("readDate", () => {
  it.each([
    ["2022-01-05", "2022-01-05"],
    ["05/01/2022", "2022-01-05"],
    ["5/1/2022", "2022-01-05"],
    ["5-1-2022", "2022-01-05"],
    [" 31/12/2021 ", "2021-12-31"],
    [44566, "2022-01-05"], // Sheets serial day number
    [new Date("2022-01-04T17:30:00Z"), "2022-01-05"], // 00:30 on 5 Jan in Vietnam
    ["31/02/2022", "31/02/2022"], // not a date: left for the schema to refuse
    ["hôm qua", "hôm qua"],
  ])("%j → %j", (input, expected) => {
    expect(readDate(input)).toBe(expected);
  });
});

describe("splitNames", () => {
  it.each([
    ["1. Nguyễn Thị A; 2. Hoàng Văn B:", ["Nguyễn Thị A", "Hoàng Văn B"]],
    ["Nguyễn Thị A\nHoàng Văn B", ["Nguyễn Thị A", "Hoàng Văn B"]],
    ["1) Lê  Văn   C , 2) Đỗ Thị D.", ["Lê Văn C", "Đỗ Thị D"]],
    ["  ", []],
  ])("%j", (input, expected) => {
    expect(splitNames(input)).toEqual(expected);
  });
});

describe("household row schema", () => {
  it("normalises a row typed by a clerk", () => {
    const r = householdSchema.parse({
      ...household,
      head_name: "  Tra\u0302\u0300n   Văn Xuyên ", // NFD + extra spaces
      birth_year: "1.969",
      members_count: " 4 ",
      in_zalo: "co",
      team_code: "qt-t1",
    });
    expect(r.head_name).toBe("Trần Văn Xuyên");
    expect(r.head_name.normalize("NFC")).toBe(r.head_name);
    expect(r.birth_year).toBe(1969);
    expect(r.members_count).toBe(4);
    expect(r.in_zalo).toBe(true);
    expect(r.team_code).toBe("QT-T1");
    expect(r.responsible).toEqual(["Nguyễn Thị An", "Hoàng Văn Bình"]);
  });

  it("parses its own output to the same value (the worker re-validates what the add-on sent)", () => {
    const once = householdSchema.parse(household);
    expect(householdSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it.each([
    ["birth_year", 75, "out_of_range", "Năm sinh"],
    ["birth_year", "1975a", "invalid_type", "Năm sinh"],
    ["birth_year", 1975.5, "invalid_type", "số nguyên"],
    ["members_count", 0, "out_of_range", "từ 1 đến 30"],
    ["members_count", 31, "out_of_range", "từ 1 đến 30"],
    ["members_count", -2, "out_of_range", "từ 1 đến 30"],
    ["head_name", "", "required", "Chưa nhập"],
    ["head_name", "Nguyễn Văn 2", "invalid_format", "không có số"],
    ["in_zalo", "có lẽ", "invalid_type", "Có"],
    ["team_code", "Tổ 1", "invalid_format", "không dấu"],
    ["responsible", "1. ; 2. ", "out_of_range", "Chưa nhập"],
  ])("%s = %j is refused (%s) with a Vietnamese message", (column, value, _code, fragment) => {
    const r = householdSchema.safeParse({ ...household, [column]: value });
    expect(r.success).toBe(false);
    const iss = r.error!.issues.find((i) => i.path[0] === column);
    expect(iss?.message).toContain(fragment);
  });

  it.each([
    [75, "có phải là năm 1975?"],
    [" 75 ", "có phải là năm 1975?"],
    [5, "có phải là năm 1905 hay 2005?"],
    [975, "phải ghi đủ 4 chữ số (từ 1900 đến 2100)."],
  ])("a short birth year %j is refused, never changed, with the year it may mean: %s", (value, fragment) => {
    const r = householdSchema.safeParse({ ...household, birth_year: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(fragment);
  });

  it.each([
    ["Chưa rõ", null],
    [" chưa RÕ ", null],
    ["không rõ", null],
    [null, null], // JSON null in an envelope: unknown
    ["Có", true],
    ["Không", false],
    [true, true],
  ])('"Tham gia nhóm Zalo" %j reads as %j, and reads to itself again', (value, want) => {
    const once = householdSchema.parse({ ...household, in_zalo: value });
    expect(once.in_zalo).toBe(want);
    expect(householdSchema.parse(JSON.parse(JSON.stringify(once))).in_zalo).toBe(want);
  });

  it.each([
    ["", "required", 'Chưa nhập "Tham gia nhóm Zalo".'],
    ["có lẽ", "invalid_type", '"Tham gia nhóm Zalo" phải là "Có", "Không" hoặc "Chưa rõ".'],
  ])('"Tham gia nhóm Zalo" %j is refused: unknown is an answer, a blank is not', (value, code, message) => {
    const r = householdSchema.safeParse({ ...household, in_zalo: value });
    expect(r.success).toBe(false);
    const iss = r.error!.issues[0]!;
    expect(iss.code === "custom" ? (iss.params as { code: string }).code : iss.code).toBe(code);
    expect(iss.message).toBe(message);
  });

  it("refuses unknown fields", () => {
    const r = householdSchema.safeParse({ ...household, gps: "21.3,106.6" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.code).toBe("unrecognized_keys");
  });

  it("leaves optional blanks out", () => {
    const r = householdSchema.parse({ ...household, note: "   ", ethnicity: null });
    expect(r.note).toBeUndefined();
    expect(r.ethnicity).toBeUndefined();
  });
});

describe("choices and other columns", () => {
  it.each([
    ["Tổ trưởng", "leader"],
    ["to truong", "leader"],
    ["TỔ PHÓ", "deputy"],
    ["member", "member"],
  ])("role %j → %s", (input, code) => {
    const r = memberSchema.parse({ team_code: "T1", member_no: 1, full_name: "Lê Văn An", role: input });
    expect(r.role).toBe(code);
  });

  it.each([
    ["0912345678", "0912345678"],
    [912345678, "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["091.234.5678", "0912345678"],
  ])("phone %j → %s", (input, expected) => {
    const r = memberSchema.parse({ team_code: "T1", member_no: 1, full_name: "Lê Văn An", role: "Tổ viên", phone: input });
    expect(r.phone).toBe(expected);
  });

  it("refuses a short phone number", () => {
    expect(memberSchema.safeParse({ team_code: "T1", member_no: 1, full_name: "Lê Văn An", role: "Tổ viên", phone: "12345" }).success).toBe(
      false,
    );
  });

  it.each([
    ["2022-W03", "2022-W03"],
    ["2022-w3", "2022-W03"],
    ["2020-W53", "2020-W53"],
  ])("week %j → %s", (input, expected) => {
    const r = weeklyReportSchema.parse({ week: input, team_code: "T1", reporter: "Lê Văn An", submitted_on: "2022-01-24" });
    expect(r.week).toBe(expected);
  });

  it.each(["2021-W53", "2022-Q1", "tuần 3"])("week %j is refused", (input) => {
    const r = weeklyReportSchema.safeParse({ week: input, team_code: "T1", reporter: "Lê Văn An", submitted_on: "2022-01-24" });
    expect(r.success).toBe(false);
  });

  it("a team's dates accept dd/MM/yyyy and refuse impossible dates", () => {
    const base = { team_code: "T1", team_name: "Tổ số 1", village_code: "QT" };
    expect(teamSchema.parse({ ...base, founded_on: "15/10/2021" }).founded_on).toBe("2021-10-15");
    expect(teamSchema.safeParse({ ...base, founded_on: "31/02/2022" }).success).toBe(false);
  });
});

describe("template specs", () => {
  it.each(SHEET_KEYS)("sheet %s has unique keys, headers, and a natural key made of its columns", (key) => {
    const cols = columnsOf(key);
    expect(new Set(cols.map((c) => c.key)).size).toBe(cols.length);
    expect(new Set(cols.map((c) => c.header)).size).toBe(cols.length);
    for (const k of SHEETS[key].naturalKey) expect(cols.some((c) => c.key === k && c.required)).toBe(true);
    for (const c of cols) {
      expect(c.note.length).toBeGreaterThan(0);
      if (c.type === "enum" || c.type === "bool") expect(c.values?.length).toBeGreaterThan(1);
      if (c.type === "int") expect(c.min).toBeLessThanOrEqual(c.max!);
    }
  });
});

describe("invisible and bidi control characters", () => {
  it.each([
    ["zero-width space before a formula", "\u200B=HYPERLINK(1)", "=HYPERLINK(1)"],
    ["right-to-left override", "\u202ETổ số 1", "Tổ số 1"],
    ["isolates and marks", "\u2066Tổ\u2069 \u200Fsố 1", "Tổ số 1"],
    ["BOM, soft hyphen, joiners, word joiner", "\uFEFFT\u00ADổ\u200C \u200Dsố\u2060 1", "Tổ số 1"],
    ["a blank Hangul filler posing as a name", "\u3164", undefined],
    ["control characters", "Tổ\u0007 số\u001B 1", "Tổ số 1"],
    ["white space is collapsed, not removed", "Tổ\tsố\n1", "Tổ số 1"],
  ])("are removed from text cells: %s", (_what, input, expected) => {
    const r = teamSchema.safeParse({ team_code: "QT-T1", team_name: input, village_code: "QT", founded_on: "2021-10-15" });
    if (expected === undefined) expect(r.success).toBe(false);
    else expect(r.success && r.data.team_name).toBe(expected);
  });

  it("are removed from names and codes too", () => {
    const m = memberSchema.parse({ team_code: "\u200BQT-T1", member_no: 1, full_name: "\u202ENguyễn\u200B Thị An", role: "Tổ trưởng" });
    expect([m.team_code, m.full_name]).toEqual(["QT-T1", "Nguyễn Thị An"]);
  });
});

/** The district tool's pure parts: the communes file, what is retried, the progress line, the layout plan. */
import { describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { CRITERIA_SHEET, criteriaRows } from "../../shared/evaluation/criteria";
import { SETTINGS_SHEET } from "../../shared/template-plan";
import { columnsOf, SHEET_KEYS, SHEETS } from "../../shared/templates";
import { type CommunesFileError, knownUnits, parseCommunes } from "../../tools/district/communes";
import { type ExistingSheet, planLayout } from "../../tools/district/layout";
import { formatDuration, progressLine, startProgress } from "../../tools/district/progress";
import { isRetryable } from "../../tools/district/retry";

const pilot = UNITS.find((u) => u.id === PILOT.quySon)!;

describe("communes file", () => {
  it("reads Vietnamese headers with a BOM, quoted fields and CRLF; finds the unit id of a code valid on the day", () => {
    const csv = `\uFEFFMã xã,"Tên xã",Email văn thư,Mã truy cập\r\n${pilot.code},"${pilot.name}, huyện Lục Ngạn",VanThu@Example.VN,dvc_${"a".repeat(32)}\r\n`;
    const [c] = parseCommunes(csv, UNITS, "2022-01-01");
    expect(c).toEqual({
      unitId: PILOT.quySon,
      code: pilot.code,
      name: `${pilot.name}, huyện Lục Ngạn`,
      clerkEmail: "vanthu@example.vn",
      token: `dvc_${"a".repeat(32)}`,
      line: 2,
    });
  });

  it("finds any commune of the country by its code, in the unit list of the day (shared/data/vn)", () => {
    const units = knownUnits();
    const ids = (csv: string, day: string) => parseCommunes(csv, units, day).map((c) => c.unitId);
    expect(ids("Mã xã,Tên xã\n00004,Phường Ba Đình\n07525,Phường Chũ\n", "2026-01-01")).toEqual(["C:00004@2025-07-01", PILOT.chu]);
    expect(ids(`Mã xã,Tên xã\n00004,Phường Ba Đình\n${pilot.code},${pilot.name}\n`, "2022-01-01")).toEqual([
      "C:00004@2021-02-03",
      PILOT.quySon,
    ]);
    // The pilot's villages are kept (the national lists stop at communes).
    expect(units.some((u) => u.id === PILOT.quyThinh)).toBe(true);
  });

  it("a code no longer valid on the day, a duplicate and a bad token are refused with their line", () => {
    const csv = `ma_xa,ten_xa,token\n${pilot.code},A,\n${pilot.code},A again,\n90001,B,not-a-token\n`;
    try {
      parseCommunes(csv, UNITS, "2026-01-01");
      expect.unreachable();
    } catch (e) {
      expect((e as CommunesFileError).problems).toEqual([
        `Dòng 2: không tìm thấy xã mã ${pilot.code} đang có hiệu lực trong danh mục đơn vị; hãy ghi cột unit_id.`,
        `Dòng 3: không tìm thấy xã mã ${pilot.code} đang có hiệu lực trong danh mục đơn vị; hãy ghi cột unit_id.`,
        "Dòng 4: Mã truy cập không đúng dạng (dvc_ và 32 chữ số/chữ cái a–f).",
      ]);
    }
    expect(() => parseCommunes(`unit_id,Tên xã\n${PILOT.quySon},A\n${PILOT.quySon},A\n`, UNITS)).toThrow(/Dòng 3: xã .* đã có ở dòng 2/);
  });
});

describe("retries", () => {
  const gaxios = (status: number, reason?: string) => ({
    response: { status, data: { error: { code: status, ...(reason ? { errors: [{ reason }] } : {}) } } },
  });
  it.each([
    [gaxios(429), true],
    [gaxios(500), true],
    [gaxios(503), true],
    [gaxios(403, "userRateLimitExceeded"), true],
    [gaxios(403, "rateLimitExceeded"), true],
    [gaxios(403, "insufficientFilePermissions"), false],
    [gaxios(400), false],
    [gaxios(401), false],
    [gaxios(404), false],
    [{ status: 503, code: "busy" }, true],
    [{ status: 422, code: "rule_violation" }, false],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), true],
  ])("%j → %s", (e, retry) => {
    expect(isRetryable(e)).toBe(retry);
  });
});

describe("progress", () => {
  it.each([
    [12, "12 giây"],
    [185, "3 phút 05 giây"],
    [3720, "1 giờ 02 phút"],
  ])("%s s → %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it("without a terminal, a line with done / failed / remaining and the time left at the current pace", () => {
    let t = 0;
    const lines: string[] = [];
    const p = startProgress("Thiết lập", 4, { stream: { write: (s: string) => lines.push(s), isTTY: false }, everyMs: 0, now: () => t });
    t = 10_000;
    p.tick(true);
    t = 20_000;
    p.tick(false);
    expect(lines).toEqual([
      "Thiết lập: xong 1, lỗi 0, còn lại 3/4, ước tính còn 30 giây\n",
      "Thiết lập: xong 1, lỗi 1, còn lại 2/4, ước tính còn 20 giây\n",
    ]);
    expect(progressLine("Lấy số liệu", { done: 0, failed: 0, remaining: 5, total: 5, etaS: null })).toBe(
      "Lấy số liệu: xong 0, lỗi 0, còn lại 5/5, ước tính còn …",
    );
  });
});

describe("layout plan", () => {
  const commune = { code: "90001", name: "Xã Thử Nghiệm 1" };
  const full = (): ExistingSheet[] => [
    ...SHEET_KEYS.map((k, i) => ({
      sheetId: i + 1,
      title: SHEETS[k].title,
      rowCount: 1000,
      columnCount: 26,
      frozenRowCount: 1,
      protections: [{ protectedRangeId: i + 1, description: "Dân vận: dòng tiêu đề của mẫu" }],
      values: [columnsOf(k).map((c) => c.header)],
    })),
    {
      sheetId: 99,
      title: SETTINGS_SHEET,
      rowCount: 1000,
      columnCount: 26,
      frozenRowCount: 1,
      protections: [{ protectedRangeId: 99, description: "Dân vận: dòng tiêu đề của mẫu" }],
      values: [
        ["Mục", "Giá trị"],
        ["Mã xã (5 chữ số)", commune.code],
        ["Tên xã", commune.name],
      ],
    },
    // The evaluation rule table: the commune's once made, only its presence is checked.
    {
      sheetId: 100,
      title: CRITERIA_SHEET,
      rowCount: 1000,
      columnCount: 26,
      frozenRowCount: 1,
      protections: [{ protectedRangeId: 100, description: "Dân vận: dòng tiêu đề của mẫu" }],
      values: [criteriaRows()[0]!.map(String)],
    },
  ];

  it("a spreadsheet already built is complete: provision sends no batchUpdate for it", () => {
    expect(planLayout({ sheets: full(), commune, dropDefaultSheet: false }).complete).toBe(true);
  });

  it.each([
    ["a missing column", (s: ExistingSheet[]) => s[3]!.values[0]!.pop()],
    ["a missing protection", (s: ExistingSheet[]) => (s[0]!.protections = [])],
    ["another commune's code in Cài đặt", (s: ExistingSheet[]) => (s.find((x) => x.title === SETTINGS_SHEET)!.values[1]![1] = "90002")],
    ["a missing sheet", (s: ExistingSheet[]) => s.splice(5, 1)],
    ["a missing rule table", (s: ExistingSheet[]) => s.pop()],
  ])("%s makes it incomplete", (_what, spoil) => {
    const sheets = full();
    spoil(sheets);
    expect(planLayout({ sheets, commune, dropDefaultSheet: false }).complete).toBe(false);
  });

  it("a template sheet whose row 1 is something else is left alone and named", () => {
    const sheets = full();
    sheets[1]!.values = [["Họ tên", "Địa chỉ"]];
    const plan = planLayout({ sheets, commune, dropDefaultSheet: false });
    expect(plan.untouched).toEqual([SHEETS.teams.title]);
    expect(plan.requests.some((r) => JSON.stringify(r).includes(`"sheetId":2,`) && "updateCells" in r)).toBe(false);
  });
});

/** "Thiết lập mẫu": every template sheet with headers, notes, protection, widths, validations; idempotent. */
import { beforeAll, describe, expect, it } from "vitest";
import { PROP } from "../../addon/src/config";
import { DEFAULT_RETENTION_MONTHS, privacyNotice } from "../../shared/privacy";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import type { FakeDataValidation } from "./double/data-validation";
import type { FakeRange } from "./double/range";
import type { FakeSpreadsheet } from "./double/spreadsheet";
import { putWorkbook, register, sheetValues } from "./fixtures";
import { type Bundle, buildBundle, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const REF: Record<string, [SheetKey, string]> = {
  team_code: ["teams", "team_code"],
  village_code: ["villages", "village_code"],
  household_code: ["households", "household_code"],
};

function headerOfSheet(ss: FakeSpreadsheet, key: SheetKey): unknown[] {
  return ss._find(SHEETS[key].title)!._dump()[0] ?? [];
}

/** Assert the validations of every template column against its spec, on rows 2 and max. */
function expectValidations(ss: FakeSpreadsheet) {
  let checked = 0;
  for (const key of SHEET_KEYS) {
    const sheet = ss._find(SHEETS[key].title)!;
    const header = headerOfSheet(ss, key);
    for (const col of columnsOf(key)) {
      const c = header.indexOf(col.header);
      expect(c, `${key}.${col.key} header`).toBeGreaterThanOrEqual(0);
      for (const r of [1, sheet.maxRows - 1]) {
        const dv = sheet.validations.get(r, c) as FakeDataValidation | null;
        const where = `${SHEETS[key].title}!${col.header} row ${r + 1}`;
        const ref = REF[col.key];
        if (col.type === "enum" || col.type === "bool") {
          expect(dv?.criteria, where).toBe("VALUE_IN_LIST");
          expect(dv!.args[0], where).toEqual(col.values);
          expect(dv!.allowInvalid, where).toBe(false);
        } else if (col.type === "code" && ref && ref[0] !== key) {
          expect(dv?.criteria, where).toBe("VALUE_IN_RANGE");
          const range = dv!.args[0] as FakeRange;
          expect(range._sheet.name).toBe(SHEETS[ref[0]].title);
          expect(range._col - 1).toBe(
            headerOfSheet(ss, ref[0]).indexOf((SHEETS[ref[0]].columns as Record<string, { header: string }>)[ref[1]]!.header),
          );
          expect(range._row).toBe(2);
        } else if (col.type === "int") {
          expect(dv?.criteria, where).toBe("NUMBER_BETWEEN");
          expect(dv!.args, where).toEqual([col.min, col.max]);
        } else if (col.type === "date") {
          expect(dv?.criteria, where).toBe("DATE_BETWEEN");
        } else {
          expect(dv, where).toBeNull();
        }
        checked++;
      }
      expect(sheet.validations.get(0, c), "no validation on the header").toBeNull();
    }
  }
  return checked;
}

describe("Thiết lập mẫu", () => {
  it("asks for the commune and creates every sheet as specified", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    gas.ui.answers.push({ text: "0757" }, { text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();

    expect(gas.ui.prompts.map((p) => p.title)).toEqual(["Thiết lập mẫu: mã xã", "Thiết lập mẫu: mã xã", "Thiết lập mẫu: tên xã"]);
    expect(gas.ui.prompts[1]!.message).toContain("5 chữ số");
    expect(ss.documentProperties.getProperty(PROP.communeCode)).toBe("07576");
    expect(ss.documentProperties.getProperty(PROP.communeName)).toBe("Xã Quý Sơn");
    const settings = ss._find("Cài đặt")!._dump();
    expect(settings[1]).toEqual(["Mã xã (5 chữ số)", "07576"]);
    expect(settings[2]).toEqual(["Tên xã", "Xã Quý Sơn"]);

    expect(ss.sheets.map((s) => s.name)).toEqual([
      ...SHEET_KEYS.map((k) => SHEETS[k].title),
      "Trang tính1",
      "Cài đặt",
      "Tiêu chí đánh giá",
    ]);
    for (const key of SHEET_KEYS) {
      const sheet = ss._find(SHEETS[key].title)!;
      const cols = columnsOf(key);
      expect(headerOfSheet(ss, key)).toEqual(cols.map((c) => c.header));
      expect(sheet.frozenRows).toBe(1);
      cols.forEach((c, i) => {
        expect(sheet.notes.get(0, i)).toContain(c.header);
        if (c.note) expect(sheet.notes.get(0, i)).toContain(c.note);
        expect(sheet.widths.get(i + 1)).toBe(c.width);
        expect(sheet.bold.get(0, i)).toBe(true);
      });
      expect(sheet.notes.get(0, 0)).toContain(SHEETS[key].description);
      expect(sheet.protections).toHaveLength(1);
      const p = sheet.protections[0]!;
      expect(p.warningOnly).toBe(true);
      expect(p.range.getA1Notation()).toBe(`A1:${String.fromCharCode(64 + cols.length)}1`);
    }
    // Text columns stay text (leading zeros of phones), dates show as dd/MM/yyyy.
    const members = ss._find(SHEETS.members.title)!;
    expect(members.formats.get(5, headerOfSheet(ss, "members").indexOf("Số điện thoại"))).toBe("@");
    const teams = ss._find(SHEETS.teams.title)!;
    expect(teams.formats.get(5, headerOfSheet(ss, "teams").indexOf("Ngày thành lập"))).toBe("dd/MM/yyyy");

    const checked = expectValidations(ss);
    expect(checked).toBeGreaterThan(100);
    expect(gas.ui.alerts.at(-1)!.title).toBe("Đã thiết lập mẫu");
    // The template sheets and the evaluation rule table (Tiêu chí đánh giá).
    expect(gas.ui.alerts.at(-1)!.message).toContain(`Đã tạo ${SHEET_KEYS.length + 1} trang`);
  });

  it("ends with the privacy notice of shared/privacy.ts: what, why, who sees what, how long, whom to ask", () => {
    const { gas, addon } = setupEnv(bundle);
    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();
    const msg = gas.ui.alerts.at(-1)!.message;
    const notice = privacyNotice();
    expect(msg).toContain(notice.title.toUpperCase());
    for (const item of notice.items) expect(msg).toContain(`• ${item.heading}: ${item.text}`);
    expect(msg).toContain("Huyện, tỉnh chỉ xem số liệu tổng hợp");
    expect(msg).toContain(`lưu ${DEFAULT_RETENTION_MONTHS} tháng`);
    expect(msg).toContain("Ủy ban nhân dân xã");
    // Set up again: the notice again, the sheets untouched.
    gas.ui.answers.push({ text: "" }, { text: "" });
    addon.menuSetup();
    expect(gas.ui.alerts.at(-1)!.message).toContain(notice.title.toUpperCase());
  });

  it("a code of today's communes gives the unit's name and province to confirm: no name typed", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    gas.ui.answers.push({ text: " 07525 " }, { button: "YES" });
    addon.menuSetup();
    expect(gas.ui.prompts.map((p) => p.title)).toEqual(["Thiết lập mẫu: mã xã"]);
    const ask = gas.ui.alerts.find((a) => a.title === "Thiết lập mẫu: xác nhận xã")!;
    expect(ask.message).toContain("Mã 07525 là Phường Chũ, Tỉnh Bắc Ninh.");
    expect(ss.documentProperties.getProperty(PROP.communeCode)).toBe("07525");
    expect(ss.documentProperties.getProperty(PROP.communeName)).toBe("Phường Chũ");
    expect(gas.ui.alerts.at(-1)!.message).toContain("Xã: Phường Chũ — mã 07525.");
  });

  it("a commune the clerk does not recognise changes nothing", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    gas.ui.answers.push({ text: "07612" }, { button: "NO" });
    addon.menuSetup();
    expect(gas.ui.alerts.find((a) => a.title === "Thiết lập mẫu: xác nhận xã")!.message).toContain("Phường Phượng Sơn, Tỉnh Bắc Ninh");
    expect(gas.ui.alerts.at(-1)!.title).toBe("Chưa thiết lập");
    expect(ss.sheets.map((s) => s.name)).toEqual(["Trang tính1"]);
    expect(ss.documentProperties.map.size).toBe(0);
  });

  it("a code not among today's communes (a commune before the 2025 reform) is warned and its name asked", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();
    expect(gas.ui.prompts[1]!.message).toContain("Mã 07576 không có trong danh sách xã, phường hiện nay (từ 01/07/2025)");
    expect(ss.documentProperties.getProperty(PROP.communeName)).toBe("Xã Quý Sơn");
  });

  it("cancelling the commune prompt changes nothing", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    gas.ui.answers.push({ button: "CANCEL" });
    addon.menuSetup();
    expect(ss.sheets.map((s) => s.name)).toEqual(["Trang tính1"]);
    expect(ss.documentProperties.map.size).toBe(0);
  });

  it("is idempotent on filled sheets: no data moved or lost, only missing parts added", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    const wb = register({ villages: 2, teamsPerVillage: 1, householdsPerTeam: 35 });
    putWorkbook(ss, wb);
    // A clerk's own column on Thôn, a household sheet without "Ghi chú" and with columns reordered,
    // a row without a household code, and no "Họp tổ" sheet at all.
    const villages = ss._find(SHEETS.villages.title)!;
    villages._put([["Trưởng thôn"], ["Ông Tâm"], ["Bà Hoa"]], 1, 4);
    const hh = ss._find(SHEETS.households.title)!;
    const values = sheetValues("households", wb.households);
    const noNote = values.map((r) => {
      const row = r.slice(0, -1); // drop "Ghi chú"
      return [row[1], row[0], ...row.slice(2)]; // swap code and team columns
    });
    noNote[5]![1] = ""; // household code missing on sheet row 6
    hh._clear();
    hh._put(noNote);
    ss.sheets.splice(ss.sheets.indexOf(ss._find(SHEETS.meetings.title)!), 1);
    hh.notes.set(10, 4, "Ghi chú riêng của cán bộ");

    const before = new Map(ss.sheets.map((s) => [s.name, s._dump()]));
    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();

    // Households: same cells, plus the "Ghi chú" header at the right and one new code.
    const after = hh._dump();
    const old = before.get(SHEETS.households.title)!;
    expect(after[0]).toEqual([...old[0]!, "Ghi chú"]);
    expect(after).toHaveLength(old.length);
    for (let r = 1; r < old.length; r++) {
      for (let c = 0; c < old[r]!.length; c++) {
        if (r === 5 && c === 1) continue;
        expect(after[r]![c]).toEqual(old[r]![c]);
      }
    }
    expect(after[5]![1]).toBe("V01-0036");
    expect(hh.notes.get(10, 4)).toBe("Ghi chú riêng của cán bộ");
    // Thôn keeps the clerk's column.
    expect(villages._dump()).toEqual(before.get(SHEETS.villages.title));
    // The missing sheet is back; nothing is duplicated.
    expect(ss._find(SHEETS.meetings.title)).toBeDefined();
    expect(new Set(ss.sheets.map((s) => s.name)).size).toBe(ss.sheets.length);
    const msg = gas.ui.alerts.at(-1)!.message;
    expect(msg).toContain("Đã tạo 2 trang: Họp tổ, Tiêu chí đánh giá"); // the rule table of the evaluation drafts is new too
    expect(msg).toContain('Trang "Hộ gia đình (mẫu 02)": đã thêm cột "Ghi chú"');
    expect(msg).toContain("Đã tạo 1 mã mới");
    expectValidations(ss);

    // A second run changes nothing at all.
    const snapshot = new Map(ss.sheets.map((s) => [s.name, { v: s._dump(), p: s.protections.length, n: s.notes.get(0, 0) }]));
    gas.ui.answers.push({ text: "" }, { text: "" });
    addon.menuSetup();
    expect(new Map(ss.sheets.map((s) => [s.name, { v: s._dump(), p: s.protections.length, n: s.notes.get(0, 0) }]))).toEqual(snapshot);
    expect(gas.ui.alerts.at(-1)!.message).toContain("Các trang mẫu đã đầy đủ");
    expect(ss.documentProperties.getProperty(PROP.communeCode)).toBe("07576");
  });

  it("leaves alone a sheet with a template's name whose first row is not a header", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    const t = ss._sheet(SHEETS.teams.title);
    t._put([["Danh sách tổ năm 2021"], ["Tổ 1", "Quý Thịnh"]]);
    gas.ui.answers.push({ text: "07576" }, { text: "Xã Quý Sơn" });
    addon.menuSetup();
    expect(t._dump()).toEqual([
      ["Danh sách tổ năm 2021", ""],
      ["Tổ 1", "Quý Thịnh"],
    ]);
    expect(gas.ui.alerts.at(-1)!.message).toContain('Trang "Tổ" đã có dữ liệu nhưng dòng 1 không phải tiêu đề');
  });
});

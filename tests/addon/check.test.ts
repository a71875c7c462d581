/** "Kiểm tra dữ liệu": marks exactly the bad cells, clears them after correction, batched writes. */
import { beforeAll, describe, expect, it } from "vitest";
import { SHEETS } from "../../shared/templates";
import type { FakeSpreadsheet } from "./double/spreadsheet";
import { putWorkbook, register, setCommune } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const HH = SHEETS.households.title;
const TEAMS = SHEETS.teams.title;
const MEMBERS = SHEETS.members.title;

const MARK_COLORS = new Set(["#f4cccc", "#fff2cc"]);

/** Every marked cell ("Sheet!A1" → note) below the header rows. */
function marks(ss: FakeSpreadsheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of ss.sheets) {
    s.backgrounds.rows.forEach((row, r) => {
      row?.forEach((bg, c) => {
        if (r >= 1 && MARK_COLORS.has(bg)) out.set(`${s.name}!${String.fromCharCode(65 + c)}${r + 1}`, s.notes.get(r, c));
      });
    });
    s.notes.rows.forEach((row, r) => {
      row?.forEach((n, c) => {
        const k = `${s.name}!${String.fromCharCode(65 + c)}${r + 1}`;
        if (r >= 1 && n.includes("[Kiểm tra]") && !out.has(k)) out.set(k, `(note without colour) ${n}`);
      });
    });
  }
  return out;
}

interface Summary {
  ok: boolean;
  errors: number;
  warnings: number;
  sheets: {
    key: string;
    title: string;
    errors: number;
    warnings: number;
    items: { severity: string; text: string; a1: string | null }[];
  }[];
}

function mistakes() {
  const wb = register({ villages: 2, teamsPerVillage: 1, householdsPerTeam: 35 });
  const v01 = wb.members.filter((m) => m.team_code === "V01-T1");
  return { wb, leader: v01[0]!.full_name, deputy: v01[1]!.full_name };
}

describe("Kiểm tra dữ liệu", () => {
  it('marks a narrative of "Báo cáo kỳ" over its limit on its cell, with the limit and the length', () => {
    const { gas, ss, addon } = setupEnv(bundle);
    const wb = register({ villages: 1, teamsPerVillage: 1, householdsPerTeam: 35 });
    wb.period_reports = [
      { period: "P1", results: "Đạt kết quả tốt. ".repeat(300).slice(0, 4001), proposals: "Đề nghị tập huấn." },
      { period: "P2", results: "Đúng giới hạn.".padEnd(4000, "."), causes: "Thời tiết." },
    ];
    putWorkbook(ss, wb);
    setCommune(ss);
    addon.menuCheck();
    const title = SHEETS.period_reports.title;
    const m = marks(ss);
    expect([...m.keys()]).toEqual([`${title}!B2`]);
    expect(m.get(`${title}!B2`)).toContain('"Kết quả đạt được" dài quá 4.000 ký tự (ô đang có 4.001 ký tự)');
    expect(gas.ui.sidebars.at(-1)!._data<Summary>().errors).toBe(1);
  });

  it("marks exactly the bad cells of a sheet full of realistic mistakes, then clears them", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    const { wb, leader, deputy } = mistakes();
    putWorkbook(ss, wb);
    setCommune(ss);
    const hh = ss._find(HH)!;
    // Households (columns: A code, B team, C responsible, D no, E head, F birth year, G people, H zalo).
    hh._put([[75]], 3, 6); // F3: birth year typed with two digits → error
    hh._put([["1.975"]], 4, 6); // F4: thousands dot → 1975, accepted
    hh._put([[" 4 "]], 5, 7); // G5: spaces → 4, accepted
    hh._put([["Ngô Thị Tuyết".normalize("NFD")]], 6, 5); // E6: decomposed Unicode, accepted
    hh._put([[`${leader}; Người Lạ`]], 7, 3); // C7: responsible person not in the team → error
    hh._put([["V01-T9"]], 8, 2); // B8: unknown team code → error
    hh.notes.set(9, 4, "Hộ nghèo (ghi chú riêng)"); // E10: the clerk's own note
    hh.backgrounds.set(11, 8, "#c9daf8"); // I12: the clerk's own colour
    // V02-T1 has no deputy any more (members row 7 is its deputy).
    const members = ss._find(MEMBERS)!;
    expect(members.values.get(6, 4)).toBe("Tổ phó");
    members._put([["Tổ viên"]], 7, 5);

    gas.counter.reset();
    addon.menuCheck();
    const summary = gas.ui.sidebars.at(-1)!._data<Summary>();

    expect([...marks(ss).keys()].sort()).toEqual([`${HH}!B8`, `${HH}!C7`, `${HH}!F3`, `${TEAMS}!A3`].sort());
    const m = marks(ss);
    expect(m.get(`${HH}!F3`)).toMatch(/^\[Kiểm tra\] Lỗi: .*Năm sinh/);
    expect(m.get(`${HH}!C7`)).toContain("Người Lạ không phải thành viên tổ");
    expect(m.get(`${HH}!B8`)).toContain('Không có tổ mã "V01-T9"');
    expect(m.get(`${TEAMS}!A3`)).toContain("Tổ phó");
    expect(hh.backgrounds.get(2, 5)).toBe("#f4cccc");
    expect(hh.notes.get(9, 4)).toBe("Hộ nghèo (ghi chú riêng)");
    expect(hh.backgrounds.get(11, 8)).toBe("#c9daf8");

    expect(summary.ok).toBe(false);
    expect(summary.errors).toBe(4);
    expect(summary.warnings).toBe(0);
    const sHH = summary.sheets.find((s) => s.key === "households")!;
    expect(sHH.items.map((i) => i.a1).sort()).toEqual(["B8", "C7", "F3"]);
    expect(sHH.items.find((i) => i.a1 === "F3")!.text).toMatch(/^Trang "Hộ gia đình \(mẫu 02\)", dòng 3, cột "Năm sinh": /);
    expect(summary.sheets.find((s) => s.key === "teams")!.items.map((i) => i.a1)).toEqual(["A3"]);

    // One read of values per sheet, and batch writes only.
    const sheets = Object.keys(SHEETS).length;
    expect(gas.counter.get("Range.getValues")).toBe(sheets);
    expect(gas.counter.get("Range.getBackgrounds")).toBeLessThanOrEqual(sheets);
    expect(gas.counter.get("Range.getNotes")).toBeLessThanOrEqual(sheets);
    expect(gas.counter.get("Range.setBackgrounds")).toBe(2); // households and teams
    expect(gas.counter.get("Range.setNotes")).toBe(2);
    for (const perCell of ["Range.setBackground", "Range.setNote", "Range.setValue", "Range.getValue"])
      expect(gas.counter.get(perCell)).toBe(0);

    // The sidebar jumps to a cell through a server function.
    expect(addon.jumpToCell(HH, "F3")).toBe(true);
    expect(ss.activeSheet!.name).toBe(HH);
    expect(ss.activeRange!.getA1Notation()).toBe("F3");

    // The clerk corrects everything; the marks go, the clerk's note and colour stay.
    hh._put([[1975]], 3, 6);
    hh._put([[`${leader}; ${deputy}`]], 7, 3);
    hh._put([["V01-T1"]], 8, 2);
    members._put([["Tổ phó"]], 7, 5);
    const again = plain(addon.runCheckNow()) as Summary;
    expect(again.ok).toBe(true);
    expect(again.errors + again.warnings).toBe(0);
    expect(marks(ss).size).toBe(0);
    expect(hh.notes.get(9, 4)).toBe("Hộ nghèo (ghi chú riêng)");
    expect(hh.backgrounds.get(11, 8)).toBe("#c9daf8");
    expect(hh.backgrounds.get(2, 5)).toBe("#ffffff");
    expect(hh.notes.get(2, 5)).toBe("");
  });

  it("clears old marks on rows deleted since the last check", () => {
    const { ss, addon } = setupEnv(bundle);
    const { wb } = mistakes();
    putWorkbook(ss, wb);
    const hh = ss._find(HH)!;
    const last = hh._lastRow();
    hh._put([[75]], last, 6);
    const first = plain(addon.runCheckNow()) as Summary;
    expect(first.errors).toBe(1);
    expect(marks(ss).has(`${HH}!F${last}`)).toBe(true);
    // The clerk deletes the contents of the last row: it is no longer part of the data range.
    hh._put([new Array(10).fill("")], last, 1);
    const second = plain(addon.runCheckNow()) as Summary;
    expect(second.errors).toBe(0);
    expect(marks(ss).size).toBe(0);
  });

  it("reports missing sheets and columns instead of failing", () => {
    const { ss, addon } = setupEnv(bundle);
    const { wb } = mistakes();
    putWorkbook(ss, wb);
    ss.sheets.splice(ss.sheets.indexOf(ss._find(SHEETS.weekly.title)!), 1);
    const hh = ss._find(HH)!;
    hh._put([["Năm sinh của chủ hộ"]], 1, 6); // header renamed
    const s = plain(addon.runCheckNow()) as Summary & { sheets: { key: string; errors: number; items: { text: string }[] }[] };
    expect(s.ok).toBe(false);
    const texts = s.sheets.flatMap((x) => x.items.map((i) => i.text)).join("\n");
    expect(texts).toContain('Chưa có trang "Báo cáo tuần"');
    expect(texts).toContain('thiếu cột "Năm sinh"');
  });
});

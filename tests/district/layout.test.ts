/**
 * One spec, two builders: the layout `district provision` builds through the Sheets API (on the
 * fake) and the one the add-on's "Thiết lập mẫu" builds through Apps Script (the built bundle on
 * the Sheets double) are the same — sheet titles and order, header rows, notes, header style,
 * frozen rows, protections, column widths, number formats and data validations on every row —
 * for a new spreadsheet and for one that already holds part of a template sheet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRITERIA_SHEET } from "../../shared/evaluation/criteria";
import { SETTINGS_SHEET } from "../../shared/template-plan";
import { SHEET_KEYS, SHEETS } from "../../shared/templates";
import { COMMUNE_PROPERTY } from "../../tools/district/google";
import { planLayout } from "../../tools/district/layout";
import type { FakeDataValidation } from "../addon/double/data-validation";
import type { FakeRange } from "../addon/double/range";
import type { FakeSheet } from "../addon/double/sheet";
import type { FakeSpreadsheet } from "../addon/double/spreadsheet";
import { type Bundle, buildBundle, setupEnv } from "../addon/harness";
import { seedSpreadsheet } from "./fake-google/seed";
import { cellAt, type FakeGridSheet, type FakeSpreadsheetModel } from "./fake-google/sheets";
import { type Env, googleEnv, runCli, sampleCommunes, writeCommunesCsv } from "./helpers";

const TITLES = new Set([...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET, CRITERIA_SHEET]);

interface Validation {
  kind: string;
  values?: unknown[];
  ref?: { sheet: string; col: number; rows: [number, number] };
  strict: boolean;
  help: string;
}
interface SheetLayout {
  title: string;
  rows: number;
  frozenRows: number;
  header: unknown[];
  notes: string[];
  bold: boolean[];
  background: string[];
  widths: number[];
  /** Number format of each header column on row 2 and on the last row (null: none set). */
  formats: (string | null)[][];
  /** Validation of each header column on rows 1, 2 and the last. */
  validations: (Validation | null)[][];
  protections: { description: string; warningOnly: boolean; range: [number, number, number, number] }[];
  /** The settings sheet's 7 × 2 cells; the rule table's 8 × 6. */
  cells?: unknown[][];
}

const hex = (c: { red?: number; green?: number; blue?: number } | undefined) =>
  c
    ? `#${[c.red, c.green, c.blue]
        .map((x) =>
          Math.round((x ?? 0) * 255)
            .toString(16)
            .padStart(2, "0"),
        )
        .join("")}`
    : "#ffffff";

function headerWidth(row: unknown[]): number {
  let w = 0;
  row.forEach((v, i) => {
    if (v !== "" && v !== undefined && v !== null) w = i + 1;
  });
  return w;
}

// ---------------------------------------------------------------- the add-on's result (Sheets double)

const isoLocal = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

function fromDouble(dv: FakeDataValidation | null): Validation | null {
  if (!dv) return null;
  const base = { strict: !dv.allowInvalid, help: dv.helpText ?? "" };
  switch (dv.criteria) {
    case "VALUE_IN_LIST":
      return { kind: "list", values: dv.args[0] as unknown[], ...base };
    case "VALUE_IN_RANGE": {
      const r = dv.args[0] as FakeRange;
      return { kind: "ref", ref: { sheet: r._sheet.name, col: r._col - 1, rows: [r._row, r._row + r._rows - 1] }, ...base };
    }
    case "NUMBER_BETWEEN":
      return { kind: "number", values: dv.args, ...base };
    case "DATE_BETWEEN":
      return { kind: "date", values: (dv.args as Date[]).map(isoLocal), ...base };
    default:
      return { kind: dv.criteria, ...base };
  }
}

function doubleSheet(s: FakeSheet): SheetLayout {
  const row0 = Array.from({ length: s.maxCols }, (_, c) => s.values.get(0, c));
  const w = s.name === SETTINGS_SHEET ? 2 : headerWidth(row0);
  const cols = [...Array(w).keys()];
  const fmt = (r: number, c: number) => {
    const f = s.formats.get(r, c);
    return f === "0.###############" ? null : f;
  };
  return {
    title: s.name,
    rows: s.maxRows,
    frozenRows: s.frozenRows,
    header: cols.map((c) => s.values.get(0, c)),
    notes: cols.map((c) => s.notes.get(0, c)),
    bold: cols.map((c) => s.bold.get(0, c)),
    background: cols.map((c) => s.backgrounds.get(0, c)),
    widths: cols.map((c) => s.widths.get(c + 1) ?? 100),
    formats: cols.map((c) => [fmt(1, c), fmt(s.maxRows - 1, c)]),
    validations: cols.map((c) => [0, 1, s.maxRows - 1].map((r) => fromDouble(s.validations.get(r, c)))),
    protections: s.protections.map((p) => {
      const r = p.range as FakeRange; // the double protects its own ranges (../addon/double/protection.ts)
      return {
        description: p.description,
        warningOnly: p.warningOnly,
        range: [r._row - 1, r._row - 1 + r._rows, r._col - 1, r._col - 1 + r._cols],
      };
    }),
    ...(s.name === SETTINGS_SHEET ? { cells: [...Array(7).keys()].map((r) => [0, 1].map((c) => s.values.get(r, c))) } : {}),
    ...(s.name === CRITERIA_SHEET ? { cells: [...Array(8).keys()].map((r) => [...Array(6).keys()].map((c) => s.values.get(r, c))) } : {}),
  };
}

const doubleLayout = (ss: FakeSpreadsheet) => ss.sheets.filter((s) => TITLES.has(s.name)).map(doubleSheet);

// ---------------------------------------------------------------- the tool's result (fake Google)

function fromApi(rule: any): Validation | null {
  if (!rule) return null;
  const base = { strict: !!rule.strict, help: rule.inputMessage ?? "" };
  const values = (rule.condition.values ?? []).map((v: { userEnteredValue: string }) => v.userEnteredValue);
  switch (rule.condition.type) {
    case "ONE_OF_LIST":
      expect(rule.showCustomUi).toBe(true);
      return { kind: "list", values, ...base };
    case "ONE_OF_RANGE": {
      expect(rule.showCustomUi).toBe(true);
      const m = /^='((?:[^']|'')+)'!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(values[0])!;
      const col = [...m[2]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return { kind: "ref", ref: { sheet: m[1]!.replace(/''/g, "'"), col, rows: [Number(m[3]), Number(m[5])] }, ...base };
    }
    case "NUMBER_BETWEEN":
      return { kind: "number", values: values.map(Number), ...base };
    case "DATE_BETWEEN":
      return { kind: "date", values, ...base };
    default:
      return { kind: rule.condition.type, ...base };
  }
}

function apiSheet(s: FakeGridSheet): SheetLayout {
  const g = s.properties.gridProperties;
  const cell = (r: number, c: number) => cellAt(s, r, c);
  const value = (r: number, c: number) => {
    const v = cell(r, c).userEnteredValue;
    return v ? (v.stringValue ?? v.numberValue ?? v.boolValue) : "";
  };
  const row0 = Array.from({ length: g.columnCount }, (_, c) => value(0, c));
  const w = s.properties.title === SETTINGS_SHEET ? 2 : headerWidth(row0);
  const cols = [...Array(w).keys()];
  const fmt = (r: number, c: number) => cell(r, c).userEnteredFormat?.numberFormat?.pattern ?? null;
  return {
    title: s.properties.title,
    rows: g.rowCount,
    frozenRows: g.frozenRowCount ?? 0,
    header: cols.map((c) => value(0, c)),
    notes: cols.map((c) => cell(0, c).note ?? ""),
    bold: cols.map((c) => !!cell(0, c).userEnteredFormat?.textFormat?.bold),
    background: cols.map((c) => hex(cell(0, c).userEnteredFormat?.backgroundColor)),
    widths: cols.map((c) => s.columnWidths.get(c) ?? 100),
    formats: cols.map((c) => [fmt(1, c), fmt(g.rowCount - 1, c)]),
    validations: cols.map((c) => [0, 1, g.rowCount - 1].map((r) => fromApi(cell(r, c).dataValidation))),
    protections: s.protectedRanges.map((p) => ({
      description: p.description ?? "",
      warningOnly: !!p.warningOnly,
      range: [
        p.range.startRowIndex ?? 0,
        p.range.endRowIndex ?? g.rowCount,
        p.range.startColumnIndex ?? 0,
        p.range.endColumnIndex ?? g.columnCount,
      ],
    })),
    ...(s.properties.title === SETTINGS_SHEET ? { cells: [...Array(7).keys()].map((r) => [0, 1].map((c) => value(r, c))) } : {}),
    ...(s.properties.title === CRITERIA_SHEET
      ? { cells: [...Array(8).keys()].map((r) => [...Array(6).keys()].map((c) => value(r, c))) }
      : {}),
  };
}

const apiLayout = (ss: FakeSpreadsheetModel) => ss.sheets.filter((s) => TITLES.has(s.properties.title)).map(apiSheet);

// ---------------------------------------------------------------- the tests

let bundle: Bundle;
let g: Env;
beforeAll(async () => {
  bundle = await buildBundle();
  g = await googleEnv();
}, 60_000);
afterAll(() => g?.close());

/** "Thiết lập mẫu" in the add-on for a commune, on a spreadsheet `prepare` fills first. */
function addonBuild(code: string, name: string, prepare: (ss: FakeSpreadsheet) => void = () => undefined): FakeSpreadsheet {
  const { gas, ss, addon } = setupEnv(bundle);
  prepare(ss);
  gas.ui.answers.push({ text: code }, { text: name });
  addon.menuSetup();
  expect(gas.ui.alerts.at(-1)?.title).toBe("Đã thiết lập mẫu");
  return ss;
}

async function toolBuild(n: number): Promise<FakeSpreadsheetModel> {
  const c = sampleCommunes(n)[n - 1]!;
  const csv = writeCommunesCsv(g.dir, [c]);
  const r = await runCli(["provision", "--communes", csv, "--folder", g.folderId], g.env);
  expect(r.code, r.out.join("\n")).toBe(0);
  const file = [...g.fake.drive.files.values()].find((f) => f.appProperties?.[COMMUNE_PROPERTY] === c.unit.id)!;
  return g.fake.spreadsheets.get(file.id)!;
}

describe("one spec, two builders", () => {
  it("a new spreadsheet: the tool's batchUpdate builds what the add-on's Thiết lập mẫu builds", async () => {
    const c = sampleCommunes(1)[0]!;
    const fromAddon = doubleLayout(addonBuild(c.unit.code, c.unit.name));
    const fromTool = apiLayout(await toolBuild(1));
    expect(fromTool.map((s) => s.title)).toEqual([...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET, CRITERIA_SHEET]);
    expect(fromAddon.map((s) => s.title)).toEqual(fromTool.map((s) => s.title));
    for (const [i, s] of fromTool.entries()) expect(s, s.title).toEqual(fromAddon[i]);
    // What is compared is not empty: every template column has its header, note, width and validation.
    const households = fromTool.find((s) => s.title === SHEETS.households.title)!;
    expect(households.header).toHaveLength(Object.keys(SHEETS.households.columns).length);
    expect(households.notes.every((n) => n.length > 0)).toBe(true);
    expect(households.validations.filter((v) => v[1] !== null).length).toBeGreaterThanOrEqual(5);
    expect(households.protections).toEqual([
      { description: "Dân vận: dòng tiêu đề của mẫu", warningOnly: true, range: [0, 1, 0, households.header.length] },
    ]);
    // The default empty sheet of the new file is gone; nothing else is there.
    const ss = g.fake.spreadsheets.get(
      [...g.fake.drive.files.values()].find((f) => f.appProperties?.[COMMUNE_PROPERTY] === c.unit.id)!.id,
    )!;
    expect(ss.sheets.map((s) => s.properties.title)).toEqual(fromTool.map((s) => s.title));
  }, 60_000);

  it("a spreadsheet with part of a template sheet: both keep the clerk's column and data and add the missing column on the right", async () => {
    const c = sampleCommunes(2)[1]!;
    const partial = [
      ["Mã thôn", "Tên thôn", "Trưởng thôn"],
      ["QT", "Thôn Quý Thịnh", "Nguyễn Văn An"],
      ["NG", "Thôn Ngọt", "Trần Thị Bình"],
    ];
    const fromAddon = doubleLayout(addonBuild(c.unit.code, c.unit.name, (ss) => ss._sheet(SHEETS.villages.title)._put(partial)));
    // A file an earlier run made for this commune (found by its unit id), holding the partial sheet.
    seedSpreadsheet(g.fake, {
      name: "Bảng tính cũ",
      folderId: g.folderId,
      appProperties: { [COMMUNE_PROPERTY]: c.unit.id },
      sheets: { [SHEETS.villages.title]: partial },
    });
    const ss = await toolBuild(2);
    const fromTool = apiLayout(ss);
    for (const [i, s] of fromTool.entries()) expect(s, s.title).toEqual(fromAddon[i]);
    const villages = fromTool.find((s) => s.title === SHEETS.villages.title)!;
    expect(villages.header).toEqual(["Mã thôn", "Tên thôn", "Trưởng thôn", "Nhiệm vụ giữ gìn bản sắc dân tộc"]);
    // The clerk's rows are where they were.
    const thon = ss.sheets.find((s) => s.properties.title === SHEETS.villages.title)!;
    expect(thon.cells.get("2,2")?.userEnteredValue).toEqual({ stringValue: "Trần Thị Bình" });
  }, 60_000);

  it("an already complete spreadsheet needs no request", () => {
    const plan = planLayout({ sheets: [], commune: { code: "90001", name: "Xã Thử Nghiệm 1" }, dropDefaultSheet: true });
    expect(plan.complete).toBe(false);
    expect(plan.created).toHaveLength(SHEET_KEYS.length);
  });
});

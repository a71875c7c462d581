/**
 * "Thiết lập mẫu": create or repair every template sheet. Only adds: missing sheets, missing
 * columns (to the right), header notes, frozen + warning-only protected header row, widths and
 * number formats of new columns, data validation, and codes of rows that lack one. Data is never
 * moved or deleted, so running it again on a filled spreadsheet is safe.
 */
import { CRITERIA_SHEET, CRITERIA_WIDTHS, criteriaFormats, criteriaRows } from "../../../shared/evaluation/criteria";
import { SCHEMA_VERSION } from "../../../shared/schemas";
import type { HeaderMap } from "../../../shared/sheet-model";
import {
  headerNote,
  numberFormatOf,
  planHeaders,
  SETTINGS_FORMATS,
  SETTINGS_WIDTHS,
  settingsRows,
  type ValidationPlan,
  validationOf,
} from "../../../shared/template-plan";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import { HEADER_BACKGROUND, HEADER_PROTECTION, SETTINGS_SHEET } from "../config";
import { fillMissingCodes } from "./fill-codes";
import { readSheets } from "./read";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
  created: string[];
  repaired: { title: string; added: string[] }[];
  /** Sheets with a template's name whose first row is not a template header: left alone. */
  untouched: string[];
  codes: number;
}

function buildRule(plan: ValidationPlan, ss: Spreadsheet, maps: Partial<Record<SheetKey, { sheet: Sheet; map: HeaderMap }>>) {
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(plan.allowInvalid).setHelpText(plan.help);
  switch (plan.kind) {
    case "list":
      return b.requireValueInList([...plan.values], true).build();
    case "number":
      return b.requireNumberBetween(plan.min, plan.max).build();
    case "date": {
      const [fy, fm, fd] = plan.from.split("-").map(Number) as [number, number, number];
      const [ty, tm, td] = plan.to.split("-").map(Number) as [number, number, number];
      return b.requireDateBetween(new Date(fy, fm - 1, fd), new Date(ty, tm - 1, td)).build();
    }
    case "ref": {
      const ref = maps[plan.sheet];
      const col = ref?.map.colOf[plan.column];
      if (!ref || col === undefined) return null;
      const rows = Math.max(ref.sheet.getMaxRows() - 1, 1);
      return b.requireValueInRange(ref.sheet.getRange(2, col + 1, rows, 1), true).build();
    }
  }
  void ss;
}

/** (Re)apply the data validation of every template column of a sheet, down to its last row. */
export function applyValidations(
  ss: Spreadsheet,
  key: SheetKey,
  sheet: Sheet,
  map: HeaderMap,
  maps: Partial<Record<SheetKey, { sheet: Sheet; map: HeaderMap }>>,
): void {
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  for (const col of columnsOf(key)) {
    const plan = validationOf(key, col);
    const c = map.colOf[col.key];
    if (!plan || c === undefined) continue;
    const rule = buildRule(plan, ss, maps);
    if (rule) sheet.getRange(2, c + 1, rows, 1).setDataValidation(rule);
  }
}

/** (Re)apply the data validation of one template column (its dropdown), down to the sheet's last row. */
export function applyColumnValidation(ss: Spreadsheet, key: SheetKey, column: string, sheet: Sheet, map: HeaderMap): void {
  const col = columnsOf(key).find((c) => c.key === column);
  const plan = col && validationOf(key, col);
  const c = map.colOf[column];
  const rows = sheet.getMaxRows() - 1;
  if (!plan || c === undefined || rows < 1) return;
  const rule = buildRule(plan, ss, {});
  if (rule) sheet.getRange(2, c + 1, rows, 1).setDataValidation(rule);
}

function ensureSheet(ss: Spreadsheet, title: string, index: number): { sheet: Sheet; created: boolean } {
  const found = ss.getSheetByName(title);
  if (found) return { sheet: found, created: false };
  return { sheet: ss.insertSheet(title, Math.min(index, ss.getNumSheets())), created: true };
}

/** Create or repair one template sheet; returns its header map (null when left alone). */
function ensureTemplate(
  ss: Spreadsheet,
  key: SheetKey,
  index: number,
  report: SetupReport,
  maps: Partial<Record<SheetKey, { sheet: Sheet; map: HeaderMap }>>,
): void {
  const spec = SHEETS[key];
  const { sheet, created } = ensureSheet(ss, spec.title, index);
  const lastCol = sheet.getLastColumn();
  const existing = lastCol > 0 ? (sheet.getRange(1, 1, 1, lastCol).getValues()[0] as unknown[]) : [];
  const plan = planHeaders(key, existing);
  if (!plan.recognized) {
    report.untouched.push(spec.title);
    return;
  }
  const width = plan.headers.length;
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const header = sheet.getRange(1, 1, 1, width);
  const notes = header.getNotes()[0] as string[];
  columnsOf(key).forEach((col, i) => {
    notes[plan.map.colOf[col.key]!] = headerNote(key, col, i);
  });
  header.setValues([plan.headers]);
  header.setNotes([notes]);
  header.setFontWeight("bold").setBackground(HEADER_BACKGROUND).setWrap(true).setVerticalAlignment("middle");
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);

  const rows = sheet.getMaxRows() - 1;
  const specByKey = new Map(columnsOf(key).map((c) => [c.key, c]));
  for (const { key: colKey, col } of plan.added) {
    const c = specByKey.get(colKey)!;
    sheet.setColumnWidth(col + 1, c.width);
    const fmt = numberFormatOf(c);
    if (fmt && rows > 0) sheet.getRange(2, col + 1, rows, 1).setNumberFormat(fmt);
  }

  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).find((p) => p.getDescription() === HEADER_PROTECTION);
  if (protection) protection.setRange(header);
  else header.protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);

  maps[key] = { sheet, map: plan.map };
  applyValidations(ss, key, sheet, plan.map, maps);
  if (created) report.created.push(spec.title);
  else if (plan.added.length) report.repaired.push({ title: spec.title, added: plan.added.map((a) => specByKey.get(a.key)!.header) });
}

export interface CommuneSettings {
  communeCode: string;
  communeName: string;
}

/** The "Cài đặt" sheet: commune code and name, template version, last submission. */
export function ensureSettingsSheet(ss: Spreadsheet, commune: CommuneSettings): void {
  let sheet = ss.getSheetByName(SETTINGS_SHEET);
  if (!sheet) sheet = ss.insertSheet(SETTINGS_SHEET);
  const range = sheet.getRange(1, 1, 7, 2);
  const old = range.getValues() as unknown[][];
  const keep = (r: number) => (old[r]?.[1] ?? "") as unknown;
  range.setNumberFormats(SETTINGS_FORMATS.map((r) => [...r]));
  range.setValues(
    settingsRows({
      communeCode: commune.communeCode,
      communeName: commune.communeName,
      schemaVersion: SCHEMA_VERSION,
      lastSubmission: keep(4),
      lastResult: keep(5),
    }),
  );
  sheet.getRange(1, 1, 1, 2).setFontWeight("bold").setBackground(HEADER_BACKGROUND);
  sheet.setColumnWidth(1, SETTINGS_WIDTHS[0]);
  sheet.setColumnWidth(2, SETTINGS_WIDTHS[1]);
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).find((p) => p.getDescription() === HEADER_PROTECTION);
  if (!protection) range.protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
}

/**
 * The evaluation rule table (shared/evaluation/criteria.ts), created with its defaults when missing;
 * an existing one is the commune's and is left as it is.
 */
export function ensureCriteriaSheet(ss: Spreadsheet): { sheet: Sheet; created: boolean } {
  const found = ss.getSheetByName(CRITERIA_SHEET);
  if (found) return { sheet: found, created: false };
  const sheet = ss.insertSheet(CRITERIA_SHEET);
  const rows = criteriaRows();
  const range = sheet.getRange(1, 1, rows.length, rows[0]!.length);
  range.setNumberFormats(criteriaFormats());
  range.setValues(rows);
  const header = sheet.getRange(1, 1, 1, rows[0]!.length);
  header.setFontWeight("bold").setBackground(HEADER_BACKGROUND);
  CRITERIA_WIDTHS.forEach((w, i) => {
    sheet.setColumnWidth(i + 1, w);
  });
  sheet.setFrozenRows(1);
  header.protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
  return { sheet, created: true };
}

/** Record the last submission on the settings sheet (when it exists). */
export function recordLastSubmission(ss: Spreadsheet, when: string, result: string): void {
  const sheet = ss.getSheetByName(SETTINGS_SHEET);
  if (!sheet) return;
  sheet.getRange(5, 2, 2, 1).setValues([[when], [result]]);
}

/** Create or repair every template sheet, then fill missing codes. */
export function ensureTemplates(ss: Spreadsheet): SetupReport {
  const report: SetupReport = { created: [], repaired: [], untouched: [], codes: 0 };
  const maps: Partial<Record<SheetKey, { sheet: Sheet; map: HeaderMap }>> = {};
  SHEET_KEYS.forEach((key, i) => {
    ensureTemplate(ss, key, i, report, maps);
  });
  const data = readSheets(ss, ["teams", "households", "adhoc"]);
  report.codes = fillMissingCodes(data);
  return report;
}

/** The setup report in Vietnamese. */
export function setupText(r: SetupReport): string {
  const lines: string[] = [];
  if (r.created.length) lines.push(`Đã tạo ${r.created.length} trang: ${r.created.join(", ")}.`);
  for (const x of r.repaired) lines.push(`Trang "${x.title}": đã thêm cột ${x.added.map((h) => `"${h}"`).join(", ")}.`);
  if (!r.created.length && !r.repaired.length) lines.push("Các trang mẫu đã đầy đủ; đã cập nhật ghi chú, định dạng và danh sách chọn.");
  if (r.codes) lines.push(`Đã tạo ${r.codes} mã mới cho các dòng chưa có mã.`);
  for (const t of r.untouched)
    lines.push(
      `Trang "${t}" đã có dữ liệu nhưng dòng 1 không phải tiêu đề của mẫu nên không được sửa. Hãy đổi tên trang đó rồi chạy lại Thiết lập mẫu.`,
    );
  lines.push("Dữ liệu đã nhập không bị xóa hay di chuyển.");
  return lines.join("\n");
}

/**
 * "Nhập danh sách có sẵn": read a list in the plan's layout (mẫu 01 or mẫu 02) from another sheet
 * of this spreadsheet and append what is new to the standard sheets — one getValues of the source,
 * one getValues and at most one setValues per standard sheet.
 */

import { objectToRow, rowsToObjects } from "../../../shared/sheet-model";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import { SETTINGS_SHEET } from "../config";
import { detectLayout } from "../import-layout";
import { parseMau01 } from "../import-mau01";
import { type ImportProblem, parseMau02 } from "../import-mau02";
import { type ImportPlan, type Mau02Target, planMau01, planMau02, type Row } from "../import-plan";
import { dateToIsoIn, readSheets, type SheetData } from "./read";
import { applyValidations, ensureTemplates } from "./setup";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ImportReport {
  ok: boolean;
  kind: "mau01" | "mau02" | null;
  added: Record<"villages" | "teams" | "members" | "households", number>;
  skipped: ImportProblem[];
  problems: ImportProblem[];
  reminders: string[];
  text: string;
}

const TEMPLATE_TITLES = new Set<string>([...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET]);

/** Sheets a list can be imported from: every sheet that is not a template sheet. */
export function importSources(ss: Spreadsheet): string[] {
  return ss
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => !TEMPLATE_TITLES.has(n));
}

/** Villages already in the Thôn sheet, for the import dialog. */
export function knownVillages(ss: Spreadsheet): { code: string; name: string }[] {
  const d = readSheets(ss, ["villages"]).villages;
  if (!d.map) return [];
  return rowsToObjects(d.values, d.map, { dateToIso: (x) => x.toISOString() })
    .filter((r) => r.village_code)
    .map((r) => ({ code: String(r.village_code), name: String(r.village_name ?? "") }));
}

function appendRows(ss: Spreadsheet, d: SheetData, rows: Row[]): boolean {
  if (!rows.length || !d.sheet || !d.map) return false;
  const width = Math.max(d.values[0]?.length ?? 0, ...Object.values(d.map.colOf).map((c) => c + 1));
  const start = Math.max(d.values.length, 1) + 1;
  const need = start + rows.length - 1;
  const max = d.sheet.getMaxRows();
  let grew = false;
  if (need > max) {
    d.sheet.insertRowsAfter(max, need - max);
    grew = true;
  }
  d.sheet.getRange(start, 1, rows.length, width).setValues(rows.map((r) => objectToRow(r, d.map!, width)));
  void ss;
  return grew;
}

function describeProblems(title: string, list: readonly ImportProblem[], limit = 20): string[] {
  if (!list.length) return [];
  const lines = [`${title} (${list.length}):`];
  for (const p of list.slice(0, limit)) lines.push(`• ${p.row !== null ? `Dòng ${p.row}: ` : ""}${p.reason}`);
  if (list.length > limit) lines.push(`… và ${list.length - limit} dòng khác.`);
  return lines;
}

export function importText(r: Omit<ImportReport, "text">, source: string): string {
  const kind = r.kind === "mau02" ? "danh sách hộ gia đình (mẫu 02)" : r.kind === "mau01" ? "danh sách thành viên (mẫu 01)" : "danh sách";
  const a = r.added;
  const lines = [
    `Đã đọc ${kind} từ trang "${source}".`,
    `Đã thêm: ${a.villages} thôn, ${a.teams} tổ, ${a.members} thành viên, ${a.households} hộ gia đình.`,
    ...describeProblems("Bỏ qua vì đã có", r.skipped),
    ...describeProblems("Không đọc được", r.problems),
  ];
  if (r.reminders.length) lines.push("Việc cần làm tiếp:", ...r.reminders.map((x) => `• ${x}`));
  lines.push("Sau khi bổ sung, hãy chạy Dân vận → Kiểm tra dữ liệu.");
  return lines.join("\n");
}

export function importFromSheet(ss: Spreadsheet, source: string, target: Mau02Target): ImportReport {
  const empty = { villages: 0, teams: 0, members: 0, households: 0 };
  const fail = (reason: string): ImportReport => {
    const r = { ok: false, kind: null, added: empty, skipped: [], problems: [{ row: null, reason }], reminders: [] };
    return { ...r, text: reason };
  };
  if (TEMPLATE_TITLES.has(source)) return fail(`Trang "${source}" là trang mẫu của tiện ích; hãy chọn trang chứa danh sách cần nhập.`);
  const src = ss.getSheetByName(source);
  if (!src) return fail(`Không có trang "${source}".`);
  const values = src.getDataRange().getValues() as unknown[][];
  const detected = detectLayout(values);
  if (!detected) {
    return fail(`Trang "${source}" không có dòng tiêu đề của mẫu 01 (danh sách thành viên) hay mẫu 02 (danh sách hộ gia đình).`);
  }
  ensureTemplates(ss);
  const keys = ["villages", "teams", "members", "households"] as const satisfies readonly SheetKey[];
  const data = readSheets(ss, keys);
  const toIso = dateToIsoIn(ss.getSpreadsheetTimeZone());
  const reg = Object.fromEntries(
    keys.map((k) => [k, data[k].map ? rowsToObjects(data[k].values, data[k].map!, { dateToIso: toIso }) : []]),
  ) as unknown as Parameters<typeof planMau01>[1];
  let plan: ImportPlan;
  if (detected.kind === "mau02") {
    const parsed = parseMau02(values, detected.layout);
    if ("error" in parsed) return fail(parsed.error);
    plan = planMau02(parsed, reg, target);
  } else {
    const parsed = parseMau01(values, detected.layout);
    if ("error" in parsed) return fail(parsed.error);
    plan = planMau01(parsed, reg);
  }
  const maps: Parameters<typeof applyValidations>[4] = {};
  for (const k of keys) if (data[k].sheet && data[k].map) maps[k] = { sheet: data[k].sheet!, map: data[k].map! };
  for (const k of keys) {
    const grew = appendRows(ss, data[k], plan.add[k]);
    if (grew && maps[k]) applyValidations(ss, k, maps[k]!.sheet, maps[k]!.map, maps);
  }
  const added = {
    villages: plan.add.villages.length,
    teams: plan.add.teams.length,
    members: plan.add.members.length,
    households: plan.add.households.length,
  };
  const base = { ok: true, kind: detected.kind, added, skipped: plan.skipped, problems: plan.problems, reminders: plan.reminders };
  return { ...base, text: importText(base, source) };
}

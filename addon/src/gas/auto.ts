/**
 * Weekly automatic submission. An editor add-on's time-driven trigger runs without an open
 * document: it cannot read document properties or getActiveSpreadsheet(). So "Bật" copies this
 * spreadsheet's connection settings into the user's properties (private to that user), one
 * trigger per user runs every Monday morning, opens each enabled spreadsheet by id
 * (needs the `spreadsheets` scope) and submits it; the result goes on its "Cài đặt" sheet.
 */
import { todayVi } from "../../../shared/periods";
import { AUTO_HANDLER, USER_PROP_AUTO } from "../config";
import { fromProperties, type Settings } from "./props";
import { recordLastSubmission } from "./setup";
import { submitWorkbook } from "./submission";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface AutoEntry {
  id: string;
  name: string;
  url: string;
  token: string;
  commune_code: string;
  commune_name: string;
  last?: { at: string; ok: boolean; text: string };
}

function userProps() {
  return PropertiesService.getUserProperties();
}

export function readAutoList(): AutoEntry[] {
  try {
    const v = JSON.parse(userProps().getProperty(USER_PROP_AUTO) ?? "[]") as unknown;
    return Array.isArray(v) ? (v as AutoEntry[]) : [];
  } catch {
    return [];
  }
}

function writeAutoList(list: AutoEntry[]): void {
  if (list.length) userProps().setProperty(USER_PROP_AUTO, JSON.stringify(list));
  else userProps().deleteProperty(USER_PROP_AUTO);
}

function ourTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === AUTO_HANDLER);
}

export function isAutoEnabled(ss: Spreadsheet): boolean {
  return readAutoList().some((e) => e.id === ss.getId());
}

/** Turn on weekly submission of this spreadsheet (with the given settings). */
export function enableAuto(ss: Spreadsheet, s: Settings): void {
  const id = ss.getId();
  const list = readAutoList().filter((e) => e.id !== id);
  list.push({ id, name: ss.getName(), url: s.workerUrl, token: s.token, commune_code: s.communeCode, commune_name: s.communeName });
  writeAutoList(list);
  if (ourTriggers().length === 0) {
    ScriptApp.newTrigger(AUTO_HANDLER).timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(7).create();
  }
}

/** Turn it off for this spreadsheet; the trigger goes when no spreadsheet uses it. */
export function disableAuto(ss: Spreadsheet): void {
  const list = readAutoList().filter((e) => e.id !== ss.getId());
  writeAutoList(list);
  if (list.length === 0) for (const t of ourTriggers()) ScriptApp.deleteTrigger(t);
}

/** Keep the copy of the settings in step when the clerk changes them. */
export function syncAutoSettings(ss: Spreadsheet, s: Settings): void {
  const list = readAutoList();
  const e = list.find((x) => x.id === ss.getId());
  if (!e) return;
  Object.assign(e, { url: s.workerUrl, token: s.token, commune_code: s.communeCode, commune_name: s.communeName });
  writeAutoList(list);
}

/** The trigger's work: submit every enabled spreadsheet, record each result. */
export function runAutoSubmissions(): AutoEntry[] {
  const list = readAutoList();
  for (const e of list) {
    const at = new Date().toISOString();
    try {
      const ss = SpreadsheetApp.openById(e.id);
      const r = submitWorkbook({
        ss,
        kv: fromProperties(userProps(), `${e.id}:`),
        settings: { workerUrl: e.url, token: e.token, communeCode: e.commune_code, communeName: e.commune_name },
        today: todayVi(),
      });
      if (r.status === "sent") {
        const text =
          r.outcome.kind === "confirm"
            ? "Gửi tự động: chưa gửi vì lần gửi này xóa nhiều dữ liệu; hãy mở bảng tính và bấm Gửi báo cáo để xác nhận."
            : r.outcome.title;
        e.last = { at, ok: r.outcome.kind === "accepted", text };
      } else {
        const text =
          r.status === "blocked_errors"
            ? `Gửi tự động: chưa gửi vì bảng tính còn ${r.check.summary.errors} lỗi.`
            : `Gửi tự động: ${r.missing.join(" ")}`;
        e.last = { at, ok: false, text };
        recordLastSubmission(ss, at, text);
      }
    } catch (err) {
      const m = (err as { message?: unknown } | null)?.message;
      e.last = { at, ok: false, text: `Lỗi: ${typeof m === "string" ? m : String(err)}` };
    }
  }
  writeAutoList(list);
  return list;
}

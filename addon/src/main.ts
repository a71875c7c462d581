/**
 * Entry of the "Dân vận" Google Sheets Editor add-on. Every export here becomes a top-level
 * function of the Apps Script bundle (scripts/build-addon.mjs): triggers, menu handlers and the
 * functions sidebars and dialogs call through google.script.run.
 */
import "./polyfill";
import { todayVi } from "../../shared/periods";
import { SHEETS } from "../../shared/templates";
import { PROP } from "./config";
import { decisionBlocks } from "./decision";
import { disableAuto, enableAuto, isAutoEnabled, runAutoSubmissions, syncAutoSettings } from "./gas/auto";
import { runCheck } from "./gas/check";
import { createDoc } from "./gas/docs";
import { type ImportReport, importFromSheet, importSources, knownVillages } from "./gas/import";
import { documentKV, missingSettings, readSettings } from "./gas/props";
import { ensureSettingsSheet, ensureTemplates, setupText } from "./gas/setup";
import { type SubmitResult, submitWorkbook } from "./gas/submission";
import { alert, prompt, showCheckSidebar, showImportDialog, showSettingsDialog } from "./gas/ui";
import type { Mau02Target } from "./import-plan";
import { submissionsUrl, validWorkerUrl } from "./submit";
import { type CheckSummary, summaryText } from "./summary";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === "string" ? m : String(e);
}

/** Run a menu handler; an unexpected failure is shown in Vietnamese instead of Google's generic box. */
function guard<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    alert(
      "Đã xảy ra lỗi",
      `Không thực hiện được "${what}": ${messageOf(e)}\nDữ liệu đã nhập không bị mất. Hãy thử lại; nếu vẫn lỗi, báo cho cán bộ phụ trách.`,
    );
    return undefined;
  }
}

// ---------------------------------------------------------------- triggers

/** Simple trigger: builds the menu (runs in AuthMode.NONE/LIMITED: no properties, no sheets). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Thiết lập mẫu", "menuSetup")
    .addItem("Nhập danh sách có sẵn", "menuImport")
    .addSeparator()
    .addItem("Kiểm tra dữ liệu", "menuCheck")
    .addItem("Gửi báo cáo", "menuSubmit")
    .addSeparator()
    .addItem("Tạo Quyết định thành lập tổ", "menuDecision")
    .addSeparator()
    .addItem("Cài đặt kết nối", "menuConnection")
    .addItem("Bật gửi tự động hằng tuần", "menuAutoOn")
    .addItem("Tắt gửi tự động hằng tuần", "menuAutoOff")
    .addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

// ---------------------------------------------------------------- 1. Thiết lập mẫu

function askCommuneCode(current: string): string | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    const keep = current ? `\nĐể trống để giữ mã hiện tại: ${current}.` : "";
    const again = attempt > 0 ? "Mã xã phải gồm đúng 5 chữ số, ví dụ 07576.\n" : "";
    const answer = prompt("Thiết lập mẫu: mã xã", `${again}Nhập mã xã (mã đơn vị hành chính, 5 chữ số).${keep}`);
    if (answer === null) return null;
    const v = answer.trim();
    if (!v && current) return current;
    if (/^\d{5}$/.test(v)) return v;
  }
  alert("Chưa thiết lập", "Mã xã không hợp lệ (cần 5 chữ số). Hãy chạy lại Thiết lập mẫu.");
  return null;
}

function askCommuneName(current: string): string | null {
  const keep = current ? `\nĐể trống để giữ tên hiện tại: ${current}.` : "";
  const answer = prompt("Thiết lập mẫu: tên xã", `Nhập tên xã, ví dụ: Xã Quý Sơn.${keep}`);
  if (answer === null) return null;
  return answer.trim().replace(/\s+/g, " ") || current;
}

/** Menu "Thiết lập mẫu": ask for the commune, then create or repair every template sheet. */
export function menuSetup(): void {
  guard("Thiết lập mẫu", () => {
    const ss = active();
    const kv = documentKV();
    const cur = readSettings(kv);
    const code = askCommuneCode(cur.communeCode);
    if (code === null) return;
    const name = askCommuneName(cur.communeName);
    if (name === null) return;
    kv.set(PROP.communeCode, code);
    kv.set(PROP.communeName, name);
    ensureSettingsSheet(ss, { communeCode: code, communeName: name });
    const report = ensureTemplates(ss);
    syncAutoSettings(ss, readSettings(kv));
    alert("Đã thiết lập mẫu", `Xã: ${name || "(chưa có tên)"} — mã ${code}.\n${setupText(report)}`);
  });
}

// ---------------------------------------------------------------- 2. Kiểm tra dữ liệu

/** Check every sheet, mark bad cells, return the summary (sidebar "Kiểm tra lại" calls this). */
export function runCheckNow(): CheckSummary {
  return runCheck(active(), documentKV(), { today: todayVi() }).summary;
}

/** Menu "Kiểm tra dữ liệu". */
export function menuCheck(): void {
  guard("Kiểm tra dữ liệu", () => showCheckSidebar(runCheckNow()));
}

/** Sidebar: jump to a cell. */
export function jumpToCell(sheetTitle: string, a1: string): boolean {
  const ss = active();
  const sheet = ss.getSheetByName(sheetTitle);
  if (!sheet) return false;
  ss.setActiveSheet(sheet);
  sheet.setActiveRange(sheet.getRange(a1));
  return true;
}

// ---------------------------------------------------------------- 3. Gửi báo cáo

function showSubmitResult(r: SubmitResult): void {
  if (r.status === "blocked_errors") {
    showCheckSidebar(r.check.summary);
    alert(
      "Chưa gửi báo cáo",
      `Bảng tính còn lỗi nên chưa gửi gì lên máy chủ.\n${summaryText(r.check.summary)}\nCác ô có lỗi đã được tô đỏ; xem danh sách ở khung bên phải, sửa rồi gửi lại.`,
    );
  } else if (r.status === "blocked_settings") {
    alert("Chưa gửi báo cáo", r.missing.join("\n"));
  } else {
    const again = r.retry ? "\n\n(Đây là lần gửi lại của lần trước, cùng mã lần gửi.)" : "";
    alert(r.outcome.title, r.outcome.message + again);
  }
}

/** What a submission did, as plain data. */
export interface SubmitReport {
  status: SubmitResult["status"];
  errors: number;
  warnings: number;
  submission_id?: string;
  retry?: boolean;
  outcome?: string;
  title?: string;
}

function reportOf(r: SubmitResult): SubmitReport {
  const base = { status: r.status, errors: r.check.summary.errors, warnings: r.check.summary.warnings };
  return r.status === "sent"
    ? { ...base, submission_id: r.submissionId, retry: r.retry, outcome: r.outcome.kind, title: r.outcome.title }
    : base;
}

/** Menu "Gửi báo cáo". Returns what happened (plain data) for callers and tests. */
export function menuSubmit(): SubmitReport | undefined {
  return guard("Gửi báo cáo", () => {
    const kv = documentKV();
    const r = submitWorkbook({ ss: active(), kv, settings: readSettings(kv), today: todayVi() });
    showSubmitResult(r);
    return reportOf(r);
  });
}

// ---------------------------------------------------------------- 4. Nhập danh sách có sẵn

export function getImportOptions(): { sources: string[]; villages: { code: string; name: string }[] } {
  const ss = active();
  return { sources: importSources(ss), villages: knownVillages(ss) };
}

/** Menu "Nhập danh sách có sẵn": a dialog to pick the sheet (and, for mẫu 02, the village). */
export function menuImport(): void {
  guard("Nhập danh sách có sẵn", () => {
    const options = getImportOptions();
    if (!options.sources.length) {
      alert(
        "Nhập danh sách có sẵn",
        "Hãy dán (hoặc sao chép) danh sách theo mẫu 01 hoặc mẫu 02 vào một trang mới của bảng tính này, rồi chạy lại.",
      );
      return;
    }
    showImportDialog(options);
  });
}

/** Dialog: import the list on sheet `source`. */
export function importList(source: string, target?: Mau02Target): ImportReport {
  return importFromSheet(active(), source, target ?? {});
}

// ---------------------------------------------------------------- 5. Tạo Quyết định

/** Menu "Tạo Quyết định thành lập tổ": a Google Doc of the decision and its member list (mẫu 01). */
export function menuDecision(): { url: string } | undefined {
  return guard("Tạo Quyết định", () => {
    const ss = active();
    const kv = documentKV();
    const run = runCheck(ss, kv, { today: todayVi() });
    const roster = run.result.issues.filter(
      (i) => i.severity === "error" && (i.sheet === "villages" || i.sheet === "teams" || i.sheet === "members"),
    );
    if (roster.length) {
      showCheckSidebar(run.summary);
      alert("Chưa tạo Quyết định", `Các trang Thôn, Tổ, Thành viên còn ${roster.length} lỗi. Hãy sửa (xem khung bên phải) rồi tạo lại.`);
      return undefined;
    }
    const wb = run.result.workbook;
    if (!wb.members.length) {
      alert("Chưa tạo Quyết định", `Trang "${SHEETS.members.title}" chưa có thành viên nào.`);
      return undefined;
    }
    const settings = readSettings(kv);
    const today = todayVi();
    const doc = createDoc(
      `Quyết định thành lập Tổ Dân vận cộng đồng - ${settings.communeName || settings.communeCode}`,
      decisionBlocks({ communeName: settings.communeName, today, workbook: wb }),
    );
    const safe = doc.url.replace(/"/g, "&quot;");
    const html = HtmlService.createHtmlOutput(
      `<p style="font-family:Arial,sans-serif">Đã tạo dự thảo Quyết định và danh sách thành viên (mẫu 01) trong Google Drive của bạn.</p>` +
        `<p style="font-family:Arial,sans-serif"><a href="${safe}" target="_blank" rel="noopener">Mở Quyết định</a></p>`,
    )
      .setWidth(420)
      .setHeight(160);
    SpreadsheetApp.getUi().showModalDialog(html, "Tạo Quyết định");
    return { url: doc.url };
  });
}

// ---------------------------------------------------------------- Cài đặt kết nối

export interface ConnectionView {
  url: string;
  hasToken: boolean;
  tokenHint: string;
  communeCode: string;
  communeName: string;
  endpoint: string;
  auto: boolean;
}

export function getConnectionSettings(): ConnectionView {
  const s = readSettings(documentKV());
  let auto = false;
  try {
    auto = isAutoEnabled(active());
  } catch {
    auto = false;
  }
  return {
    url: s.workerUrl,
    hasToken: !!s.token,
    tokenHint: s.token ? `…${s.token.slice(-4)}` : "",
    communeCode: s.communeCode,
    communeName: s.communeName,
    endpoint: s.workerUrl ? submissionsUrl(s.workerUrl) : "",
    auto,
  };
}

/** Dialog: save the worker URL and (when given) a new token. An empty token keeps the old one. */
export function saveConnectionSettings(form: { url?: string; token?: string }): { ok: boolean; message: string } {
  const url = String(form?.url ?? "").trim();
  const token = String(form?.token ?? "").trim();
  if (!validWorkerUrl(url))
    return { ok: false, message: "Địa chỉ máy chủ phải bắt đầu bằng https:// (ví dụ https://dan-van.example.workers.dev)." };
  const kv = documentKV();
  if (!token && !kv.get(PROP.token)) return { ok: false, message: "Hãy nhập mã truy cập của xã (do huyện cấp)." };
  if (token && !/^dvc_[0-9a-f]{32}$/.test(token)) {
    return {
      ok: false,
      message:
        'Mã truy cập không đúng dạng: mã của xã bắt đầu bằng "dvc_" và có thêm 32 chữ số/chữ cái. Hãy dán đúng và đủ mã do huyện cấp.',
    };
  }
  kv.set(PROP.workerUrl, url.replace(/\/+$/, ""));
  if (token) kv.set(PROP.token, token);
  syncAutoSettings(active(), readSettings(kv));
  return { ok: true, message: "Đã lưu cài đặt kết nối. Mã truy cập được giữ kín, không ghi vào bảng tính." };
}

/** Menu "Cài đặt kết nối". */
export function menuConnection(): void {
  guard("Cài đặt kết nối", () => showSettingsDialog(getConnectionSettings()));
}

// ---------------------------------------------------------------- 6. Gửi tự động hằng tuần

/** Menu "Bật gửi tự động hằng tuần". */
export function menuAutoOn(): void {
  guard("Bật gửi tự động", () => {
    const s = readSettings(documentKV());
    const missing = missingSettings(s);
    if (missing.length) {
      alert("Chưa bật gửi tự động", missing.join("\n"));
      return;
    }
    enableAuto(active(), s);
    alert(
      "Đã bật gửi tự động",
      "Vào khoảng 7–8 giờ sáng thứ Hai hằng tuần, tiện ích sẽ tự kiểm tra và gửi báo cáo của bảng tính này. Nếu bảng tính còn lỗi thì không gửi. Kết quả ghi ở trang Cài đặt.",
    );
  });
}

/** Menu "Tắt gửi tự động hằng tuần". */
export function menuAutoOff(): void {
  guard("Tắt gửi tự động", () => {
    disableAuto(active());
    alert("Đã tắt gửi tự động", "Bảng tính này sẽ không được gửi tự động nữa. Bạn vẫn có thể gửi bằng menu Gửi báo cáo.");
  });
}

/** Time-driven trigger handler (installed by menuAutoOn). No UI here. */
export function autoSubmitWeekly(): void {
  runAutoSubmissions();
}

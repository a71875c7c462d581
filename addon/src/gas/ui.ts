/** Sidebars, dialogs and alerts (HtmlService, Ui). */
import { ADDON_TITLE } from "../config";
import type { CheckSummary } from "../summary";

/** JSON safe to put inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function page(file: string, data: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const t = HtmlService.createTemplateFromFile(file);
  t.data = scriptJson(data);
  return t.evaluate();
}

export function showCheckSidebar(summary: CheckSummary): void {
  const html = page("Sidebar", summary).setTitle(`${ADDON_TITLE}: kiểm tra dữ liệu`);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showSettingsDialog(data: unknown): void {
  const html = page("Settings", data).setWidth(460).setHeight(360);
  SpreadsheetApp.getUi().showModalDialog(html, "Cài đặt kết nối");
}

export function showImportDialog(data: unknown): void {
  const html = page("Import", data).setWidth(520).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(html, "Nhập danh sách có sẵn");
}

/** A modal dialog from an HTML file of addon/html, with `data` for its script. */
export function showDialog(file: string, data: unknown, title: string, width: number, height: number): void {
  SpreadsheetApp.getUi().showModalDialog(page(file, data).setWidth(width).setHeight(height), title);
}

/** A dialog with the link to a document just created in the clerk's Drive. */
export function showDocumentLink(url: string): void {
  const safe = url.replace(/"/g, "&quot;");
  const html = HtmlService.createHtmlOutput(
    `<p style="font-family:Arial,sans-serif">Đã tạo dự thảo Quyết định và danh sách thành viên (mẫu 01) trong Google Drive của bạn.</p>` +
      `<p style="font-family:Arial,sans-serif"><a href="${safe}" target="_blank" rel="noopener">Mở Quyết định</a></p>`,
  )
    .setWidth(420)
    .setHeight(160);
  SpreadsheetApp.getUi().showModalDialog(html, "Tạo Quyết định");
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** Ask for a text; null when cancelled or closed. */
export function prompt(title: string, message: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const r = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
  return r.getSelectedButton() === ui.Button.OK ? r.getResponseText() : null;
}

export function confirm(title: string, message: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

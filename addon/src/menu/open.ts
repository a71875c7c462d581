/**
 * Simple triggers: the "Dân vận" menu. They run in AuthMode.NONE/LIMITED (no properties, no sheets):
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
 */

/** Simple trigger: builds the menu. Each item names a top-level function of the bundle (main.ts). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Thiết lập mẫu", "menuSetup")
    .addItem("Nhập danh sách có sẵn", "menuImport")
    .addSeparator()
    .addItem("Kiểm tra dữ liệu", "menuCheck")
    .addItem("Gửi báo cáo", "menuSubmit")
    .addItem("Chốt số liệu kỳ", "menuClosePeriod")
    .addSeparator()
    .addItem("Mẫu tin nhắn Zalo cho các tổ", "menuZaloForms")
    .addItem("Dán báo cáo Zalo", "menuZaloPaste")
    .addItem("Tạo báo cáo tuần mới", "menuNewWeek")
    .addItem("Dự thảo đánh giá, xếp loại tổ", "menuEvaluationDraft")
    .addSeparator()
    .addItem("Tạo Quyết định thành lập tổ", "menuDecision")
    .addItem("Chuyển đổi thôn (xã bị chia tách)", "menuVillageMoves")
    .addSeparator()
    .addItem("Cài đặt kết nối", "menuConnection")
    .addItem("Bật gửi tự động hằng tuần", "menuAutoOn")
    .addItem("Tắt gửi tự động hằng tuần", "menuAutoOff")
    .addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/**
 * Menus "Mẫu tin nhắn Zalo cho các tổ" and "Dán báo cáo Zalo", and what their dialogs call back:
 * the forms of a week, reading a paste (shown beside each message before anything is written), and
 * writing it.
 */
import { isoWeekKey, todayVi } from "../../../shared/periods";
import { showDialog } from "../gas/ui";
import { type ZaloForms, type ZaloPasteResult, zaloForms, zaloPaste } from "../gas/zalo";
import { active, guard } from "./guard";

/** The week teams report on next: the current one. */
export const comingWeek = () => isoWeekKey(todayVi());

/** Dialog: the forms of `week` (the dialog's "Đổi tuần"). */
export function getZaloForms(week: string): ZaloForms {
  return zaloForms(active(), week || comingWeek());
}

export function menuZaloForms(): void {
  guard("Mẫu tin nhắn Zalo", () => showDialog("ZaloForms", getZaloForms(comingWeek()), "Mẫu tin nhắn báo cáo tuần gửi các tổ", 620, 560));
}

export function menuZaloPaste(): void {
  guard("Dán báo cáo Zalo", () => showDialog("ZaloPaste", { week: comingWeek() }, "Dán báo cáo Zalo", 900, 620));
}

/** Dialog "Đọc tin nhắn": what each message says, nothing written. */
export function previewZaloPaste(paste: string, defaultWeek?: string): ZaloPasteResult {
  return zaloPaste(active(), String(paste ?? ""), { today: todayVi(), ...(defaultWeek ? { defaultWeek } : {}), apply: false });
}

/** Dialog "Ghi vào trang Báo cáo tuần": the same reading, written. */
export function applyZaloPaste(paste: string, defaultWeek?: string): ZaloPasteResult {
  return zaloPaste(active(), String(paste ?? ""), { today: todayVi(), ...(defaultWeek ? { defaultWeek } : {}), apply: true });
}

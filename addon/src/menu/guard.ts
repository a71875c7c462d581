/** What every menu handler shares: the active spreadsheet, and a guard that turns a failure into a Vietnamese alert. */
import { alert } from "../gas/ui";

export const active = () => SpreadsheetApp.getActiveSpreadsheet();

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === "string" ? m : String(e);
}

/** Run a menu handler; an unexpected failure is shown in Vietnamese instead of Google's generic box. */
export function guard<T>(what: string, fn: () => T): T | undefined {
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

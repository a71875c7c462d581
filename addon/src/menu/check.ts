/** Menu "Kiểm tra dữ liệu" and what its sidebar calls back (check again, jump to a cell). */
import { todayVi } from "../../../shared/periods";
import { runCheck } from "../gas/check";
import { fillUnknownAnswers } from "../gas/fill-unknown";
import { documentKV } from "../gas/props";
import { showCheckSidebar } from "../gas/ui";
import type { CheckSummary } from "../summary";
import { active, guard } from "./guard";

/** Check every sheet, mark bad cells, return the summary (sidebar "Kiểm tra lại" calls this). */
export function runCheckNow(): CheckSummary {
  return runCheck(active(), documentKV(), { today: todayVi() }).summary;
}

/** Menu "Kiểm tra dữ liệu". */
export function menuCheck(): void {
  guard("Kiểm tra dữ liệu", () => showCheckSidebar(runCheckNow()));
}

/** Sidebar button "Điền «Chưa rõ»": answer the blank Zalo cells as unknown, then check again. */
export function fillUnknownAndCheck(): CheckSummary {
  fillUnknownAnswers(active());
  return runCheckNow();
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

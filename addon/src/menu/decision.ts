/** Menu "Tạo Quyết định thành lập tổ": a Google Doc of the decision and its member list (mẫu 01). */
import { todayVi } from "../../../shared/periods";
import { SHEETS } from "../../../shared/templates";
import { decisionBlocks } from "../decision";
import { steeringDecisionBlocks } from "../decision-steering";
import { runCheck } from "../gas/check";
import { createDoc } from "../gas/docs";
import { documentKV, readSettings } from "../gas/props";
import { alert, showCheckSidebar, showDocumentLink } from "../gas/ui";
import { active, guard } from "./guard";

export function menuDecision(): { url: string } | undefined {
  return guard("Tạo Quyết định", () => {
    const ss = active();
    const kv = documentKV();
    const run = runCheck(ss, kv, { today: todayVi() });
    const roster = run.result.issues.filter(
      (i) => i.severity === "error" && (i.sheet === "villages" || i.sheet === "teams" || i.sheet === "members" || i.sheet === "steering"),
    );
    if (roster.length) {
      showCheckSidebar(run.summary);
      alert(
        "Chưa tạo Quyết định",
        `Các trang Thôn, Tổ, Thành viên, Ban Chỉ đạo còn ${roster.length} lỗi. Hãy sửa (xem khung bên phải) rồi tạo lại.`,
      );
      return undefined;
    }
    const wb = run.result.workbook;
    if (!wb.members.length) {
      alert("Chưa tạo Quyết định", `Trang "${SHEETS.members.title}" chưa có thành viên nào.`);
      return undefined;
    }
    const settings = readSettings(kv);
    const today = todayVi();
    const doc = createDoc(`Quyết định thành lập Tổ Dân vận cộng đồng - ${settings.communeName || settings.communeCode}`, [
      ...decisionBlocks({ communeName: settings.communeName, today, workbook: wb }),
      // The Ban Chỉ đạo's own decision, when its sheet has members.
      ...(wb.steering?.length ? steeringDecisionBlocks(settings.communeName, today, wb.steering) : []),
    ]);
    showDocumentLink(doc.url);
    return { url: doc.url };
  });
}

/** Menu "Gửi báo cáo": submit the workbook (../gas/submission.ts) and tell the clerk what happened. */
import { todayVi } from "../../../shared/periods";
import { documentKV, readSettings } from "../gas/props";
import { type SubmitResult, submitWorkbook } from "../gas/submission";
import { alert, confirm, showCheckSidebar } from "../gas/ui";
import { summaryText } from "../summary";
import { active, guard } from "./guard";

function showSubmitResult(r: SubmitResult): void {
  if (r.status === "blocked_errors") {
    showCheckSidebar(r.check.summary);
    alert(
      "Chưa gửi báo cáo",
      `Bảng tính còn lỗi nên chưa gửi gì lên máy chủ.\n${summaryText(r.check.summary)}\nCác ô có lỗi đã được tô đỏ; xem danh sách ở khung bên phải, sửa rồi gửi lại.`,
    );
  } else if (r.status === "blocked_settings") {
    alert("Chưa gửi báo cáo", r.missing.join("\n"));
  } else if (r.outcome.kind === "confirm") {
    alert(
      "Chưa gửi báo cáo",
      "Bạn chưa đồng ý xóa các dòng đó nên chưa gửi gì; dữ liệu trên máy chủ giữ nguyên.\nHãy kiểm tra lại các trang rồi gửi lại.",
    );
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
    const r = submitWorkbook({ ss: active(), kv, settings: readSettings(kv), today: todayVi(), confirm });
    showSubmitResult(r);
    return reportOf(r);
  });
}

/**
 * Menu "Chốt số liệu kỳ" (issue 13): the clerk names a month or a quarter and who closes it; the
 * workbook is checked first (errors are marked and nothing is sent, as for "Gửi báo cáo"); then the
 * worker records the period's figures as of the commune's latest accepted submission. Errors the
 * worker finds (its last submission refused) are listed in the answer.
 */
import { todayVi } from "../../../shared/periods";
import { closeRequest, interpretClose } from "../closing";
import { runCheck } from "../gas/check";
import { postClosing } from "../gas/closing";
import { documentKV, missingSettings, readSettings } from "../gas/props";
import { alert, confirm, prompt, showCheckSidebar } from "../gas/ui";
import { summaryText } from "../summary";
import { issueLines } from "../village-moves";
import { active, guard } from "./guard";

const TITLE = "Chốt số liệu kỳ";

export interface ClosingReport {
  status: "no_settings" | "cancelled" | "bad_period" | "blocked_errors" | "refused" | "closed" | "unchanged";
  period?: string;
  errors?: number;
}

function run(): ClosingReport {
  const kv = documentKV();
  const settings = readSettings(kv);
  const missing = missingSettings(settings);
  if (missing.length) {
    alert(TITLE, missing.join("\n"));
    return { status: "no_settings" };
  }
  const periodText = prompt(TITLE, "Chốt số liệu tháng hoặc quý nào? Ví dụ: 09/2022, quý III/2022.");
  if (periodText === null) return { status: "cancelled" };
  const name = prompt(TITLE, "Họ tên người chốt số liệu (để trống: tên ghi trên mã truy cập của xã).");
  if (name === null) return { status: "cancelled" };
  const req = closeRequest(periodText, name);
  if (!req.ok) {
    alert(TITLE, req.message);
    return { status: "bad_period" };
  }
  const check = runCheck(active(), kv, { today: todayVi() });
  if (check.summary.errors > 0) {
    showCheckSidebar(check.summary);
    alert(
      `Chưa chốt ${req.period.label_vi}`,
      `Bảng tính còn lỗi nên chưa chốt.\n${summaryText(check.summary)}\nSửa các ô tô đỏ, gửi báo cáo rồi chốt lại.`,
    );
    return { status: "blocked_errors", period: req.period.key, errors: check.summary.errors };
  }
  const sure = confirm(
    TITLE,
    `Chốt số liệu ${req.period.label_vi}? Số liệu được chốt là số liệu của lần gửi báo cáo gần nhất máy chủ đã nhận; nếu vừa sửa bảng tính, hãy chọn Không, Gửi báo cáo trước rồi chốt.`,
  );
  if (!sure) return { status: "cancelled", period: req.period.key };
  const sent = postClosing(settings, req.body);
  const answer = interpretClose(sent.status, sent.body, req.period);
  if (!answer.ok) {
    alert(answer.title, [answer.message, issueLines(answer.issues)].filter(Boolean).join("\n"));
    return { status: "refused", period: req.period.key, errors: answer.issues.length };
  }
  alert(answer.title, answer.message);
  return { status: answer.changed ? "closed" : "unchanged", period: req.period.key };
}

/** Menu "Chốt số liệu kỳ". Returns what happened (plain data) for callers and tests. */
export function menuClosePeriod(): ClosingReport | undefined {
  return guard(TITLE, run);
}

/** Menu "Dự thảo đánh giá, xếp loại tổ": ask for the quarter or year, then fill the "Đánh giá" sheet (../gas/evaluation.ts). */
import { RATINGS } from "../../../shared/enums";
import { CRITERIA_SHEET } from "../../../shared/evaluation/criteria";
import { parsePeriodKey, periodKeyOf, todayVi } from "../../../shared/periods";
import { SHEETS } from "../../../shared/templates";
import { type DraftResult, draftEvaluations } from "../gas/evaluation";
import { alert, prompt } from "../gas/ui";
import { active, guard } from "./guard";

/** The last quarter that has ended. */
function lastQuarter(today: string): string {
  const q = parsePeriodKey(periodKeyOf("quarter", today))!;
  const before = new Date(`${q.start}T00:00:00Z`);
  before.setUTCDate(0);
  return periodKeyOf("quarter", before.toISOString().slice(0, 10));
}

export function menuEvaluationDraft(): DraftResult | undefined {
  return guard("Dự thảo đánh giá", () => {
    const def = lastQuarter(todayVi());
    const answer = prompt(
      "Dự thảo đánh giá, xếp loại tổ",
      `Kỳ đánh giá: một quý (ví dụ ${def}) hoặc một năm (ví dụ ${def.slice(0, 4)}). Để trống để chọn ${def}.`,
    );
    if (answer === null) return undefined;
    const period = parsePeriodKey(answer.trim() || def);
    if (period?.kind !== "quarter" && period?.kind !== "year") {
      alert("Chưa làm dự thảo", `"${answer}" không phải là một quý hay một năm. Ví dụ: ${def} hoặc ${def.slice(0, 4)}.`);
      return undefined;
    }
    const r = draftEvaluations(active(), period, new Date());
    if (!r.ok) {
      alert("Chưa làm dự thảo", r.errors.join("\n"));
      return r;
    }
    const changed = r.outcomes.filter((o) => !o.kept);
    const kept = r.outcomes.filter((o) => o.kept);
    const lines = [
      `${period.label_vi}: ${changed.length} tổ có xếp loại gợi ý trên trang "${SHEETS.evaluations.title}" (lý do ở cột "Lý do gợi ý").`,
      ...changed.map((o) => `• ${o.team}: ${RATINGS[o.rating]}`),
      kept.length ? `${kept.length} tổ giữ xếp loại Ban Chỉ đạo đã sửa:` : "",
      ...kept.map((o) => `• ${o.team}: giữ ${RATINGS[o.rating]} (gợi ý mới: ${RATINGS[o.suggested]})`),
      r.outcomes.length ? "" : "Không có tổ nào có báo cáo phải nộp trong kỳ này.",
      r.created ? `Đã tạo trang "${CRITERIA_SHEET}" với ngưỡng mặc định; xã có thể sửa rồi làm lại dự thảo.` : "",
      "Ban Chỉ đạo xem và sửa cột Xếp loại nếu không đồng ý; lần làm dự thảo sau không ghi đè xếp loại đã sửa.",
    ];
    alert("Dự thảo đánh giá", lines.filter(Boolean).join("\n"));
    return r;
  });
}

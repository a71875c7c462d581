/** Menu "Tạo báo cáo tuần mới": ask for the week (the current one by default), then add its rows (../new-week.ts). */
import { parsePeriodKey } from "../../../shared/periods";
import { SHEETS } from "../../../shared/templates";
import { readTeams, rowsOf } from "../gas/register";
import { writeRows } from "../gas/rows-write";
import { alert, prompt } from "../gas/ui";
import { planNewWeek } from "../new-week";
import { active, guard } from "./guard";
import { comingWeek } from "./zalo";

export interface NewWeekReport {
  week: string;
  created: string[];
  existing: number;
  carried: number;
}

export function menuNewWeek(): NewWeekReport | undefined {
  return guard("Tạo báo cáo tuần mới", () => {
    const def = comingWeek();
    const answer = prompt("Tạo báo cáo tuần mới", `Tuần cần tạo (ví dụ ${def}). Để trống để tạo tuần ${def}.`);
    if (answer === null) return undefined;
    const week = parsePeriodKey(answer.trim() || def);
    if (week?.kind !== "week") {
      alert("Chưa tạo", `"${answer}" không phải là tuần. Hãy ghi dạng ${def}.`);
      return undefined;
    }
    const ss = active();
    const { teams, data, toIso } = readTeams(ss, ["weekly"]);
    if (!data.weekly.map) {
      alert("Chưa tạo", `Chưa có trang "${SHEETS.weekly.title}". Hãy chạy Dân vận → Thiết lập mẫu.`);
      return undefined;
    }
    const plan = planNewWeek(week, teams, rowsOf(data.weekly, "weekly", toIso));
    writeRows(data.weekly, plan.write);
    const lines = [
      `${week.label_vi}: đã tạo ${plan.created.length} dòng${plan.created.length ? ` (${plan.created.join(", ")})` : ""}.`,
      plan.existing.length ? `${plan.existing.length} tổ đã có dòng của tuần này: giữ nguyên, không ghi đè.` : "",
      plan.carried.length
        ? `${plan.carried.length} dòng chép khó khăn, đề xuất từ báo cáo gần nhất của tổ: các ô đó được tô vàng để xem lại.`
        : "",
      "Các số liệu để trống cho tổ báo cáo (Dân vận → Mẫu tin nhắn Zalo, rồi Dán báo cáo Zalo). Dòng chưa có số liệu chưa được gửi đi.",
    ];
    alert("Đã tạo báo cáo tuần mới", lines.filter(Boolean).join("\n"));
    return { week: week.key, created: plan.created, existing: plan.existing.length, carried: plan.carried.length };
  });
}

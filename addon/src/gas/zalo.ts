/**
 * "Mẫu tin nhắn Zalo" and "Dán báo cáo Zalo" against the spreadsheet: the register's teams, the
 * weekly sheet, and the write (./rows-write.ts). Four getValues, then at most one setValues, one
 * getNotes/getBackgrounds and one setNotes/setBackgrounds — however many rows and messages.
 */
import { parsePeriodKey } from "../../../shared/periods";
import { SHEETS } from "../../../shared/templates";
import { weeklyFormText } from "../../../shared/zalo/form";
import { readZaloPaste } from "../../../shared/zalo/parse";
import { planZalo, type ZaloItem } from "../zalo-plan";
import { activeIn, readTeams } from "./register";
import { writeRows } from "./rows-write";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ZaloForms {
  week: string;
  label: string;
  forms: { team_code: string; team_name: string; text: string }[];
}

/** The form message of every team active in `week`. */
export function zaloForms(ss: Spreadsheet, week: string): ZaloForms {
  const p = parsePeriodKey(week);
  if (p?.kind !== "week") throw new Error(`"${week}" không phải là tuần (ví dụ 2022-W41).`);
  const { teams } = readTeams(ss);
  return {
    week: p.key,
    label: p.label_vi,
    forms: teams
      .filter((t) => activeIn(t, p.start, p.end))
      .map((t) => ({ team_code: t.team_code, team_name: t.team_name, text: weeklyFormText(t, p.key) })),
  };
}

export interface ZaloPasteResult {
  items: ZaloItem[];
  counts: Record<ZaloItem["status"], number>;
  /** After writing: what was done, in Vietnamese. */
  text: string;
}

/** Read a paste against the sheets; write it when `apply`. */
export function zaloPaste(ss: Spreadsheet, paste: string, opts: { today: string; defaultWeek?: string; apply: boolean }): ZaloPasteResult {
  const { teams, data } = readTeams(ss, ["weekly"]);
  const weekly = data.weekly;
  if (!weekly.map || !weekly.sheet) throw new Error(`Chưa có trang "${SHEETS.weekly.title}". Hãy chạy Dân vận → Thiết lập mẫu.`);
  const defaultWeek = opts.defaultWeek ? parsePeriodKey(opts.defaultWeek)?.key : undefined;
  const reports = readZaloPaste(paste, { teams, today: opts.today, ...(defaultWeek ? { defaultWeek } : {}) });
  const plan = planZalo(reports, { values: weekly.values, map: weekly.map });
  const counts = { new: 0, update: 0, fill: 0, superseded: 0, skipped: 0 };
  for (const it of plan.items) counts[it.status]++;
  let text = "";
  if (opts.apply) {
    writeRows(weekly, plan.write);
    const marked = plan.write.marks.length;
    text = [
      `Đã ghi ${counts.new + counts.update + counts.fill} báo cáo vào trang "${SHEETS.weekly.title}": ${counts.new} dòng mới, ${counts.update} dòng cập nhật, ${counts.fill} dòng tạo sẵn được điền.`,
      counts.superseded + counts.skipped ? `Không ghi ${counts.superseded + counts.skipped} tin nhắn (xem lý do ở từng tin).` : "",
      marked ? `${marked} ô chưa đọc được đã được tô vàng, có ghi chú: hãy hỏi lại tổ rồi nhập.` : "",
      "Hãy chạy Dân vận → Kiểm tra dữ liệu trước khi gửi.",
    ]
      .filter(Boolean)
      .join("\n");
  }
  return { items: plan.items, counts, text };
}

/**
 * Reminder texts to paste into Zalo: one per late commune (the teams that owe the week's report, by
 * code) and one for all late communes. Plain text (Zalo shows no formatting), the deadline as
 * dd/MM/yyyy, times in Vietnam. Pure.
 */
import type { Period } from "../../../shared/periods";
import { formatDateTimeVi } from "../../../shared/text";
import type { CommuneWeek } from "./week";

/** The day a deadline falls on in Vietnam, dd/MM/yyyy. */
export const deadlineDayVi = (deadline: Date): string => formatDateTimeVi(deadline).slice(0, 10);

function due(deadline: Date, now: Date): string {
  const day = deadlineDayVi(deadline);
  return now.getTime() <= deadline.getTime() ? `Hạn nộp: hết ngày ${day}.` : `Hạn nộp đã qua (hết ngày ${day}): đề nghị gửi ngay.`;
}

const teamList = (codes: readonly string[]) => codes.map((c) => `Tổ ${c}`).join(", ");

export interface ReminderCommune {
  label: string;
  clerk_name: string | null;
  week: Pick<CommuneWeek, "state" | "owing" | "expected">;
}

/** The reminder for one commune; null when it owes nothing. */
export function communeReminder(c: ReminderCommune, week: Period, deadline: Date, now: Date): string | null {
  const to = `Kính gửi ${c.label}${c.clerk_name ? ` (đồng chí ${c.clerk_name})` : ""}:`;
  const at = `đến ${formatDateTimeVi(now)}`;
  let what: string;
  if (c.week.state === "never") {
    what = `${at} Ban Dân vận chưa nhận được dữ liệu nào của xã qua tiện ích Dân vận. Đề nghị xã cài đặt theo phiếu cài đặt đã phát (Dân vận → Cài đặt kết nối, dán mã kết nối), rồi gửi báo cáo ${week.label_vi}.`;
  } else if (c.week.state === "missing" || c.week.state === "partial") {
    const n = c.week.owing.length;
    const of = c.week.state === "partial" ? `${n}/${c.week.expected.length} tổ` : `các tổ (${n} tổ)`;
    what = `${at} chưa nhận được báo cáo ${week.label_vi} của ${of}: ${teamList(c.week.owing)}. Đề nghị xã nhắc các tổ gửi số liệu, nhập vào bảng tính rồi bấm Dân vận → Gửi báo cáo.`;
  } else return null;
  return `[Nhắc báo cáo tuần] ${to} ${what} ${due(deadline, now)} Trân trọng.`;
}

/** One text for every late commune of a unit; null when none is late. */
export function allLateReminder(
  scopeLabel: string,
  late: readonly ReminderCommune[],
  week: Period,
  deadline: Date,
  now: Date,
): string | null {
  const lines = late.flatMap((c) => {
    if (c.week.state === "never") return [`- ${c.label}: chưa gửi dữ liệu lần nào`];
    if (c.week.state === "missing") return [`- ${c.label}: chưa nộp (${c.week.owing.length} tổ)`];
    if (c.week.state === "partial")
      return [`- ${c.label}: còn thiếu ${c.week.owing.length}/${c.week.expected.length} tổ (${teamList(c.week.owing)})`];
    return [];
  });
  if (!lines.length) return null;
  return [
    `[Nhắc báo cáo tuần] Kính gửi các xã, phường thuộc ${scopeLabel}: đến ${formatDateTimeVi(now)}, còn ${lines.length} xã chưa nộp đủ báo cáo ${week.label_vi}:`,
    ...lines,
    `${due(deadline, now)} Đề nghị các xã hoàn thành và bấm Dân vận → Gửi báo cáo. Trân trọng.`,
  ].join("\n");
}

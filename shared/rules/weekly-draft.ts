/**
 * Weekly rows made ahead of the team's report ("Tạo báo cáo tuần mới": week and team filled, the
 * last report's difficulties and proposals carried over): until the team reports — a reporter, a
 * date or a figure — such a row is not a report. It is not sent and not judged; the clerk is told
 * the team has not reported yet.
 */
import type { Issue } from "../issues";
import { sheetRow } from "../issues";
import { WEEKLY_FIGURES } from "../weekly";

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A weekly row with no reporter, no report date and no figure. */
export function isUnreportedWeekly(row: unknown): boolean {
  if (!row || typeof row !== "object") return false;
  const r = row as Record<string, unknown>;
  return blank(r.reporter) && blank(r.submitted_on) && WEEKLY_FIGURES.every((k) => blank(r[k]));
}

export function unreportedIssue(row: Record<string, unknown>, index: number): Issue {
  const team = blank(row.team_code) ? "" : ` ${String(row.team_code).trim()}`;
  const week = blank(row.week) ? "" : ` tuần ${String(row.week).trim()}`;
  return {
    sheet: "weekly",
    row: sheetRow(row, index),
    column: "reporter",
    code: "weekly_not_reported",
    severity: "warning",
    message_vi: `Tổ${team} chưa báo cáo${week}: dòng này chưa được gửi. Điền số liệu khi tổ báo cáo (hoặc dán tin nhắn Zalo của tổ).`,
  };
}

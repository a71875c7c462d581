/**
 * "Dán báo cáo Zalo", what to write: each report read from the paste (shared/zalo/parse.ts) goes to
 * the weekly row of its team and week — an existing row is updated in place (a report already sent
 * becomes a revision on the server when the commune next submits; never a second row), a row made
 * ahead by "Tạo báo cáo tuần mới" is filled, otherwise a row is added. Figures read are written;
 * a figure that could not be read leaves the cell as it was and, when that is blank, is marked
 * (../pending.ts). Two messages for the same team and week: the later one counts. Also what the
 * dialog shows beside each message. Pure.
 */

import { parsePeriodKey } from "../../shared/periods";
import { isUnreportedWeekly } from "../../shared/rules/weekly-draft";
import { type HeaderMap, isBlank } from "../../shared/sheet-model";
import { formatDateVi, nfc } from "../../shared/text";
import { WEEKLY_TEXTS } from "../../shared/weekly";
import { FIELDS, figureLabel } from "../../shared/zalo/labels";
import type { ZaloReport } from "../../shared/zalo/parse";
import type { RowsWrite } from "./gas/rows-write";
import { missingMark, unreadableMark } from "./pending";

export type ZaloStatus = "new" | "update" | "fill" | "superseded" | "skipped";

export interface ZaloLine {
  label: string;
  value: string;
  /** The value the row holds now, when it changes. */
  old?: string;
  /** Not read: shown in red. */
  bad?: boolean;
}

export interface ZaloItem {
  index: number;
  original: string;
  status: ZaloStatus;
  /** What will happen, in Vietnamese. */
  action: string;
  row?: number;
  lines: ZaloLine[];
  problems: string[];
}

export interface ZaloPlan {
  items: ZaloItem[];
  write: RowsWrite;
}

/** A date cell value: midnight in Vietnam (Sheets shows the day in a Vietnamese spreadsheet). */
export const dateCell = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

const shown = (v: unknown): string => {
  if (isBlank(v)) return "";
  if (Object.prototype.toString.call(v) === "[object Date]") return formatDateVi((v as Date).toISOString().slice(0, 10));
  return nfc(v);
};

export function planZalo(reports: readonly ZaloReport[], weekly: { values: readonly (readonly unknown[])[]; map: HeaderMap }): ZaloPlan {
  const col = weekly.map.colOf;
  const cell = (row: readonly unknown[] | undefined, k: string) => row?.[col[k] ?? -1];
  const existing = new Map<string, number>();
  weekly.values.forEach((row, i) => {
    if (i === 0) return;
    const week = parsePeriodKey(nfc(cell(row, "week")))?.key;
    const team = nfc(cell(row, "team_code")).toUpperCase();
    if (week && team) existing.set(`${week}|${team}`, i + 1);
  });
  const last = new Map<string, number>();
  for (const r of reports) if (r.isReport && !r.problems.length) last.set(`${r.week}|${r.team}`, r.index);

  const write: RowsWrite = { changes: [], added: [], marks: [] };
  const marksOf: { item: number; column: string; message: string; added: boolean }[] = [];
  const items: ZaloItem[] = reports.map((r) => {
    const base = { index: r.index, original: r.original, problems: [...r.problems] };
    if (!r.isReport) return { ...base, status: "skipped", action: "Không phải báo cáo: bỏ qua.", lines: [], problems: [] };
    const lines: ZaloLine[] = [
      { label: FIELDS.team.label, value: r.team ?? "?", ...(r.team ? {} : { bad: true }) },
      { label: FIELDS.week.label, value: r.week ? (parsePeriodKey(r.week)?.label_vi ?? r.week) : "?", ...(r.week ? {} : { bad: true }) },
    ];
    if (r.notes.team) lines[0]!.value += ` — ${r.notes.team}`;
    if (r.notes.week) lines[1]!.value += ` — ${r.notes.week}`;
    if (r.problems.length) return { ...base, status: "skipped", action: "Không ghi: chưa rõ tổ hoặc tuần.", lines };
    const key = `${r.week}|${r.team}`;
    if (last.get(key) !== r.index) {
      return { ...base, status: "superseded", action: `Không ghi: tin nhắn số ${last.get(key)} sau đó báo lại cùng tổ, cùng tuần.`, lines };
    }
    const row = existing.get(key);
    const old = row ? weekly.values[row - 1] : undefined;
    const values: Record<string, unknown> = row ? {} : { week: r.week, team_code: r.team };
    const mark = (column: string, message: string) => marksOf.push({ item: r.index, column, message, added: !row });
    const set = (k: string, label: string, v: unknown, text: string) => {
      values[k] = v;
      const before = shown(cell(old, k));
      lines.push({ label, value: text, ...(row && before !== text ? { old: before || "(trống)" } : {}) });
    };
    if (r.reporter) set("reporter", FIELDS.reporter.label, r.reporter, r.reporter + (r.notes.reporter ? ` — ${r.notes.reporter}` : ""));
    else {
      lines.push({ label: FIELDS.reporter.label, value: r.notes.reporter ?? "?", bad: true });
      if (isBlank(cell(old, "reporter"))) mark("reporter", missingMark(r.notes.reporter ?? "không có người báo cáo"));
    }
    if (r.submitted_on)
      set("submitted_on", FIELDS.date.label, dateCell(r.submitted_on), `${formatDateVi(r.submitted_on)} — ${r.notes.date ?? ""}`);
    else {
      lines.push({ label: FIELDS.date.label, value: r.notes.date ?? "?", bad: true });
      if (isBlank(cell(old, "submitted_on"))) mark("submitted_on", missingMark(r.notes.date ?? "không có ngày báo cáo"));
    }
    for (const [k, v] of Object.entries(r.figures)) set(k, figureLabel(k), v, String(v));
    for (const [k, raw] of Object.entries(r.unreadable)) {
      const keep = row && !isBlank(cell(old, k));
      lines.push({ label: figureLabel(k), value: `không đọc được «${raw}»${keep ? `, giữ số cũ ${shown(cell(old, k))}` : ""}`, bad: true });
      if (!keep) mark(k, unreadableMark(raw));
    }
    for (const [k, why] of Object.entries(r.ignored)) lines.push({ label: figureLabel(k), value: `bỏ qua (${why})`, bad: true });
    for (const k of WEEKLY_TEXTS) {
      const t = r.texts[k];
      if (t) set(k, FIELDS[k].label, t, t);
    }
    for (const u of r.unknownLines) lines.push({ label: "Dòng không hiểu", value: u, bad: true });
    const draft = row !== undefined && isUnreportedWeekly(Object.fromEntries(Object.keys(col).map((k) => [k, cell(old, k)])));
    if (row) write.changes.push({ row, values });
    else write.added.push(values);
    const status: ZaloStatus = row ? (draft ? "fill" : "update") : "new";
    const action =
      status === "new"
        ? "Thêm dòng mới vào trang Báo cáo tuần."
        : status === "fill"
          ? `Điền vào dòng ${row} (dòng tạo sẵn cho tuần này).`
          : `Cập nhật dòng ${row} đã có (không thêm dòng mới); khi gửi, máy chủ giữ bản cũ làm bản sửa đổi.`;
    return { ...base, status, action, ...(row ? { row } : {}), lines };
  });
  // Marks point at the write's rows: changes first, then the rows added.
  const changed = write.changes.map((c) => c.row);
  let addedSeen = 0;
  const addedIndex = new Map<number, number>();
  for (const it of items) if (it.status === "new") addedIndex.set(it.index, addedSeen++);
  for (const m of marksOf) {
    const item = items.find((i) => i.index === m.item)!;
    const target = m.added ? changed.length + addedIndex.get(m.item)! : changed.indexOf(item.row!);
    write.marks.push({ target, column: m.column, message: m.message });
  }
  return { items, write };
}

/**
 * Marks that wait for the clerk, kept in the cell's note (the state is in the sheet, where the
 * clerk sees it, and goes with the cell): a figure "Dán báo cáo Zalo" could not read (the cell is
 * left blank), and text "Tạo báo cáo tuần mới" carried over from the team's last report. Each
 * check keeps such a mark while it still applies — the cell still blank, the text still the one
 * carried over — and drops it once the clerk filled or changed the cell or deleted the note. Pure.
 */
import type { Issue } from "../../shared/issues";
import { type HeaderMap, isBlank } from "../../shared/sheet-model";
import { nfc } from "../../shared/text";
import { NOTE_PREFIX } from "./config";

const ZALO = "Tin nhắn Zalo: ";
const CARRIED = "Chép từ báo cáo tuần ";

/** A figure the message gave but could not be read. */
export const unreadableMark = (raw: string) => `${ZALO}không đọc được «${raw}». Hãy hỏi lại tổ rồi nhập số (không đoán).`;
/** A field the message did not give (reporter, date). */
export const missingMark = (what: string) => `${ZALO}${what}. Hãy nhập.`;
/** Text carried over from the team's report of `week`. */
export const carriedMark = (week: string) =>
  `${CARRIED}${week}: hãy xem lại (sửa hoặc xóa cho đúng tuần này); nếu vẫn đúng, xóa ghi chú này.`;

/** The weekly sheet's waiting marks that still apply, as warnings (one per cell). */
export function pendingIssues(
  values: readonly (readonly unknown[])[],
  map: HeaderMap,
  notes: readonly (readonly string[])[],
  startRow: number,
): Issue[] {
  const out: Issue[] = [];
  const col = map.colOf;
  const text = (row: readonly unknown[] | undefined, key: string) => nfc(row?.[col[key] ?? -1]);
  const byKey = new Map<string, readonly unknown[]>();
  for (const row of values.slice(1)) byKey.set(`${text(row, "week").toUpperCase()}|${text(row, "team_code").toUpperCase()}`, row);
  for (const [key, c] of Object.entries(col)) {
    notes.forEach((rowNotes, i) => {
      const row = startRow + i;
      const cells = values[row - 1];
      for (const line of (rowNotes[c] ?? "").split("\n")) {
        if (!line.startsWith(NOTE_PREFIX.warning)) continue;
        const msg = line.slice(NOTE_PREFIX.warning.length);
        let keep = false;
        if (msg.startsWith(ZALO)) keep = isBlank(cells?.[c]);
        else if (msg.startsWith(CARRIED)) {
          const week = /^\S+/.exec(msg.slice(CARRIED.length))?.[0].replace(/:$/, "") ?? "";
          const source = byKey.get(`${week.toUpperCase()}|${text(cells, "team_code").toUpperCase()}`);
          keep = !!source && !isBlank(cells?.[c]) && text(cells, key) === text(source, key);
        }
        if (keep)
          out.push({
            sheet: "weekly",
            row,
            column: key,
            code: msg.startsWith(ZALO) ? "zalo_unreadable" : "carried_over",
            severity: "warning",
            message_vi: msg,
          });
      }
    });
  }
  return out;
}

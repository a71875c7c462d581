/**
 * "Chuyển đổi thôn" in the add-on, without Apps Script: the sheet's rows from the worker's view of a
 * split commune (`GET /api/village-successors`), the clerk's rows read back by header text, the same
 * check the worker runs (shared/village-moves.ts), and what the worker's answers mean in Vietnamese.
 * Pure; ./gas/village-moves.ts reads and writes the sheet and calls the worker.
 */
import { errorBodySchema } from "../../shared/contract";
import type { Issue } from "../../shared/issues";
import { fold, nfc } from "../../shared/text";
import {
  checkVillageMoves,
  successorChoice,
  UNKNOWN_SUCCESSOR,
  VILLAGE_MOVES_SHEET,
  type VillageMoveColumn,
  type VillageMoveRow,
  type VillageMovesResult,
  type VillageMovesView,
  villageMovesResultSchema,
  villageMovesViewSchema,
} from "../../shared/village-moves";
import { submissionsUrl } from "./submit";

/** The sheet's columns, in order. */
export const MOVE_COLUMNS: readonly VillageMoveColumn[] = ["village_code", "village_name", "successor"];
export const MOVE_HEADERS = MOVE_COLUMNS.map((c) => VILLAGE_MOVES_SHEET.columns[c].header);
/** Column key → 0-based index (for cell marks). */
export const MOVE_COL_OF: Readonly<Record<string, number>> = Object.fromEntries(MOVE_COLUMNS.map((c, i) => [c, i]));

/** The worker's base URL as typed by the clerk → the "Chuyển đổi thôn" endpoint. */
export const villageMovesUrl = (base: string) => submissionsUrl(base).replace(/\/api\/submissions$/, "/api/village-successors");

/** The dropdown's choices: the conversion table's successors, then "Chưa rõ". */
export const moveChoices = (view: VillageMovesView) => [...view.successors.map(successorChoice), UNKNOWN_SUCCESSOR];

/** A stored successor as its dropdown text; "Chưa rõ" while unknown. */
function choiceOf(view: VillageMovesView, successorId: string | null): string {
  const s = view.successors.find((x) => x.id === successorId);
  return s ? successorChoice(s) : UNKNOWN_SUCCESSOR;
}

/** The rows (below the header) of a new sheet: every village with what the worker holds for it. */
export function newSheetRows(view: VillageMovesView): string[][] {
  return view.villages.map((v) => [v.village_code, v.village_name ?? "", choiceOf(view, v.successor_id)]);
}

/** Villages the worker knows that the sheet lacks (added since), as rows to append. */
export function missingRows(view: VillageMovesView, rows: readonly VillageMoveRow[]): string[][] {
  const have = new Set(rows.map((r) => nfc(r.village_code).toUpperCase()));
  return newSheetRows(view).filter(([code]) => !have.has(code!));
}

const cell = (v: unknown) => nfc(v === null || v === undefined ? "" : String(v)).trim();

/**
 * The clerk's rows from the sheet's values (header first), columns found by header text; blank rows
 * skipped. A missing column is an error message instead.
 */
export function readMoveRows(values: readonly (readonly unknown[])[]): { rows: VillageMoveRow[] } | { error: string } {
  const header = (values[0] ?? []).map((h) => fold(cell(h)));
  const col = (c: VillageMoveColumn) => header.indexOf(fold(VILLAGE_MOVES_SHEET.columns[c].header));
  const code = col("village_code");
  const successor = col("successor");
  const lacking = [code < 0 ? "village_code" : null, successor < 0 ? "successor" : null].filter((c): c is VillageMoveColumn => !!c);
  if (lacking.length) {
    const names = lacking.map((c) => `"${VILLAGE_MOVES_SHEET.columns[c].header}"`).join(", ");
    return { error: `Trang "${VILLAGE_MOVES_SHEET.title}" thiếu cột ${names} ở dòng tiêu đề. Hãy xóa trang rồi chọn lại menu để tạo lại.` };
  }
  const rows: VillageMoveRow[] = [];
  values.forEach((r, i) => {
    if (i === 0) return;
    const village_code = cell(r[code]);
    const s = cell(r[successor]);
    if (village_code || s) rows.push({ row: i + 1, village_code, successor: s || null });
  });
  return { rows };
}

/** The add-on's own check of the sheet, before anything is sent: the worker's check, on the view's data. */
export function checkMoveRows(rows: readonly VillageMoveRow[], view: VillageMovesView): Issue[] {
  const villages = view.villages.length ? new Set(view.villages.map((v) => v.village_code)) : null;
  return checkVillageMoves(rows, { commune: view.commune.label, successors: view.successors, villages }).issues;
}

export type WorkerAnswer<T> = ({ ok: true } & T) | { ok: false; title: string; message: string; issues: Issue[] };

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A refusal or failure in Vietnamese (the worker's own message when it sent one). */
function refusal(status: number, body: string): { ok: false; title: string; message: string; issues: Issue[] } {
  const e = errorBodySchema.safeParse(parse(body));
  if (status === 0) {
    return {
      ok: false,
      title: "Chưa kết nối được",
      message: `Không kết nối được máy chủ (${body}). Hãy kiểm tra mạng, địa chỉ máy chủ rồi thử lại.`,
      issues: [],
    };
  }
  if (status === 401) {
    return {
      ok: false,
      title: "Chưa kết nối được",
      message:
        "Mã truy cập của xã không đúng, đã hết hạn hoặc đã bị thu hồi. Hãy nhập lại mã do huyện cấp (menu Dân vận → Cài đặt kết nối).",
      issues: [],
    };
  }
  if (e.success) {
    const title = e.data.error.code === "not_split" ? "Không cần chuyển đổi thôn" : "Máy chủ chưa nhận";
    return { ok: false, title, message: e.data.error.message, issues: e.data.error.details };
  }
  return { ok: false, title: "Máy chủ chưa nhận", message: `Máy chủ trả lời không đọc được (mã ${status}). Hãy thử lại sau.`, issues: [] };
}

/** The answer to `GET /api/village-successors`. */
export function interpretView(status: number, body: string): WorkerAnswer<{ view: VillageMovesView }> {
  const v = villageMovesViewSchema.safeParse(parse(body));
  return status === 200 && v.success ? { ok: true, view: v.data } : refusal(status, body);
}

/** The answer to `PUT /api/village-successors`. */
export function interpretSaved(status: number, body: string): WorkerAnswer<{ result: VillageMovesResult; message: string }> {
  const r = villageMovesResultSchema.safeParse(parse(body));
  if (status !== 200 || !r.success) return refusal(status, body);
  const { mapped, unknown } = r.data;
  const rest = unknown
    ? ` ${unknown} thôn còn "${UNKNOWN_SUCCESSOR}": số liệu của các thôn này hiện ở mục "Chưa xác định đơn vị mới" trên báo cáo của huyện, tỉnh cho đến khi xã chọn đơn vị mới.`
    : "";
  return { ok: true, result: r.data, message: `Máy chủ đã lưu: ${mapped} thôn đã xác định đơn vị mới.${rest}` };
}

/** Issues as an alert's lines (the cells are marked too). */
export function issueLines(issues: readonly Issue[], max = 10): string {
  const lines = issues.slice(0, max).map((i) => `• ${i.message_vi}`);
  if (issues.length > max) lines.push(`… và ${issues.length - max} lỗi khác.`);
  return lines.join("\n");
}

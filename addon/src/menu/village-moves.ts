/**
 * Menu "Chuyển đổi thôn", for a commune the reform of 1 July 2025 split between several new communes
 * (issue 9): the first time, a sheet lists the commune's villages (from the worker) with a dropdown of
 * the new communes that took part of it; the clerk chooses, then runs the menu again to send. The
 * add-on checks the cells first (nothing is sent while one is wrong) and the worker checks again; a
 * bad cell is marked with a Vietnamese note. A village left "Chưa rõ" shows under "Chưa xác định đơn vị
 * mới" on the district's and province's pages, never under one of the new communes.
 */
import { documentKV, type KV, missingSettings, readSettings } from "../gas/props";
import { alert } from "../gas/ui";
import { appendMissing, callWorker, createMovesSheet, markMoves, movesSheet, readMovesSheet } from "../gas/village-moves";
import { checkMoveRows, interpretSaved, interpretView, issueLines, readMoveRows } from "../village-moves";
import { active, guard } from "./guard";

const TITLE = "Chuyển đổi thôn";

/** What the menu did, as plain data (for tests and callers). */
export interface VillageMovesReport {
  status: "no_settings" | "refused" | "created" | "cell_errors" | "saved";
  villages?: number;
  errors?: number;
  mapped?: number;
  unknown?: number;
  added?: number;
}

function run(kv: KV): VillageMovesReport {
  const settings = readSettings(kv);
  const missing = missingSettings(settings).filter((m) => !m.startsWith("Mã xã"));
  if (missing.length) {
    alert(TITLE, missing.join("\n"));
    return { status: "no_settings" };
  }
  const answer = callWorker(settings, "get");
  const got = interpretView(answer.status, answer.body);
  if (!got.ok) {
    alert(got.title, got.message);
    return { status: "refused" };
  }
  const { view } = got;
  const ss = active();
  const sheet = movesSheet(ss);
  if (!sheet) {
    createMovesSheet(ss, view);
    const choices = view.successors.map((s) => s.label).join(", ");
    alert(
      `Đã tạo trang "${TITLE}"`,
      `${view.commune.label} được sắp xếp về: ${choices}.\nỞ cột "Đơn vị mới", chọn đơn vị mà từng thôn chuyển về (chưa biết thì để "Chưa rõ"), rồi chọn lại Dân vận → ${TITLE} để gửi.`,
    );
    return { status: "created", villages: view.villages.length };
  }

  const read = readMoveRows(readMovesSheet(sheet));
  if ("error" in read) {
    alert(`Chưa gửi ${TITLE}`, read.error);
    return { status: "cell_errors", errors: 1 };
  }
  const added = appendMissing(sheet, view, read.rows);
  const issues = checkMoveRows(read.rows, view);
  markMoves(sheet, issues);
  if (issues.length) {
    alert(`Chưa gửi ${TITLE}`, `Trang "${TITLE}" có ${issues.length} ô cần sửa (đã tô đỏ); chưa gửi gì.\n${issueLines(issues)}`);
    return { status: "cell_errors", errors: issues.length };
  }
  const villages = read.rows.map((r) => ({ village_code: r.village_code, successor: r.successor, ...(r.row ? { row: r.row } : {}) }));
  const put = callWorker(settings, "put", { villages });
  const saved = interpretSaved(put.status, put.body);
  if (!saved.ok) {
    markMoves(sheet, saved.issues);
    alert(saved.title, [saved.message, issueLines(saved.issues)].filter(Boolean).join("\n"));
    return { status: saved.issues.length ? "cell_errors" : "refused", errors: saved.issues.length };
  }
  const more = added ? `\n\nĐã thêm ${added} thôn mới có trong danh sách của xã vào cuối trang (đang "Chưa rõ").` : "";
  alert(`Đã gửi ${TITLE}`, saved.message + more);
  return { status: "saved", mapped: saved.result.mapped, unknown: saved.result.unknown, added };
}

/** Menu "Chuyển đổi thôn". */
export function menuVillageMoves(): VillageMovesReport | undefined {
  return guard(TITLE, () => run(documentKV()));
}

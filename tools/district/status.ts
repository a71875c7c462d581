/**
 * `status`: one line per commune — spreadsheet id, when it was provisioned, last pull and its
 * result, last accepted submission (from the worker when it answers, else from the state file).
 */
import { compareVi } from "../../shared/text";
import type { Commune } from "./communes";
import { when } from "./report";
import type { CommuneState, StateStore } from "./state";
import type { CommuneRecord } from "./worker-client";

const PULL_RESULT: Record<NonNullable<CommuneState["last_pull_result"]>, string> = {
  accepted: "đã nhận",
  duplicate: "đã nhận (trùng)",
  sheet_errors: "bảng tính có lỗi",
  refused: "máy chủ từ chối",
  failed: "không gửi được",
};

export interface StatusRow {
  code: string;
  name: string;
  spreadsheetId: string;
  provisioned: string;
  lastPull: string;
  lastAccepted: string;
}

export function statusRows(
  communes: readonly Pick<Commune, "unitId" | "code" | "name">[],
  state: StateStore,
  records: Map<string, CommuneRecord> | null,
): StatusRow[] {
  const list = communes.length ? communes : state.all().map((s) => ({ unitId: s.unit_id, code: s.code, name: s.name }));
  return [...list]
    .sort((a, b) => compareVi(a.name, b.name) || a.code.localeCompare(b.code))
    .map((c) => {
      const s = state.get(c.unitId);
      const r = records?.get(c.unitId);
      const pull = s?.last_pull_at
        ? `${when(s.last_pull_at)} (${PULL_RESULT[s.last_pull_result ?? "failed"]})`
        : r?.last_pulled_at
          ? when(r.last_pulled_at)
          : "—";
      return {
        code: c.code,
        name: c.name,
        spreadsheetId: s?.spreadsheet_id ?? r?.spreadsheet_id ?? "—",
        provisioned: when(s?.provisioned_at ?? r?.provisioned_at),
        lastPull: pull,
        lastAccepted: when(r?.last_submission_at ?? s?.last_accepted_at),
      };
    });
}

/** A plain-text table (the widths of Vietnamese text counted in characters). */
export function renderTable(rows: StatusRow[]): string {
  const head = ["Mã xã", "Tên xã", "Mã bảng tính", "Thiết lập lúc", "Lần lấy số liệu gần nhất", "Lần gửi được nhận gần nhất"];
  const body = rows.map((r) => [r.code, r.name, r.spreadsheetId, r.provisioned, r.lastPull, r.lastAccepted]);
  const widths = head.map((h, i) => Math.max([...h].length, ...body.map((b) => [...b[i]!].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

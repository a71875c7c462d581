/** What provision and pull print: a line per commune, its errors, and the run's summary (Vietnamese). */
import type { Commune } from "./communes";
import { confirmFlag } from "./confirm";
import { formatDuration } from "./progress";
import type { PullResult } from "./pull";
import { describeError, formatIssueLine } from "./report";

export interface Printer {
  out: (line: string) => void;
}

export function summarizeCounts(counts: Map<string, number>, retries: number): string {
  const get = (op: string) => counts.get(op) ?? 0;
  const sheetsRead = get("sheets.get") + get("sheets.values.batchGet");
  const sheetsWrite = get("sheets.batchUpdate");
  const drive = [...counts].filter(([k]) => k.startsWith("drive.")).reduce((n, [, v]) => n + v, 0);
  return `Yêu cầu gửi Google: Sheets đọc ${sheetsRead}, Sheets ghi ${sheetsWrite}, Drive ${drive}; thử lại ${retries} lần (429/5xx).`;
}

export function pullLines(c: Commune, r: PullResult): string[] {
  const head = `${c.name} (${c.code})`;
  switch (r.status) {
    case "accepted":
    case "duplicate":
      return [
        `✓ ${head}: máy chủ đã nhận${r.status === "duplicate" ? " (lần gửi này đã có từ trước, không tính hai lần)" : ""}${r.warnings ? `; ${r.warnings} cảnh báo` : ""}.`,
      ];
    case "checked":
      return [`✓ ${head}: không có lỗi (chạy thử, chưa gửi)${r.warnings ? `; ${r.warnings} cảnh báo` : ""}.`];
    case "no_spreadsheet":
      return [`✗ ${head}: chưa có mã bảng tính (chạy provision hoặc ghi cột spreadsheet_id).`];
    case "sheet_errors": {
      const shown = r.issues.slice(0, 50).map((l) => `  ${formatIssueLine(l)}`);
      const more = r.issues.length > 50 ? [`  … và ${r.issues.length - 50} lỗi khác.`] : [];
      return [`✗ ${head}: bảng tính có ${r.issues.length} lỗi, không gửi. Nhờ văn thư xã sửa:`, ...shown, ...more];
    }
    case "refused":
      return [
        `✗ ${head}: máy chủ từ chối (${r.refusal?.status} ${r.refusal?.code}): ${r.refusal?.message}`,
        ...r.issues.slice(0, 50).map((l) => `  ${formatIssueLine(l)}`),
        ...(r.refusal?.confirmDeletions
          ? [`  Nếu xã xác nhận đúng là muốn xóa, chạy lại với: --confirm-deletions ${confirmFlag(c.code, r.refusal.confirmDeletions)}`]
          : []),
      ];
  }
}

export function report<R>(
  io: Printer,
  communes: readonly Commune[],
  results: { key: string; ok: boolean; result?: R; error?: unknown }[],
  lines: (c: Commune, r: R) => string[],
  counts: string,
  started: number,
): number {
  const byId = new Map(communes.map((c) => [c.unitId, c]));
  for (const r of results) {
    const c = byId.get(r.key)!;
    if (r.result !== undefined) for (const l of lines(c, r.result)) io.out(l);
    else io.out(`✗ ${c.name} (${c.code}): không xong — ${describeError(r.error)} Chạy lại lệnh để làm tiếp.`);
  }
  const failed = results.filter((r) => !r.ok).length;
  io.out(
    `\nXong ${results.length - failed}/${results.length} xã${failed ? `, ${failed} xã chưa xong` : ""} trong ${formatDuration((Date.now() - started) / 1000)}. ${counts}`,
  );
  return failed ? 1 : 0;
}

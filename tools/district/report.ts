/** Vietnamese reports of a commune's sheet errors: sheet, row, column (letter and header) and message. */
import type { Issue } from "../../shared/issues";
import { columnLetter } from "../../shared/sheet-model";
import { headerOf, SHEETS, type SheetKey } from "../../shared/templates";
import { formatDateTimeVi } from "../../shared/text";
import type { SheetValues } from "../../shared/workbook-read";
import { reasonOf, statusOf } from "./retry";

export interface IssueLine {
  sheet: string | null;
  row: number | null;
  /** "C — Họ và tên chủ hộ" */
  column: string | null;
  message: string;
  severity: Issue["severity"];
}

/** Where an issue is, as the clerk sees it in the spreadsheet. */
export function issueLine(i: Issue, data?: Partial<Record<SheetKey, SheetValues>>): IssueLine {
  const sheet = i.sheet ? SHEETS[i.sheet].title : null;
  let column: string | null = null;
  if (i.sheet && i.column) {
    const at = data?.[i.sheet]?.map?.colOf[i.column];
    const header = headerOf(i.sheet, i.column);
    column = at === undefined ? header : `${columnLetter(at)} — ${header}`;
  }
  return { sheet, row: i.row, column, message: i.message_vi, severity: i.severity };
}

export function formatIssueLine(l: IssueLine): string {
  const where = [l.sheet ? `trang "${l.sheet}"` : null, l.row !== null ? `dòng ${l.row}` : null, l.column ? `cột ${l.column}` : null]
    .filter(Boolean)
    .join(", ");
  return `${l.severity === "error" ? "Lỗi" : "Cảnh báo"}${where ? ` (${where})` : ""}: ${l.message}`;
}

/** dd/MM/yyyy HH:mm in Vietnam, or "—". */
export const when = (iso: string | null | undefined) => (iso ? formatDateTimeVi(iso) : "—");

/** A failed Google or worker call in Vietnamese, with Google's own message for the record. */
export function describeError(e: unknown): string {
  const status = statusOf(e);
  const google = (e as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message;
  const detail = google ?? (e as Error)?.message ?? String(e);
  const reason = reasonOf(e);
  const code = (e as { code?: unknown; cause?: { code?: unknown } })?.code ?? (e as { cause?: { code?: unknown } })?.cause?.code;
  const network = typeof code === "string" && /^(E[A-Z]+|UND_ERR)/.test(code);
  if (status === null && !network) return (e as Error)?.message ?? String(e);
  const what =
    status === null
      ? "không kết nối được"
      : status === 401
        ? "Google không chấp nhận thông tin đăng nhập (khóa tài khoản dịch vụ hoặc tệp đăng nhập)"
        : status === 403 && /scope/i.test(detail)
          ? "thông tin đăng nhập thiếu quyền (phạm vi) cần thiết"
          : status === 403
            ? "tài khoản không có quyền với tệp hoặc thư mục này"
            : status === 404
              ? "không tìm thấy tệp hoặc thư mục (hoặc tài khoản không được chia sẻ)"
              : status === 429 || reason === "userRateLimitExceeded"
                ? "vượt hạn mức yêu cầu của Google sau nhiều lần thử lại"
                : status >= 500
                  ? "máy chủ Google hoặc máy chủ Dân vận gặp lỗi sau nhiều lần thử lại"
                  : "yêu cầu bị từ chối";
  return `${what}${status ? ` (mã ${status})` : ""}: ${detail}.`;
}

/**
 * "Chốt số liệu kỳ" (issue 13), the pure part: the period the clerk typed, the request (checked with
 * the shared schema before it is sent; the worker checks it again, shared/closing.ts), and the
 * worker's answer in Vietnamese. Apps Script calls: ./gas/closing.ts; the menu: ./menu/closing.ts.
 */
import { type CloseRequest, closablePeriod, closeRequestSchema, closingResultSchema, PERIOD_NOT_CLOSABLE } from "../../shared/closing";
import { errorBodySchema } from "../../shared/contract";
import type { Issue } from "../../shared/issues";
import type { Period } from "../../shared/periods";
import { formatDateTimeVi } from "../../shared/text";
import { submissionsUrl } from "./submit";

export const closingsUrl = (base: string) => submissionsUrl(base).replace(/\/api\/submissions$/, "/api/closings");

/** The request for what the clerk typed: the period and the name (blank: the token's label on the server). */
export function closeRequest(
  periodText: string,
  name: string,
): { ok: true; period: Period; body: CloseRequest } | { ok: false; message: string } {
  const period = closablePeriod(periodText);
  if (!period) return { ok: false, message: PERIOD_NOT_CLOSABLE };
  const closed_by = name.normalize("NFC").trim();
  const r = closeRequestSchema.safeParse({ period: period.key, ...(closed_by ? { closed_by } : {}) });
  return r.success ? { ok: true, period, body: r.data } : { ok: false, message: r.error.issues[0]!.message };
}

export type CloseAnswer =
  | { ok: true; changed: boolean; title: string; message: string }
  | { ok: false; title: string; message: string; issues: Issue[] };

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** The worker's answer to `POST /api/closings`. */
export function interpretClose(status: number, body: string, period: Period): CloseAnswer {
  const ok = closingResultSchema.safeParse(parse(body));
  if ((status === 200 || status === 201) && ok.success) {
    const c = ok.data.closing;
    const who = `${c.closed_by}, ${formatDateTimeVi(c.closed_at)}`;
    return ok.data.changed
      ? {
          ok: true,
          changed: true,
          title: "Đã chốt số liệu",
          message: `Đã chốt số liệu ${period.label_vi} (${who}). Huyện thấy số liệu này cho đến khi xã chốt lại; các lần gửi sau vẫn được nhận và hiện là "điều chỉnh sau khi chốt".`,
        }
      : {
          ok: true,
          changed: false,
          title: "Đã chốt từ trước",
          message: `${period.label_vi} đã được chốt với đúng số liệu này (${who}); không có gì thay đổi.`,
        };
  }
  if (status === 0)
    return {
      ok: false,
      title: "Chưa kết nối được",
      message: `Không kết nối được máy chủ (${body}). Hãy kiểm tra mạng rồi thử lại.`,
      issues: [],
    };
  if (status === 401) {
    return {
      ok: false,
      title: "Chưa kết nối được",
      message: "Mã truy cập của xã không đúng, đã hết hạn hoặc đã bị thu hồi (Dân vận → Cài đặt kết nối).",
      issues: [],
    };
  }
  const e = errorBodySchema.safeParse(parse(body));
  if (e.success) return { ok: false, title: "Chưa chốt được", message: e.data.error.message, issues: e.data.error.details };
  return { ok: false, title: "Chưa chốt được", message: `Máy chủ trả lời không đọc được (mã ${status}). Hãy thử lại sau.`, issues: [] };
}

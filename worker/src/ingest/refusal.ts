/**
 * A submission the domain refuses: the contract's error code (shared/contract.ts ERROR_STATUS), a
 * Vietnamese message, the issues, and nothing written. Ingest code returns it as a result; the HTTP
 * layer turns it into the error body (../http/ingest.ts).
 */
import type { EnvelopeErrorCode, ErrorCode, ErrorExtra } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";

export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
  details: Issue[];
  extra: ErrorExtra;
}

/** What an ingest step gives: its result, or a refusal. */
export type Outcome<T> = ({ ok: true } & T) | Refusal;

export const refuse = (code: ErrorCode, message: string, details: Issue[] = [], extra: ErrorExtra = {}): Refusal => ({
  ok: false,
  code,
  message,
  details,
  extra,
});

/** A submission id already accepted for another commune or another content (a retry reuses id AND content). */
export const submissionIdConflict = () =>
  refuse("submission_id_conflict", "Mã lần gửi này đã dùng cho một nội dung khác. Hãy bấm Gửi báo cáo lại để tạo lần gửi mới.");

/** At most this many issues go back in `details` (the message gives the total). */
export const MAX_DETAILS = 1000;

const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error").length;
const MESSAGE: Record<EnvelopeErrorCode, (issues: Issue[]) => string> = {
  stale_schema_version: (i) => i[0]?.message_vi ?? "Phiên bản mẫu đã cũ; hãy cập nhật tiện ích.",
  schema_version_too_new: (i) => i[0]?.message_vi ?? "Phiên bản mẫu mới hơn máy chủ này.",
  invalid_envelope: (i) => `Dữ liệu gửi lên có ${errors(i)} lỗi; xem chi tiết từng trang, từng dòng.`,
  hash_mismatch: (i) => i[0]?.message_vi ?? "Nội dung gửi lên không khớp mã băm. Hãy gửi lại.",
  rule_violation: (i) => `Dữ liệu vi phạm ${errors(i)} quy định; xem chi tiết từng trang, từng dòng.`,
};

/** The message of an envelope refusal (shared/envelope.ts codes). */
export const envelopeMessage = (code: EnvelopeErrorCode, issues: Issue[]) => MESSAGE[code](issues);

/** A refused envelope as a refusal: its code, message and (at most MAX_DETAILS) issues. */
export const refuseEnvelope = (check: { code: EnvelopeErrorCode; issues: Issue[] }): Refusal =>
  refuse(check.code, envelopeMessage(check.code, check.issues), check.issues.slice(0, MAX_DETAILS));

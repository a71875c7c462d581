/**
 * A submission the domain refuses: the contract's error code (shared/contract.ts ERROR_STATUS), a
 * Vietnamese message, the issues, and nothing written. Ingest code returns it as a result; the HTTP
 * layer turns it into the error body (../http/ingest.ts).
 */
import type { ErrorCode, ErrorExtra } from "../../../shared/contract";
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

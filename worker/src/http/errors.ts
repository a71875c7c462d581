/**
 * The one error format of the API: `{error: {code, message, details}}` — `code` a stable English
 * snake_case string for programs, `message` Vietnamese for people, `details` a list (the issues
 * {sheet, row, column, code, severity, message_vi} when there are any, else empty).
 * Handlers throw `ApiError`; `app.onError` turns it (and anything else) into that JSON.
 * https://hono.dev/docs/api/hono#error-handling
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details: unknown[] = []): ErrorBody {
  return { error: { code, message, details } };
}

export function errorResponse(c: Context, e: ApiError): Response {
  // 503 means "try again": say when (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after).
  if (e.status === 503) c.header("Retry-After", "5");
  return c.json(errorBody(e.code, e.message, e.details), e.status);
}

/** Codes and messages used in more than one place. */
export const unauthorized = () => new ApiError(401, "unauthorized", "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.");
/** A submission id already accepted for another commune or another content (a retry reuses id AND content). */
export const submissionIdConflict = () =>
  new ApiError(409, "submission_id_conflict", "Mã lần gửi này đã dùng cho một nội dung khác. Hãy bấm Gửi báo cáo lại để tạo lần gửi mới.");
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(413, "payload_too_large", `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(maxBytes / 1024 / 1024)} MB).`);

export const handleError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  // Hono middleware (bearer-auth with our own 401 body) throws HTTPException carrying a response.
  if (err instanceof HTTPException) {
    if (err.res) return err.getResponse();
    return errorResponse(c, new ApiError(err.status as ContentfulStatusCode, "http_error", err.message || "Yêu cầu không hợp lệ."));
  }
  console.error("unhandled error", err);
  return errorResponse(c, new ApiError(500, "internal_error", "Máy chủ gặp lỗi; dữ liệu chưa được ghi. Hãy thử lại sau."));
};

export const handleNotFound: NotFoundHandler = (c) => errorResponse(c, new ApiError(404, "not_found", "Không tìm thấy địa chỉ này."));

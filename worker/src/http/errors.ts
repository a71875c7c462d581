/**
 * The one error format of the API: `{error: {code, message, details}}` — `code` a stable English
 * snake_case string for programs (every code and its status: shared/contract.ts ERROR_STATUS),
 * `message` Vietnamese for people, `details` a list of issues {sheet, row, column, code, severity,
 * message_vi} (empty when there are none).
 * Handlers throw `ApiError` (a domain refusal becomes one in ./ingest.ts); `app.onError` turns it (and
 * anything else) into that JSON.
 * https://hono.dev/docs/api/hono#error-handling
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorExtra } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Issue[] = [],
    readonly extra: ErrorExtra = {},
    /** Only for `http_error`, which carries the status of the Hono exception it wraps. */
    status?: ContentfulStatusCode,
  ) {
    super(message);
    this.status = status ?? ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, details: Issue[] = [], extra: ErrorExtra = {}): ErrorBody {
  return { error: { code, message, details, ...extra } };
}

/** Seconds a client waits before sending again after 503 `busy`. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

export function errorResponse(c: Context, e: ApiError): Response {
  // 503 means "try again": say when (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after).
  if (e.status === 503) c.header("Retry-After", String(BUSY_RETRY_AFTER_SECONDS));
  return c.json(errorBody(e.code, e.message, e.details, e.extra), e.status);
}

/** Codes and messages used in more than one place. */
export const unauthorized = () => new ApiError("unauthorized", "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.");
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(maxBytes / 1024 / 1024)} MB).`);

export const handleError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  // Hono middleware (bearer-auth with our own 401 body) throws HTTPException carrying a response.
  if (err instanceof HTTPException) {
    if (err.res) return err.getResponse();
    return errorResponse(c, new ApiError("http_error", err.message || "Yêu cầu không hợp lệ.", [], {}, err.status as ContentfulStatusCode));
  }
  console.error("unhandled error", err);
  return errorResponse(c, new ApiError("internal_error", "Máy chủ gặp lỗi; dữ liệu chưa được ghi. Hãy thử lại sau."));
};

export const handleNotFound: NotFoundHandler = (c) => errorResponse(c, new ApiError("not_found", "Không tìm thấy địa chỉ này."));

/**
 * Request bodies: a size limit (Hono's body-limit middleware, which trusts Content-Length when
 * present and otherwise counts the streamed bytes) and a JSON body that must say it is JSON.
 * https://hono.dev/docs/middleware/builtin/body-limit
 */
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { ApiError, errorResponse, payloadTooLarge } from "./errors";

/** Largest accepted request body: a big commune workbook (tens of thousands of rows) fits. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES) => bodyLimit({ maxSize, onError: (c) => errorResponse(c, payloadTooLarge(maxSize)) });

export type JsonBodyVars = { Variables: { rawBody: string; body: unknown } };

/**
 * 415 `unsupported_media_type` unless Content-Type is application/json, 400 `malformed_json`
 * unless the body parses. Sets `rawBody` (the text as received) and `body` (parsed).
 */
export const jsonBody = createMiddleware<JsonBodyVars>(async (c, next) => {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", "Dữ liệu phải gửi dạng JSON (Content-Type: application/json).");
  }
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(400, "malformed_json", "Dữ liệu gửi lên không phải JSON hợp lệ.");
  }
  c.set("rawBody", raw);
  c.set("body", body);
  await next();
});

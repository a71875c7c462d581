/**
 * Request bodies: a size limit and a JSON body that must say it is JSON.
 *
 * The limit works like Hono's body-limit middleware (https://hono.dev/docs/middleware/builtin/body-limit)
 * — trust Content-Length when there is one, else count the bytes as they stream — with one
 * difference. Hono answers 413 as soon as a streamed (Transfer-Encoding: chunked) body passes the
 * limit, leaving the rest of it unread. workerd then drops the connection in the middle of the
 * request; under `wrangler dev` the proxy in front of the worker sees "Network connection lost",
 * reports it as a fatal error and wrangler exits (measured: a 9 MB chunked upload killed `npm start`
 * 3 times out of 3; tests/e2e/defects.test.ts). Cancelling the stream does not help; reading it to the
 * end does. So past the limit the rest is read and dropped (nothing is kept) before answering, up to
 * MAX_DRAIN_BYTES, after which the stream is cancelled.
 */
import { createMiddleware } from "hono/factory";
import { ApiError, errorResponse, payloadTooLarge } from "./errors";

/** Largest accepted request body: a big commune workbook (tens of thousands of rows) fits. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Most bytes read and dropped after the limit: Cloudflare refuses larger request bodies at its edge
 * on the smallest plans (100 MB: https://developers.cloudflare.com/workers/platform/limits/#request-limits),
 * so a deployed worker never sees more; locally it bounds what a client can make us read.
 */
export const MAX_DRAIN_BYTES = 100 * 1024 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES) =>
  createMiddleware(async (c, next) => {
    const req = c.req.raw;
    if (!req.body) return next();
    const length = req.headers.get("content-length");
    if (length !== null && !req.headers.has("transfer-encoding")) {
      // Known size: refused before a byte is read (workerd handles an unread body cleanly).
      return Number.parseInt(length, 10) > maxSize ? errorResponse(c, payloadTooLarge(maxSize)) : next();
    }
    const reader = req.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxSize) {
        await drain(reader, MAX_DRAIN_BYTES - size);
        return errorResponse(c, payloadTooLarge(maxSize));
      }
      parts.push(value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const p of parts) {
      body.set(p, offset);
      offset += p.length;
    }
    c.req.raw = new Request(req, { body });
    return next();
  });

/** Read a stream to its end, dropping what comes, at most `budget` bytes; then cancel what is left. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  while (left > 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.length;
  }
  await reader.cancel();
}

export type JsonBodyVars = { Variables: { rawBody: string; body: unknown } };

/**
 * 415 `unsupported_media_type` unless Content-Type is application/json, 400 `malformed_json`
 * unless the body parses. Sets `rawBody` (the text as received) and `body` (parsed).
 */
export const jsonBody = createMiddleware<JsonBodyVars>(async (c, next) => {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError("unsupported_media_type", "Dữ liệu phải gửi dạng JSON (Content-Type: application/json).");
  }
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError("malformed_json", "Dữ liệu gửi lên không phải JSON hợp lệ.");
  }
  c.set("rawBody", raw);
  c.set("body", body);
  await next();
});

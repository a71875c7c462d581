/**
 * Bearer authentication with Hono's bearer-auth middleware; every failure (no header, a malformed
 * one, an unknown/revoked/expired token) answers the same 401 `unauthorized` in our error format,
 * and is written to the access log (../db/access-log.ts). Wrong admin secrets are throttled per
 * client: ADMIN_MAX_FAILURES in ADMIN_WINDOW_SECONDS, then 429 `too_many_attempts` with Retry-After.
 * https://hono.dev/docs/middleware/builtin/bearer-auth
 */
import type { Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "hono/utils/buffer";
import { findActiveToken, TOKEN_PATTERN, type TokenRow } from "../auth/tokens";
import { refusedSince } from "../db/access-log";
import { controlDb } from "../db/shard";
import { bearerToken, clientIp, logAccess, logAccessNow, tokenPrefix } from "./access";
import type { Bindings } from "./env";
import { ApiError, errorResponse, unauthorized } from "./errors";

export type CommuneAuthVars = { Bindings: Bindings; Variables: { token: TokenRow } };

function bearer<E extends { Bindings: Bindings }>(
  verifyToken: (token: string, c: Context<E>) => Promise<boolean>,
  refuse: (c: Context) => Promise<Response>,
) {
  return bearerAuth({
    verifyToken: verifyToken as (token: string, c: Context) => Promise<boolean>,
    noAuthenticationHeader: { message: refuse },
    invalidAuthenticationHeader: { message: refuse },
    invalidToken: { message: refuse },
  });
}

/**
 * Refused admin attempts a client may make in ADMIN_WINDOW_SECONDS. The secret is long and random,
 * so this is not what keeps it safe; it stops a script from trying guesses at the speed of the
 * network, and makes such a script visible in the log.
 */
export const ADMIN_MAX_FAILURES = 10;
export const ADMIN_WINDOW_SECONDS = 15 * 60;

/**
 * Admin: the bearer must equal ADMIN_SECRET. `timingSafeEqual` compares SHA-256 digests of both,
 * so the time taken does not depend on where they differ. A refusal is logged before answering (the
 * throttle counts it for the next attempt), with nothing of the secret tried.
 */
const adminBearer = bearer(
  async (token, c) => {
    const secret = c.env.ADMIN_SECRET;
    return typeof secret === "string" && secret.length >= 16 && (await timingSafeEqual(secret, token));
  },
  async (c) => {
    await logAccessNow(c, { kind: "admin", route: "admin", status: 401, outcome: "refused" });
    return errorResponse(c, unauthorized());
  },
);

/**
 * The throttle reads the access log of this isolate's database (D1), so it holds across isolates and
 * restarts; it costs one indexed read per admin request. In production, Cloudflare's rate limiting
 * binding (https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/) or a WAF
 * rule in front of /api/admin can stop floods before they reach the worker (README, "Deploying").
 */
export const adminAuth = createMiddleware<{ Bindings: Bindings }>(async (c, next) => {
  const now = Date.now();
  const { count, oldest } = await refusedSince(
    controlDb(c.env),
    "admin",
    clientIp(c),
    new Date(now - ADMIN_WINDOW_SECONDS * 1000).toISOString(),
  );
  if (count >= ADMIN_MAX_FAILURES) {
    const seconds = Math.max(1, Math.ceil(((oldest ? Date.parse(oldest) : now) + ADMIN_WINDOW_SECONDS * 1000 - now) / 1000));
    await logAccess(c, { kind: "admin", route: "admin", status: 429, outcome: "throttled" });
    c.header("Retry-After", String(seconds));
    return errorResponse(
      c,
      new ApiError("too_many_attempts", `Nhập sai mã quản trị quá nhiều lần; hãy thử lại sau ${Math.ceil(seconds / 60)} phút.`),
    );
  }
  return adminBearer(c, next);
});

/** A commune write token: looked up by hash; sets `token` (its row) for the handler. */
export const communeAuth = bearer<CommuneAuthVars>(
  async (token, c) => {
    const row = await findActiveToken(controlDb(c.env), token, "commune");
    if (row?.scope !== "write") return false;
    c.set("token", row);
    return true;
  },
  async (c) => {
    // Only something shaped like a token is hashed into the log (never a password sent by mistake).
    const presented = bearerToken(c);
    await logAccess(c, {
      kind: "commune",
      route: "submission",
      status: 401,
      outcome: "refused",
      tokenPrefix: presented && TOKEN_PATTERN.test(presented) ? await tokenPrefix(presented) : null,
    });
    return errorResponse(c, unauthorized());
  },
);

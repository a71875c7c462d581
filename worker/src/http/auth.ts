/**
 * Bearer authentication with Hono's bearer-auth middleware; every failure (no header, a malformed
 * one, an unknown/revoked/expired token) answers the same 401 `unauthorized` in our error format.
 * https://hono.dev/docs/middleware/builtin/bearer-auth
 */
import type { Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { timingSafeEqual } from "hono/utils/buffer";
import { findActiveToken, type TokenRow } from "../auth/tokens";
import { dbFor } from "../db/shard";
import type { Bindings } from "./env";
import { errorResponse, unauthorized } from "./errors";

export type CommuneAuthVars = { Bindings: Bindings; Variables: { token: TokenRow } };

const refuse = (c: Context) => errorResponse(c, unauthorized());

function bearer<E extends { Bindings: Bindings }>(verifyToken: (token: string, c: Context<E>) => Promise<boolean>) {
  return bearerAuth({
    verifyToken: verifyToken as (token: string, c: Context) => Promise<boolean>,
    noAuthenticationHeader: { message: refuse },
    invalidAuthenticationHeader: { message: refuse },
    invalidToken: { message: refuse },
  });
}

/**
 * Admin: the bearer must equal ADMIN_SECRET. `timingSafeEqual` compares SHA-256 digests of both,
 * so the time taken does not depend on where they differ.
 */
export const adminAuth = bearer(async (token, c) => {
  const secret = c.env.ADMIN_SECRET;
  return typeof secret === "string" && secret.length >= 16 && (await timingSafeEqual(secret, token));
});

/** A commune write token: looked up by hash; sets `token` (its row) for the handler. */
export const communeAuth = bearer<CommuneAuthVars>(async (token, c) => {
  const row = await findActiveToken(dbFor(c.env), token, "commune");
  if (row?.scope !== "write") return false;
  c.set("token", row);
  return true;
});

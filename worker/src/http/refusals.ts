/**
 * Every refused `POST /api/submissions` (an answer of 400 or more) goes to `submission_refusals`
 * after the answer (`waitUntil`, as ./access.ts does), so the console can show a commune's rejected
 * attempts with their codes. The commune is the presented token's — also a revoked or expired one,
 * whose row is still in `tokens` — and the body's error code and issue codes are kept, nothing else.
 */
import { createMiddleware } from "hono/factory";
import { errorBodySchema } from "../../../shared/contract";
import { HASH_PREFIX_LENGTH, hashToken, TOKEN_PATTERN, type TokenRow } from "../auth/tokens";
import { controlDb, shardFor } from "../db/shard";
import { type TokenRefusalReason, writeSubmissionRefusal } from "../db/submission-refusals";
import { bearerToken } from "./access";
import type { Bindings } from "./env";

async function whose(
  db: D1Database,
  token: string | null,
  now: Date,
): Promise<{ communeId: string | null; reason: TokenRefusalReason; prefix: string | null }> {
  if (!token) return { communeId: null, reason: "missing", prefix: null };
  if (!TOKEN_PATTERN.test(token)) return { communeId: null, reason: "unknown", prefix: null };
  const hash = await hashToken(token);
  const row = await db
    .prepare("SELECT unit_id, revoked_at, expires_at FROM tokens WHERE token_hash = ? AND kind = 'commune'")
    .bind(hash)
    .first<Pick<TokenRow, "unit_id" | "revoked_at" | "expires_at">>();
  const prefix = hash.slice(0, HASH_PREFIX_LENGTH);
  if (!row) return { communeId: null, reason: "unknown", prefix };
  const reason: TokenRefusalReason = row.revoked_at
    ? "revoked"
    : row.expires_at && row.expires_at <= now.toISOString()
      ? "expired"
      : "unknown";
  return { communeId: row.unit_id, reason, prefix };
}

export const recordRefusals = createMiddleware<{ Bindings: Bindings; Variables: { token?: TokenRow } }>(async (c, next) => {
  await next();
  const status = c.res.status;
  if (status < 400) return;
  // The error body is read now (small; a refusal's details are capped), the log is written after the answer.
  const body = errorBodySchema.safeParse(
    await c.res
      .clone()
      .json()
      .catch(() => null),
  );
  const presented = bearerToken(c);
  // A token the auth accepted (refused later: a bad envelope, the rules…) is known already: no lookup.
  const accepted = c.get("token");
  const done = (async () => {
    const now = new Date();
    const db = controlDb(c.env);
    const code = body.success ? body.data.error.code : "http_error";
    const issueCodes: Record<string, number> = {};
    for (const i of body.success ? body.data.error.details : []) issueCodes[i.code] = (issueCodes[i.code] ?? 0) + 1;
    const who = accepted
      ? { communeId: accepted.unit_id, reason: "unknown" as const, prefix: accepted.token_hash.slice(0, HASH_PREFIX_LENGTH) }
      : await whose(db, presented, now);
    // An accepted token that was refused later (bad envelope, rules…): its commune, no token reason.
    // A commune's refusals are its data (its shard); one without a commune stays in the control database.
    await writeSubmissionRefusal(who.communeId ? await shardFor(c.env, who.communeId) : db, {
      at: now.toISOString(),
      communeId: who.communeId,
      tokenPrefix: who.prefix,
      status,
      code,
      reason: code === "unauthorized" ? who.reason : null,
      issueCodes,
    });
  })().catch((err: unknown) => console.error("submission refusal log failed", err));
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    await done;
  }
});

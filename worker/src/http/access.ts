/**
 * Recording accesses (../db/access-log.ts) from a request: after the answer, with
 * `executionCtx.waitUntil`, so a link page waits for no extra write
 * (https://developers.cloudflare.com/workers/runtime-apis/context/#waituntil). A failed write is
 * reported on the console and never changes the answer.
 */
import type { Context } from "hono";
import { HASH_PREFIX_LENGTH, hashToken } from "../auth/tokens";
import { type AccessEntry, writeAccess } from "../db/access-log";
import { controlDb } from "../db/shard";
import type { Bindings } from "./env";

/** What these helpers read of a request context, whatever its variables. */
type AnyContext = Pick<Context<{ Bindings: Bindings }>, "req" | "env" | "executionCtx">;

/** The client's address as Cloudflare gives it (set by the edge; a client cannot choose it there). */
export const clientIp = (c: AnyContext): string | null => c.req.header("cf-connecting-ip") ?? null;

/** First hex digits of the SHA-256 of a presented token: enough to tell tokens apart, useless to use one. */
export const tokenPrefix = async (token: string) => (await hashToken(token)).slice(0, HASH_PREFIX_LENGTH);

/** The token after "Bearer " in the Authorization header, if any. */
export function bearerToken(c: AnyContext): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  return m ? m[1]! : null;
}

function write(c: AnyContext, entry: AccessEntry): Promise<void> {
  return writeAccess(controlDb(c.env), { clientIp: clientIp(c), ...entry }).catch((err: unknown) => {
    console.error("access log write failed", err);
  });
}

/**
 * Record an access after the answer (waitUntil). Where the runtime gives no execution context (a
 * test calling `app.fetch` without one) the write is awaited instead.
 */
export async function logAccess(c: AnyContext, entry: AccessEntry): Promise<void> {
  const done = write(c, entry);
  let waitUntil: ((p: Promise<unknown>) => void) | undefined;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    waitUntil = undefined;
  }
  if (waitUntil) waitUntil(done);
  else await done;
}

/** Record it before answering: what the admin throttle counts must be there for the next attempt. */
export const logAccessNow = (c: AnyContext, entry: AccessEntry): Promise<void> => write(c, entry);

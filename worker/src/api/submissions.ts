/**
 * `POST /api/submissions` — a commune sends its workbook (shared/envelope.ts) with its write token.
 * 201 with a receipt when accepted, 200 with the stored receipt when the same submission id comes
 * again (a new one carries a `Server-Timing` header: R2 and D1 wait, plans made); otherwise `{error: {code, message, details}}` and nothing written — and the refusal is
 * logged with its code for the console (../http/refusals.ts).
 */
import { Hono } from "hono";
import { todayVi } from "../../../shared/periods";
import type { TokenRow } from "../auth/tokens";
import { controlDb, shardFor } from "../db/shard";
import { getUnit, writerOf } from "../db/units";
import { communeAuth } from "../http/auth";
import { jsonBody, limitBody } from "../http/body";
import type { Bindings } from "../http/env";
import { unauthorized } from "../http/errors";
import { acceptOrThrow } from "../http/ingest";
import { recordRefusals } from "../http/refusals";
import type { IngestTiming } from "../ingest/ingest";

/** https://www.w3.org/TR/server-timing/ — e.g. `r2;dur=3.1, d1;dur=12.0, attempts;desc="1"`. */
const serverTiming = (t: IngestTiming) =>
  `read;dur=${t.read_ms.toFixed(1)}, plan;dur=${t.plan_ms.toFixed(1)}, r2;dur=${t.r2_ms.toFixed(1)}, d1;dur=${t.d1_ms.toFixed(1)}, attempts;desc="${t.attempts}"`;

type SubmissionEnv = { Bindings: Bindings; Variables: { token: TokenRow; rawBody: string; body: unknown } };

export const submissionRoutes = new Hono<SubmissionEnv>().post("/", recordRefusals, communeAuth, limitBody(), jsonBody, async (c) => {
  const token = c.get("token");
  const unit = await getUnit(controlDb(c.env), token.unit_id);
  if (unit?.level !== "commune") throw unauthorized();
  const now = new Date();
  const { receipt, created, timing } = await acceptOrThrow(await shardFor(c.env, unit.id), {
    body: c.get("body"),
    raw: c.get("rawBody"),
    commune: writerOf(unit),
    payloads: c.env.PAYLOADS,
    receivedAt: now.toISOString(),
    today: todayVi(now),
    actor: `commune:${unit.id}`,
    action: "submission",
  });
  if (timing) c.header("Server-Timing", serverTiming(timing));
  return c.json({ receipt }, created ? 201 : 200);
});

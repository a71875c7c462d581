/**
 * `POST /api/admin/import` — load a commune's historical submission as the admin: the same checks
 * and writes as `POST /api/submissions`, for the commune named by `commune_id`, optionally with the
 * instant it was originally received (so pilot-era weekly reports keep their timeliness). Rules are
 * judged as of that day. The override is recorded in audit_log with the submission.
 */
import { Hono } from "hono";
import { todayVi } from "../../../shared/periods";
import * as z from "../../../shared/zod-vi";
import { controlDb, shardFor } from "../db/shard";
import { getUnit, writerOf } from "../db/units";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { acceptOrThrow } from "../http/ingest";
import { validateJson } from "../http/validate";

export const importBody = z.strictObject({
  commune_id: z.string().min(1).max(100),
  received_at: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s).toISOString())
    .optional(),
  envelope: z.unknown(),
});

export const importRoutes = new Hono<{ Bindings: Bindings }>().post("/import", validateJson(importBody), async (c) => {
  const body = c.req.valid("json");
  const unit = await getUnit(controlDb(c.env), body.commune_id);
  if (unit?.level !== "commune") throw new ApiError("unit_not_found", `Không có xã mã "${body.commune_id}".`);
  const now = new Date().toISOString();
  const receivedAt = body.received_at ?? now;
  if (receivedAt > now) throw new ApiError("invalid_request", "Thời điểm nhận không được ở tương lai.");
  const { receipt, created } = await acceptOrThrow(await shardFor(c.env, unit.id), {
    body: body.envelope,
    raw: JSON.stringify(body.envelope),
    commune: writerOf(unit),
    payloads: c.env.PAYLOADS,
    receivedAt,
    today: todayVi(new Date(receivedAt)),
    actor: "admin",
    action: "import",
    audit: { received_at_override: body.received_at !== undefined },
  });
  return c.json({ receipt }, created ? 201 : 200);
});

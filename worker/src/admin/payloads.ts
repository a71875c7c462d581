/**
 * `POST /api/admin/payloads/move` — move up to `limit` payloads received before 0033 from D1 to R2
 * (../db/payload-move.ts): the same job the scheduled handler runs a share of each day, for an
 * operator who wants it done now. Answers `{ moved, left }`; call again until `left` is 0. Resumable
 * and safe to run alongside anything: a payload is readable where it is before, during and after.
 */
import { Hono } from "hono";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { movePayloadsToR2 } from "../db/payload-move";
import { allShards, controlDb } from "../db/shard";
import type { Bindings } from "../http/env";
import { validateJson } from "../http/validate";

export const moveBody = z.strictObject({ limit: z.number().int().min(1).max(500).optional() });

export const payloadAdminRoutes = new Hono<{ Bindings: Bindings }>().post("/payloads/move", validateJson(moveBody), async (c) => {
  // Every database in turn (old payloads are where their commune's data is), up to `limit` in all.
  const limit = c.req.valid("json").limit ?? 50;
  const result = { moved: 0, left: 0 };
  for (const db of allShards(c.env)) {
    const r = await movePayloadsToR2(db, c.env.PAYLOADS, limit - result.moved);
    result.moved += r.moved;
    result.left += r.left;
  }
  const db = controlDb(c.env);
  await auditStatement(db, "admin", "payloads.move", null, result).run();
  return c.json(result);
});

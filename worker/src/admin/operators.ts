/**
 * Operators of the roll-out console through the admin API — how the first admin is made in
 * production, before anyone can sign in to the console (README, "The console"):
 *   POST /api/admin/operators           {email, role, unit_id?, name?}  add or change one (unit_id
 *        null or left out: the whole country); a locked one is enabled again
 *   POST /api/admin/operators/disable   {email}                          lock one out
 *   POST /api/admin/operators/query     {}                               list them
 * Audited with actor "admin".
 */
import { Hono } from "hono";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { controlDb } from "../db/shard";
import { getUnit } from "../db/units";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";
import { normalEmail, ROLES } from "../operators/roles";
import { disableOperatorStatement, getOperatorRow, listOperators, upsertOperatorStatement } from "../operators/store";

const email = z
  .email({ error: "Địa chỉ email không hợp lệ." })
  .max(254)
  .transform((e) => normalEmail(e));
export const operatorBody = z.strictObject({
  email,
  role: z.enum(ROLES),
  unit_id: z.string().min(1).max(100).nullable().optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

export const operatorRoutes = new Hono<{ Bindings: Bindings }>()
  .post("/operators", validateJson(operatorBody), async (c) => {
    const body = c.req.valid("json");
    const db = controlDb(c.env);
    const unitId = body.unit_id ?? null;
    if (unitId !== null) {
      const unit = await getUnit(db, unitId);
      if (!unit || unit.level === "village") throw new ApiError("unit_not_found", `Không có tỉnh, huyện hay xã mã "${unitId}".`);
    }
    const existing = await getOperatorRow(db, body.email);
    await db.batch([
      upsertOperatorStatement(db, { email: body.email, role: body.role, unit_id: unitId, name: body.name ?? null }, "admin"),
      auditStatement(db, "admin", "operator.upsert", unitId, {
        email: body.email,
        role: body.role,
        was: existing ? { role: existing.role, unit_id: existing.unit_id } : null,
      }),
    ]);
    return c.json({ operator: await getOperatorRow(db, body.email) }, existing ? 200 : 201);
  })
  .post("/operators/disable", validateJson(z.strictObject({ email })), async (c) => {
    const { email: who } = c.req.valid("json");
    const db = controlDb(c.env);
    const existing = await getOperatorRow(db, who);
    if (!existing) throw new ApiError("not_found", `Không có cán bộ điều hành ${who}.`);
    if (!existing.disabled_at) {
      await db.batch([
        disableOperatorStatement(db, who),
        auditStatement(db, "admin", "operator.disable", existing.unit_id, { email: who }),
      ]);
    }
    return c.json({ operator: await getOperatorRow(db, who) });
  })
  .post("/operators/query", validateJson(z.strictObject({})), async (c) =>
    c.json({ operators: await listOperators(controlDb(c.env), null) }),
  );

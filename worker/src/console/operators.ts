/**
 * Routes of "Cán bộ" (admins only):
 *   GET  /can-bo          the operators of units under the admin's
 *   POST /can-bo          add one, or change one's role, unit or name (enables a locked one)
 *   POST /can-bo/khoa     lock one out (the record stays, for the audit log)
 * An admin gives no role above their own and no unit outside theirs, and cannot change an operator
 * outside their unit: 403, nothing written.
 */
import { type Context, Hono } from "hono";
import { nfc } from "../../../shared/text";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { controlDb } from "../db/shard";
import { mayGrant, normalEmail, ROLES, type Role } from "../operators/roles";
import { covers, registeredWithin, unitsWithin } from "../operators/scope";
import { disableOperatorStatement, getOperatorRow, listOperators, type OperatorRow, upsertOperatorStatement } from "../operators/store";
import { unitsById } from "../rollout/units";
import type { ConsoleEnv } from "./env";
import { currentProvinces } from "./overview";
import { OperatorsPage } from "./pages/operators";
import { forbidden, html, lacks, nonceOf } from "./respond";

const formText = (v: unknown) => (typeof v === "string" ? v : "");
const email = z.email().max(254);

/** Whether the signed-in admin may change this existing operator: within their unit, no higher role. */
async function mayChange(c: Context<ConsoleEnv>, target: OperatorRow): Promise<boolean> {
  const op = c.get("operator");
  if (!mayGrant(op, target.role)) return false;
  if (op.unit_id === null) return true;
  return target.unit_id !== null && (await covers(controlDb(c.env), op, target.unit_id));
}

async function page(c: Context<ConsoleEnv>, flash?: { kind: "ok" | "bad"; text: string }, status: 200 | 403 | 422 = 200) {
  const op = c.get("operator");
  const db = controlDb(c.env);
  const scope = op.unit_id === null ? null : await unitsWithin(db, op.unit_id);
  const operators = await listOperators(db, scope);
  const unitOptions =
    op.unit_id === null ? [{ id: "", label: "Cả nước" }, ...(await currentProvinces(db))] : [{ id: op.unit_id, label: op.unit_label }];
  const communes = await registeredWithin(db, op.unit_id);
  const labels = await unitsById(db, [...communes, ...operators.flatMap((o) => (o.unit_id ? [o.unit_id] : []))]);
  const nonce = nonceOf(c);
  return html(
    c,
    OperatorsPage({
      who: op,
      ...(nonce ? { nonce } : {}),
      operators,
      labels: new Map([...labels].map(([id, u]) => [id, u.label])),
      roles: ROLES.filter((r) => mayGrant(op, r)),
      units: [...unitOptions, ...communes.flatMap((id) => (labels.get(id) ? [{ id, label: labels.get(id)!.label }] : []))],
      ...(flash ? { flash } : {}),
    }),
    status,
  );
}

export const operatorRoutes = new Hono<ConsoleEnv>()
  .use("/can-bo", async (c, next) => lacks(c, "manage_operators") ?? next())
  .use("/can-bo/*", async (c, next) => lacks(c, "manage_operators") ?? next())
  .get("/can-bo", async (c) => {
    const done = c.req.query("xong");
    return page(c, done ? { kind: "ok", text: done === "khoa" ? "Đã khóa cán bộ." : "Đã lưu cán bộ." } : undefined);
  })
  .post("/can-bo", async (c) => {
    const op = c.get("operator");
    const db = controlDb(c.env);
    const body = await c.req.parseBody();
    const parsed = email.safeParse(normalEmail(formText(body.email)));
    if (!parsed.success) return page(c, { kind: "bad", text: "Email không hợp lệ; chưa lưu gì." }, 422);
    const role = formText(body["vai-tro"]) as Role;
    if (!ROLES.includes(role) || !mayGrant(op, role)) return forbidden(c, "Bạn không được giao vai trò này; chưa lưu gì.");
    const unitId = formText(body["don-vi"]) || null;
    if (unitId === null ? op.unit_id !== null : !(await covers(db, op, unitId))) {
      return forbidden(c, `Chỉ giao được đơn vị thuộc ${op.unit_label}; chưa lưu gì.`);
    }
    const existing = await getOperatorRow(db, parsed.data);
    if (existing && !(await mayChange(c, existing)))
      return forbidden(c, "Cán bộ này thuộc đơn vị khác hoặc có quyền cao hơn; chưa lưu gì.");
    const name = nfc(formText(body.ten)).slice(0, 100) || null;
    await db.batch([
      upsertOperatorStatement(db, { email: parsed.data, role, unit_id: unitId, name }, op.email),
      auditStatement(db, op.email, "operator.upsert", unitId, {
        email: parsed.data,
        role,
        was: existing ? { role: existing.role, unit_id: existing.unit_id } : null,
      }),
    ]);
    return c.redirect("/admin/can-bo?xong=luu", 303);
  })
  .post("/can-bo/khoa", async (c) => {
    const op = c.get("operator");
    const db = controlDb(c.env);
    const body = await c.req.parseBody();
    const target = await getOperatorRow(db, formText(body.email));
    if (!target || !(await mayChange(c, target)))
      return forbidden(c, "Không khóa được cán bộ này (không thuộc đơn vị của bạn); không thay đổi gì.");
    if (target.email === op.email) return forbidden(c, "Không tự khóa tài khoản của mình.");
    await db.batch([
      disableOperatorStatement(db, target.email),
      auditStatement(db, op.email, "operator.disable", target.unit_id, { email: target.email }),
    ]);
    return c.redirect("/admin/can-bo?xong=khoa", 303);
  });

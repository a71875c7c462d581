/**
 * The Tổ hướng dẫn và giám sát (plan II.1.1) of the unit that supervises communes — a district in
 * the pilot, a province after the 2025 reform. No commune workbook holds it (a commune's
 * spreadsheet is the commune's), so the supervising office sends it here; the roll-out console can
 * put a form on these routes. Admin only (./routes.ts).
 *   POST /api/admin/guidance-teams        {unit_id, members: [...]}: the roster, replaced whole
 *        (an empty list removes it); answers the plan's composition warnings (shared/steering.ts).
 *   POST /api/admin/guidance-teams/query  {unit_id}: the roster with its warnings.
 * Names stay off district and province links: those show the composition only (../rollup/steering.ts).
 */
import { Hono } from "hono";
import { checkComposition, GUIDANCE_COMPOSITION, guidanceMemberSchema } from "../../../shared/steering";
import { fold } from "../../../shared/text";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { controlDb } from "../db/shard";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";

const unitId = z.string().min(1).max(100);
const rosterBody = z.strictObject({ unit_id: unitId, members: z.array(guidanceMemberSchema).max(30) });
const queryBody = z.strictObject({ unit_id: unitId });

const COLS = ["member_no", "full_name", "current_position", "seat", "role", "phone"] as const;

async function supervisingUnit(db: D1Database, id: string) {
  const unit = await db
    .prepare("SELECT id, level, name, kind_vi FROM units WHERE id = ?")
    .bind(id)
    .first<{ id: string; level: string; name: string; kind_vi: string | null }>();
  if (!unit) throw new ApiError("unit_not_found", `Không có đơn vị mã "${id}".`);
  if (unit.level !== "district" && unit.level !== "province") {
    throw new ApiError(
      "unit_level_not_allowed",
      `Tổ hướng dẫn và giám sát thuộc huyện hoặc tỉnh, không thuộc ${unit.kind_vi ?? unit.level} ${unit.name}.`,
    );
  }
  return unit;
}

export const guidanceRoutes = new Hono<{ Bindings: Bindings }>()
  .post("/guidance-teams", validateJson(rosterBody), async (c) => {
    const { unit_id, members } = c.req.valid("json");
    const db = controlDb(c.env);
    await supervisingUnit(db, unit_id);
    const names = new Set(members.map((m) => fold(m.full_name)));
    const numbers = new Set(members.map((m) => m.member_no));
    if (names.size !== members.length || numbers.size !== members.length) {
      throw new ApiError("invalid_request", "Mỗi thành viên chỉ ghi một lần (họ tên và STT không trùng nhau).");
    }
    const now = new Date().toISOString();
    await db.batch([
      db.prepare("DELETE FROM guidance_members WHERE unit_id = ?").bind(unit_id),
      ...members.map((m) =>
        db
          .prepare(
            `INSERT INTO guidance_members (unit_id, ${COLS.join(", ")}, updated_at) VALUES (?, ${COLS.map(() => "?").join(", ")}, ?)`,
          )
          .bind(unit_id, ...COLS.map((k) => m[k] ?? null), now),
      ),
      auditStatement(db, "admin", "guidance_team.replace", unit_id, { members: members.length }),
    ]);
    return c.json({ unit_id, members: members.length, warnings: checkComposition(GUIDANCE_COMPOSITION, members) });
  })
  .post("/guidance-teams/query", validateJson(queryBody), async (c) => {
    const { unit_id } = c.req.valid("json");
    const db = controlDb(c.env);
    await supervisingUnit(db, unit_id);
    const { results } = await db
      .prepare(`SELECT ${COLS.join(", ")}, updated_at FROM guidance_members WHERE unit_id = ? ORDER BY member_no`)
      .bind(unit_id)
      .all<Record<string, unknown> & { role: string; seat: string }>();
    return c.json({ unit_id, members: results, warnings: checkComposition(GUIDANCE_COMPOSITION, results) });
  });

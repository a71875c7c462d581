/**
 * `POST /api/admin/units` {units: Unit[]} — upsert administrative units (shared/units.ts), up to the
 * whole country's history at once (shared/data/vn/units.json, ≈15,600 units, 3.4 MB: `npm run
 * units:load`). Each unit is checked with the shared `unitSchema`; the units already stored plus the
 * new ones must then pass `validateUnits` as a whole (parents, validity intervals, successors, no code
 * used twice at once). Then one batch writes them (all or nothing) and answers how many rows changed:
 * a unit sent again as stored is not rewritten. The control database has the units; every shard gets a copy.
 */
import { Hono } from "hono";
import { unitSchema, validateUnits } from "../../../shared/units";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { controlDb, shardMap } from "../db/shard";
import { readUnits, upsertUnitStatements } from "../db/units";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";

export const unitsBody = z.strictObject({ units: z.array(unitSchema).min(1).max(50_000) });

export const unitRoutes = new Hono<{ Bindings: Bindings }>().post("/units", validateJson(unitsBody), async (c) => {
  const { units } = c.req.valid("json");
  const db = controlDb(c.env);
  const merged = new Map((await readUnits(db)).map((u) => [u.id, u]));
  for (const u of units) merged.set(u.id, u);
  const errors = validateUnits([...merged.values()]);
  if (errors.length) {
    throw new ApiError(
      "invalid_units",
      `Danh sách đơn vị có ${errors.length} lỗi; xem chi tiết.`,
      errors.map((message_vi) => ({
        sheet: null,
        row: null,
        column: "units",
        code: "invalid_unit",
        severity: "error" as const,
        message_vi,
      })),
    );
  }
  const upserts = upsertUnitStatements(db, units);
  const results = await db.batch([...upserts, auditStatement(db, "admin", "units.upsert", null, { count: units.length })]);
  const changed = results.slice(0, upserts.length).reduce((n, r) => n + (r.results?.length ?? 0), 0);
  // Every shard keeps a copy for its foreign keys (../db/shard.ts): the same upsert, one batch each.
  // A failure here answers 500 and the admin sends the list again (nothing is rewritten twice).
  await Promise.all([...shardMap(c.env).values()].map((shard) => shard.batch(upsertUnitStatements(shard, units))));
  return c.json({ upserted: units.length, changed });
});

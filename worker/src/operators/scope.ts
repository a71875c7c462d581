/**
 * Which units an operator covers: their own unit and everything under it by `units.parent_id`
 * (a province: its districts before 1 July 2025 and its communes; a district: its communes), never
 * villages. An operator with no unit covers the whole country. A unit that was merged stays under
 * the parent it had (a district operator covers the district's communes as they were); see README,
 * "The console".
 */
import type { Operator } from "./roles";

/** Units under `?1` (itself included), by the parent index (units_parent). */
const DOWN = `WITH RECURSIVE down(id) AS (
  SELECT id FROM units WHERE id = ?1
  UNION SELECT u.id FROM units u JOIN down ON u.parent_id = down.id WHERE u.level <> 'village')`;

/** `?1` and its ancestors. */
const UP = `WITH RECURSIVE up(id, parent_id) AS (
  SELECT id, parent_id FROM units WHERE id = ?1
  UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)`;

/** Whether `unitId` is `scopeId` or under it; a null scope covers every unit that exists. */
export async function isWithin(db: D1Database, unitId: string, scopeId: string | null): Promise<boolean> {
  if (scopeId === null) return (await db.prepare("SELECT 1 AS x FROM units WHERE id = ?").bind(unitId).first()) !== null;
  return (await db.prepare(`${UP} SELECT 1 AS x FROM up WHERE id = ?2`).bind(unitId, scopeId).first()) !== null;
}

/** Whether an operator covers a unit. */
export const covers = (db: D1Database, op: Pick<Operator, "unit_id">, unitId: string) => isWithin(db, unitId, op.unit_id);

/** Ids of the units under `scopeId` (itself included, villages left out). */
export async function unitsWithin(db: D1Database, scopeId: string): Promise<string[]> {
  return (await db.prepare(`${DOWN} SELECT id FROM down`).bind(scopeId).all<{ id: string }>()).results.map((r) => r.id);
}

/** The registered communes (commune_records) under `scopeId`, or in the country when it is null. */
export async function registeredWithin(db: D1Database, scopeId: string | null): Promise<string[]> {
  const stmt =
    scopeId === null
      ? db.prepare("SELECT unit_id AS id FROM commune_records")
      : db.prepare(`${DOWN} SELECT r.unit_id AS id FROM commune_records r JOIN down ON down.id = r.unit_id`).bind(scopeId);
  return (await stmt.all<{ id: string }>()).results.map((r) => r.id);
}

/** Each unit's province (the top of its parent chain), for grouping the whole country by province. */
export async function provinceOf(db: D1Database, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (!unitIds.length) return new Map();
  const rows = (
    await db
      .prepare(
        `WITH RECURSIVE up(start, id, parent_id, level) AS (
           SELECT id, id, parent_id, level FROM units WHERE id IN (SELECT value FROM json_each(?1))
           UNION ALL SELECT up.start, u.id, u.parent_id, u.level FROM units u JOIN up ON u.id = up.parent_id)
         SELECT start, id FROM up WHERE level = 'province'`,
      )
      .bind(JSON.stringify(unitIds))
      .all<{ start: string; id: string }>()
  ).results;
  return new Map(rows.map((r) => [r.start, r.id]));
}

/** Which of `unitIds` are `scopeId` or under it (one query for all); every one that exists when the scope is null. */
export async function withinOf(db: D1Database, unitIds: readonly string[], scopeId: string | null): Promise<Set<string>> {
  if (!unitIds.length) return new Set();
  const ids = JSON.stringify([...new Set(unitIds)]);
  const stmt =
    scopeId === null
      ? db.prepare("SELECT id AS start FROM units WHERE id IN (SELECT value FROM json_each(?1))").bind(ids)
      : db
          .prepare(
            `WITH RECURSIVE up(start, id, parent_id) AS (
               SELECT id, id, parent_id FROM units WHERE id IN (SELECT value FROM json_each(?1))
               UNION ALL SELECT up.start, u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
             SELECT DISTINCT start FROM up WHERE id = ?2`,
          )
          .bind(ids, scopeId);
  return new Set((await stmt.all<{ start: string }>()).results.map((r) => r.start));
}

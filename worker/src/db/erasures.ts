/** Households whose data was erased on request (0023_household_erasures.sql): read by the ingest, written by worker/src/privacy/erase.ts. */

/** Codes of a commune's erased households. */
export async function erasedHouseholds(db: D1Database, communeId: string): Promise<Set<string>> {
  const rows = (
    await db
      .prepare("SELECT household_code FROM household_erasures WHERE commune_id = ?1")
      .bind(communeId)
      .all<{ household_code: string }>()
  ).results;
  return new Set(rows.map((r) => r.household_code));
}

/** The statement recording an erasure (again: the latest time and operator). */
export function erasureStatement(db: D1Database, communeId: string, code: string, actor: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO household_erasures (commune_id, household_code, erased_at, actor) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (commune_id, household_code) DO UPDATE SET erased_at = excluded.erased_at, actor = excluded.actor`,
    )
    .bind(communeId, code, at, actor);
}

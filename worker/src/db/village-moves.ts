/**
 * `village_successors` (0017_village_successors.sql): which successor each village of a split commune
 * went to. Read by the rollup's unit tree (../rollup/units.ts) for the split communes it loaded, and
 * by the "Chuyển đổi thôn" API (../villages/moves.ts), which replaces a commune's mapping whole.
 */

export interface VillageMoveRow {
  commune_id: string;
  village_code: string;
  successor_id: string;
  set_by: string;
  set_at: string;
}

/** The mappings of the given split communes (unit ids), in one query. */
export async function readVillageMoves(db: D1Database, communeIds: readonly string[]): Promise<VillageMoveRow[]> {
  if (!communeIds.length) return [];
  return (
    await db
      .prepare("SELECT * FROM village_successors WHERE commune_id IN (SELECT value FROM json_each(?1)) ORDER BY commune_id, village_code")
      .bind(JSON.stringify(communeIds))
      .all<VillageMoveRow>()
  ).results;
}

/** Statements replacing the whole mapping of `communeId`: for the caller's batch (one transaction). */
export function replaceVillageMovesStatements(
  db: D1Database,
  communeId: string,
  moves: readonly { village_code: string; successor_id: string }[],
  setBy: string,
  setAt: string,
): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM village_successors WHERE commune_id = ?1").bind(communeId),
    ...(moves.length
      ? [
          db
            .prepare(
              `INSERT INTO village_successors (commune_id, village_code, successor_id, set_by, set_at)
               SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?2, ?3 FROM json_each(?4)`,
            )
            .bind(communeId, setBy, setAt, JSON.stringify(moves.map((m) => [m.village_code, m.successor_id]))),
        ]
      : []),
  ];
}

/**
 * The villages a commune's registers know, over the unit versions that hold its register (`unitIds`):
 * the village sheet, and the villages its teams name. With the name the commune gave it, if any.
 */
export async function registerVillages(
  db: D1Database,
  unitIds: readonly string[],
): Promise<{ village_code: string; village_name: string | null }[]> {
  const ids = JSON.stringify(unitIds);
  const { results } = await db
    .prepare(
      `SELECT village_code, max(village_name) AS village_name FROM (
         SELECT village_code, village_name FROM villages WHERE commune_id IN (SELECT value FROM json_each(?1))
         UNION ALL
         SELECT village_code, NULL FROM agg_teams WHERE commune_id IN (SELECT value FROM json_each(?1)))
       GROUP BY village_code ORDER BY village_code`,
    )
    .bind(ids)
    .all<{ village_code: string; village_name: string | null }>();
  return results;
}

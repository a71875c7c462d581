/**
 * The narrative a commune wrote for a period ("Báo cáo kỳ", table period_reports, migration 0020).
 * Free text: read only for a commune's own (detail) link, never for an aggregate one.
 */
import { NARRATIVE_KEYS, type NarrativeKey } from "../../../shared/report-sheet";

export type Narrative = { commune_id: string } & Record<NarrativeKey, string | null>;

/** The narratives of the given communes for one period key, rows withdrawn by the commune left out. */
export async function readNarratives(db: D1Database, communeIds: readonly string[], periodKey: string): Promise<Narrative[]> {
  if (!communeIds.length) return [];
  const marks = communeIds.map((_, i) => `?${i + 2}`).join(", ");
  const { results } = await db
    .prepare(
      `SELECT commune_id, ${NARRATIVE_KEYS.join(", ")} FROM period_reports
       WHERE period = ?1 AND withdrawn_at IS NULL AND commune_id IN (${marks})`,
    )
    .bind(periodKey, ...communeIds)
    .all<Narrative>();
  return results;
}

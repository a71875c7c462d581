/** `period_closings` (0027): reads, and the rows of ./actions.ts's batches. */
import type { Closing, ClosingState } from "../../../shared/closing";
import { parsePeriodKey } from "../../../shared/periods";

export interface ClosingRow {
  commune_id: string;
  period: string;
  state: ClosingState;
  figures: string;
  figures_hash: string;
  submission_id: string | null;
  closed_by: string;
  closed_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  reopened_by: string | null;
  reopened_at: string | null;
}

export async function closingOf(db: D1Database, communeId: string, period: string): Promise<ClosingRow | null> {
  return db.prepare("SELECT * FROM period_closings WHERE commune_id = ? AND period = ?").bind(communeId, period).first<ClosingRow>();
}

/** Closings of several communes for one period (one query). */
export async function closingsFor(db: D1Database, communeIds: readonly string[], period: string): Promise<ClosingRow[]> {
  if (!communeIds.length) return [];
  const { results } = await db
    .prepare("SELECT * FROM period_closings WHERE period = ?2 AND commune_id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(communeIds), period)
    .all<ClosingRow>();
  return results;
}

/** Closed (or accepted) months and quarters of these communes within [start, end], for a longer period's note. */
export async function closedWithin(db: D1Database, communeIds: readonly string[], start: string, end: string): Promise<string[]> {
  if (!communeIds.length) return [];
  const { results } = await db
    .prepare(
      "SELECT DISTINCT period FROM period_closings WHERE state <> 'reopened' AND commune_id IN (SELECT value FROM json_each(?1)) ORDER BY period",
    )
    .bind(JSON.stringify(communeIds))
    .all<{ period: string }>();
  return results
    .map((r) => r.period)
    .filter((k) => {
      const p = parsePeriodKey(k);
      return p !== null && p.start >= start && p.end <= end;
    });
}

/** A commune's closings, newest period first. */
export async function closingsOfCommune(db: D1Database, communeId: string): Promise<ClosingRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM period_closings WHERE commune_id = ? ORDER BY period DESC")
    .bind(communeId)
    .all<ClosingRow>();
  return results;
}

/** A row as the API answers it. */
export function closingView(row: ClosingRow): Closing {
  return {
    commune_id: row.commune_id,
    period: row.period,
    label_vi: parsePeriodKey(row.period)?.label_vi ?? row.period,
    state: row.state,
    closed_by: row.closed_by,
    closed_at: row.closed_at,
    accepted_by: row.accepted_by,
    accepted_at: row.accepted_at,
    submission_id: row.submission_id,
  };
}

/** An audit row (as ../db/audit.ts writes them) only when `guard` (SQL, its own binds) holds. */
export function guardedAudit(
  db: D1Database,
  g: { sql: string; binds: unknown[] },
  a: { at: string; actor: string; action: string; unitId: string; detail: unknown },
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, actor, action, unit_id, detail) SELECT ?, ?, ?, ?, ? WHERE ${g.sql}`)
    .bind(a.at, a.actor, a.action, a.unitId, JSON.stringify(a.detail), ...g.binds);
}

/** Closings of the communes given (every commune when null), open ones left out, newest period first. */
export async function closingsWithin(db: D1Database, communeIds: readonly string[] | null, limit = 300): Promise<ClosingRow[]> {
  const stmt =
    communeIds === null
      ? db.prepare("SELECT * FROM period_closings WHERE state <> 'reopened' ORDER BY period DESC, commune_id LIMIT ?1").bind(limit)
      : db
          .prepare(
            `SELECT * FROM period_closings WHERE state <> 'reopened' AND commune_id IN (SELECT value FROM json_each(?2))
             ORDER BY period DESC, commune_id LIMIT ?1`,
          )
          .bind(limit, JSON.stringify(communeIds));
  return (await stmt.all<ClosingRow>()).results;
}

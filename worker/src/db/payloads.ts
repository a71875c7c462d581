/**
 * Where raw submission payloads are stored — today D1 (`submissions.payload` is part 0, the other
 * parts in `submission_payload_parts`: 0002_ingest.sql, worker/src/ingest/payload.ts). Retention
 * (worker/src/retention/) and a household's export and erasure (worker/src/privacy/) go through
 * this module only, so moving payloads to R2 is one place to change.
 */

export interface StoredPayload {
  submission_id: string;
  received_at: string;
  /** The payload as received, parts joined; '' once pruned or redacted to nothing. */
  text: string;
}

/** The payload text of a submission: part 0 and the other parts, in order. */
const TEXT = `s.payload || coalesce((SELECT group_concat(data, '') FROM (SELECT data FROM submission_payload_parts p
  WHERE p.submission_id = s.submission_id ORDER BY part)), '')`;

/** A commune's stored payloads whose text contains any of `needles` (a household code, a name), oldest first. */
export async function payloadsContaining(db: D1Database, communeId: string, needles: readonly string[]): Promise<StoredPayload[]> {
  if (!needles.length) return [];
  return (
    await db
      .prepare(
        `SELECT submission_id, received_at, text FROM (SELECT s.submission_id, s.received_at, ${TEXT} AS text
           FROM submissions s WHERE s.commune_id = ?1)
         WHERE EXISTS (SELECT 1 FROM json_each(?2) n WHERE instr(text, n.value) > 0) ORDER BY received_at, submission_id`,
      )
      .bind(communeId, JSON.stringify(needles))
      .all<StoredPayload>()
  ).results;
}

/** Statements replacing a payload's text (parts rewritten from `parts`, which `splitPayload` made). */
export function rewritePayloadStatements(db: D1Database, submissionId: string, parts: readonly string[]): D1PreparedStatement[] {
  const [first = "", ...rest] = parts;
  return [
    db.prepare("UPDATE submissions SET payload = ?2 WHERE submission_id = ?1").bind(submissionId, first),
    db.prepare("DELETE FROM submission_payload_parts WHERE submission_id = ?1").bind(submissionId),
    ...rest.map((data, i) =>
      db.prepare("INSERT INTO submission_payload_parts (submission_id, part, data) VALUES (?1, ?2, ?3)").bind(submissionId, i + 1, data),
    ),
  ];
}

/**
 * Empty the payloads of submissions received before `before` (ISO instant), at most `limit` at a
 * time; answers how many were emptied. Safe to run twice at once: each statement only touches
 * payloads not yet pruned, so a second run finds none of the first one's.
 */
export async function prunePayloads(db: D1Database, before: string, now: string, limit = 500): Promise<number> {
  const [, emptied] = await db.batch([
    db
      .prepare(
        `DELETE FROM submission_payload_parts WHERE submission_id IN
           (SELECT submission_id FROM submissions WHERE payload_pruned_at IS NULL AND received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      )
      .bind(before, limit),
    db
      .prepare(
        `UPDATE submissions SET payload = '', payload_pruned_at = ?3 WHERE submission_id IN
           (SELECT submission_id FROM submissions WHERE payload_pruned_at IS NULL AND received_at < ?1 ORDER BY received_at LIMIT ?2)`,
      )
      .bind(before, limit, now),
  ]);
  return emptied?.meta.changes ?? 0;
}

/**
 * Moving payloads received before 0033 from D1 to R2 (./payloads.ts), a few at a time: run by the
 * scheduled handler (worker/src/scheduled.ts) and `POST /api/admin/payloads/move`, and resumable — the
 * work list is simply the rows still holding their payload in D1 (`payload_key IS NULL`), so a run
 * cut short leaves every payload readable where it is and the next run goes on.
 *
 * Each payload: put in R2 first, then ONE D1 batch points the row at it and empties the D1 copy, only
 * if the row is still unmoved and unpruned. If something got there first (an erasure rewrote it, the
 * retention pruned it, another run moved it), the batch changes nothing and the object this run put
 * is deleted unless the row points at that very key (same text, same key).
 */
import { D1_TEXT, deletePayloads, type PayloadRef, putPayload } from "./payloads";

export interface MoveResult {
  moved: number;
  /** Payloads still in D1 after this run. */
  left: number;
}

interface LegacyRow {
  submission_id: string;
  commune_id: string;
  text: string;
}

/** Move at most `limit` payloads, oldest first. */
export async function movePayloadsToR2(db: D1Database, bucket: R2Bucket, limit = 50): Promise<MoveResult> {
  const rows = (
    await db
      .prepare(
        `SELECT s.submission_id, s.commune_id, ${D1_TEXT} AS text FROM submissions s
         WHERE s.payload_key IS NULL AND s.payload_pruned_at IS NULL ORDER BY s.received_at, s.submission_id LIMIT ?1`,
      )
      .bind(limit)
      .all<LegacyRow>()
  ).results;
  let moved = 0;
  for (const r of rows) if (await moveOne(db, bucket, r)) moved++;
  const left =
    (await db
      .prepare("SELECT count(*) AS n FROM submissions WHERE payload_key IS NULL AND payload_pruned_at IS NULL")
      .first<number>("n")) ?? 0;
  return { moved, left };
}

async function moveOne(db: D1Database, bucket: R2Bucket, r: LegacyRow): Promise<boolean> {
  const ref: PayloadRef = await putPayload(bucket, r.commune_id, r.submission_id, r.text);
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE submissions SET payload = '', payload_key = ?2, payload_sha256 = ?3
         WHERE submission_id = ?1 AND payload_key IS NULL AND payload_pruned_at IS NULL`,
      )
      .bind(r.submission_id, ref.key, ref.sha256),
    // Only once the row points at the object (the statement above, in the same transaction).
    db
      .prepare(
        `DELETE FROM submission_payload_parts WHERE submission_id = ?1
         AND EXISTS (SELECT 1 FROM submissions WHERE submission_id = ?1 AND payload_key = ?2)`,
      )
      .bind(r.submission_id, ref.key),
  ]);
  if (updated?.meta.changes) return true;
  const now = await db
    .prepare("SELECT payload_key FROM submissions WHERE submission_id = ?1")
    .bind(r.submission_id)
    .first<string>("payload_key");
  if (now !== ref.key) await deletePayloads(bucket, [ref.key]);
  return false;
}

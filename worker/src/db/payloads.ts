/**
 * Where raw submission payloads are stored: R2 (wrangler.toml [[r2_buckets]] PAYLOADS), one object per
 * submission; D1 keeps the receipt, the object's key and the payload's SHA-256 (0033_payloads_r2.sql).
 * A payload received before 0033 may still be in D1 (`submissions.payload` is part 0, the other parts
 * in `submission_payload_parts`) until ./payload-move.ts moves it; every reader here takes either.
 * The ingest (worker/src/ingest/), retention (worker/src/retention/) and a household's export and
 * erasure (worker/src/privacy/) go through this module only.
 *
 * The key carries the hash (`p/<commune>/<submission>/<sha-256>`): a rewrite (an erasure) puts a new
 * object and deletes the old one once D1 points at the new one, and two writers of one submission id
 * never overwrite each other's object — the one D1 does not point at is an orphan, swept later.
 * https://developers.cloudflare.com/r2/api/workers/workers-api-reference/
 */
import { createHash } from "node:crypto";

export interface StoredPayload {
  submission_id: string;
  received_at: string;
  /** The payload as received; '' once pruned or redacted to nothing. */
  text: string;
  /** The R2 object holding it (null while still in D1, or pruned). */
  key: string | null;
}

/** Where a payload was put: what the submission's D1 row records. */
export interface PayloadRef {
  key: string;
  sha256: string;
}

/** A stored payload whose bytes are not the ones D1 recorded: never served. */
export class PayloadIntegrityError extends Error {
  constructor(
    readonly submissionId: string,
    readonly key: string,
    reason: string,
  ) {
    super(`payload ${key} of submission ${submissionId}: ${reason}`);
    this.name = "PayloadIntegrityError";
  }
}

export const payloadSha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const PAYLOAD_PREFIX = "p/";
export const payloadKey = (communeId: string, submissionId: string, sha256: string): string =>
  `${PAYLOAD_PREFIX}${communeId}/${submissionId}/${sha256}`;

/** The commune and submission a key names (null for a key this module did not make). */
export function parsePayloadKey(key: string): { communeId: string; submissionId: string; sha256: string } | null {
  const m = /^p\/(.+)\/([^/]+)\/([0-9a-f]{64})$/.exec(key);
  return m ? { communeId: m[1]!, submissionId: m[2]!, sha256: m[3]! } : null;
}

/**
 * Put a payload's text in R2 under its key. R2 checks the SHA-256 it is given against the bytes it
 * received and refuses the put on a mismatch (the `sha256` put option).
 */
export async function putPayload(bucket: R2Bucket, communeId: string, submissionId: string, text: string): Promise<PayloadRef> {
  // Encoded once (R2 would encode the string again) and hashed with WebCrypto: cheaper in workerd
  // than createHash on the string (worker/src/ingest/digest.ts); the same digest as payloadSha256.
  const bytes = new TextEncoder().encode(text);
  const sha256 = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const key = payloadKey(communeId, submissionId, sha256);
  await bucket.put(key, bytes, { sha256, httpMetadata: { contentType: "application/json; charset=utf-8" } });
  return { key, sha256 };
}

/** Delete objects (at most 1,000 keys a call: R2's limit); nothing to do for none. */
export async function deletePayloads(bucket: R2Bucket, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
}

/**
 * Delete every object of a submission but `keep` (the one its row now points at): after an erasure,
 * no older version of the payload, nor an orphan of a race, is left holding the erased text.
 */
export async function deleteOtherPayloads(bucket: R2Bucket, communeId: string, submissionId: string, keep: string): Promise<void> {
  const prefix = `${PAYLOAD_PREFIX}${communeId}/${submissionId}/`;
  let cursor: string | undefined;
  do {
    const list = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    await deletePayloads(
      bucket,
      list.objects.map((o) => o.key).filter((k) => k !== keep),
    );
    cursor = list.truncated ? list.cursor : undefined;
  } while (cursor);
}

/** The text of an R2 payload, its hash checked against D1's: a missing object or another hash throws. */
export async function readPayload(bucket: R2Bucket, submissionId: string, key: string, sha256: string): Promise<string> {
  const obj = await bucket.get(key);
  if (!obj) throw new PayloadIntegrityError(submissionId, key, "object missing");
  const text = await obj.text();
  const got = payloadSha256(text);
  if (got !== sha256) throw new PayloadIntegrityError(submissionId, key, `sha-256 ${got}, D1 recorded ${sha256}`);
  return text;
}

/** The D1 text of a payload not moved yet: part 0 and the other parts, in order ('' once in R2 or pruned). */
export const D1_TEXT = `CASE WHEN s.payload_key IS NULL THEN s.payload || coalesce((SELECT group_concat(data, '') FROM
  (SELECT data FROM submission_payload_parts p WHERE p.submission_id = s.submission_id ORDER BY part)), '') ELSE '' END`;

interface PayloadRow {
  submission_id: string;
  received_at: string;
  payload_key: string | null;
  payload_sha256: string | null;
  d1_text: string;
}

/** R2 reads in flight at once (a Worker has six connections open at a time). */
const READS_AT_ONCE = 6;

/** A commune's stored payloads (not pruned) whose text contains any of `needles` (a household code, a name), oldest first. */
export async function payloadsContaining(
  db: D1Database,
  bucket: R2Bucket,
  communeId: string,
  needles: readonly string[],
): Promise<StoredPayload[]> {
  if (!needles.length) return [];
  const rows = (
    await db
      .prepare(
        `SELECT s.submission_id, s.received_at, s.payload_key, s.payload_sha256, ${D1_TEXT} AS d1_text FROM submissions s
         WHERE s.commune_id = ?1 AND s.payload_pruned_at IS NULL ORDER BY s.received_at, s.submission_id`,
      )
      .bind(communeId)
      .all<PayloadRow>()
  ).results;
  const out: StoredPayload[] = [];
  for (let i = 0; i < rows.length; i += READS_AT_ONCE) {
    const texts = await Promise.all(
      rows
        .slice(i, i + READS_AT_ONCE)
        .map((r) => (r.payload_key ? readPayload(bucket, r.submission_id, r.payload_key, r.payload_sha256 ?? "") : r.d1_text)),
    );
    rows.slice(i, i + READS_AT_ONCE).forEach((r, j) => {
      const text = texts[j]!;
      if (needles.some((n) => text.includes(n))) {
        out.push({ submission_id: r.submission_id, received_at: r.received_at, text, key: r.payload_key });
      }
    });
  }
  return out;
}

/**
 * Statements pointing a submission at a rewritten payload already put in R2 (`ref`), emptying any D1
 * copy. For the batch of the rewrite; the old object is deleted once the batch has committed.
 */
export function repointPayloadStatements(db: D1Database, submissionId: string, ref: PayloadRef): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE submissions SET payload = '', payload_key = ?2, payload_sha256 = ?3 WHERE submission_id = ?1")
      .bind(submissionId, ref.key, ref.sha256),
    db.prepare("DELETE FROM submission_payload_parts WHERE submission_id = ?1").bind(submissionId),
  ];
}

/**
 * Empty the payloads of submissions received before `before` (ISO instant), at most `limit` at a
 * time: D1 first (marked pruned, any D1 copy emptied), then their R2 objects. Answers how many were
 * emptied. Safe to run twice at once: each statement only touches payloads not yet pruned, so a
 * second run finds none of the first one's. An object whose delete fails is unreferenced (D1 says
 * pruned) and goes with the orphan sweep (worker/src/retention/orphans.ts).
 */
export async function prunePayloads(db: D1Database, bucket: R2Bucket, before: string, now: string, limit = 500): Promise<number> {
  const chunk = `SELECT submission_id FROM submissions WHERE payload_pruned_at IS NULL AND received_at < ?1 ORDER BY received_at LIMIT ?2`;
  const [, emptied] = await db.batch<{ payload_key: string | null }>([
    db.prepare(`DELETE FROM submission_payload_parts WHERE submission_id IN (${chunk})`).bind(before, limit),
    db
      .prepare(
        `UPDATE submissions SET payload = '', payload_pruned_at = ?3 WHERE submission_id IN (${chunk}) AND payload_pruned_at IS NULL
         RETURNING payload_key`,
      )
      .bind(before, limit, now),
  ]);
  const keys = (emptied?.results ?? []).flatMap((r) => (r.payload_key ? [r.payload_key] : []));
  await deletePayloads(bucket, keys);
  return emptied?.results.length ?? 0;
}

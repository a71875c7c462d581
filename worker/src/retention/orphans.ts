/**
 * The orphan sweep: R2 payload objects no submission points at (worker/src/db/payloads.ts). They are
 * harmless — nothing reads an object D1 does not name — and come from a write cut short between the
 * R2 put and the D1 batch (the ingest puts first, worker/src/ingest/ingest.ts), from a loser of a race
 * on one submission id, or from a delete that failed after a prune or an erasure. Objects younger than
 * `grace` are left alone: their D1 batch may still be on its way. Resumable: the R2 list cursor is
 * kept in `job_cursors` (0033) between runs; a run reads at most `maxPages` pages of 1,000 keys.
 * https://developers.cloudflare.com/r2/api/workers/workers-api-reference/#bucket-method-definitions
 */
import { deletePayloads, PAYLOAD_PREFIX, parsePayloadKey } from "../db/payloads";
import { controlDb, shardFor } from "../db/shard";

export interface SweepResult {
  listed: number;
  deleted: number;
  /** True when the list reached its end (the next run starts again from the first key). */
  done: boolean;
}

const JOB = "payload-orphan-sweep";
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

export async function sweepOrphanPayloads(env: Env, now = new Date(), maxPages = 5, grace = SWEEP_GRACE_MS): Promise<SweepResult> {
  const shared = controlDb(env);
  let cursor =
    (await shared.prepare("SELECT cursor FROM job_cursors WHERE job = ?1").bind(JOB).first<string | null>("cursor")) ?? undefined;
  const cutoff = now.getTime() - grace;
  let listed = 0;
  let deleted = 0;
  let done = false;
  for (let page = 0; page < maxPages && !done; page++) {
    const list = await env.PAYLOADS.list({ prefix: PAYLOAD_PREFIX, limit: 1000, ...(cursor ? { cursor } : {}) });
    listed += list.objects.length;
    const byCommune = new Map<string, string[]>();
    for (const o of list.objects) {
      const k = parsePayloadKey(o.key);
      if (!k || o.uploaded.getTime() > cutoff) continue;
      byCommune.set(k.communeId, [...(byCommune.get(k.communeId) ?? []), o.key]);
    }
    for (const [communeId, keys] of byCommune) {
      const referenced = new Set(
        (
          await (
            await shardFor(env, communeId)
          )
            .prepare(
              `SELECT payload_key FROM submissions WHERE payload_pruned_at IS NULL
               AND payload_key IN (SELECT value FROM json_each(?1))`,
            )
            .bind(JSON.stringify(keys))
            .all<{ payload_key: string }>()
        ).results.map((r) => r.payload_key),
      );
      const orphans = keys.filter((k) => !referenced.has(k));
      await deletePayloads(env.PAYLOADS, orphans);
      deleted += orphans.length;
    }
    cursor = list.truncated ? list.cursor : undefined;
    done = !list.truncated;
  }
  await shared
    .prepare(
      "INSERT INTO job_cursors (job, cursor, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (job) DO UPDATE SET cursor = ?2, updated_at = ?3",
    )
    .bind(JOB, cursor ?? null, now.toISOString())
    .run();
  return { listed, deleted, done };
}

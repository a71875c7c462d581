/**
 * Retention (README, "Personal data"): raw payloads (their R2 objects: ../db/payloads.ts) and row revisions older than the configured
 * period are removed; aggregates, receipts and the registers stay, so every rollup reads the same.
 * Law 91/2025/QH15 asks that personal data be kept no longer than its purpose needs.
 * Idempotent and safe when two runs overlap: every step deletes or empties only what is still there,
 * in chunks (one D1 batch each), so a second run finds nothing and neither fails.
 */
import { subMonths } from "date-fns";
import { ACCESS_LOG_IP_DAYS } from "../db/access-log";
import { prunePayloads } from "../db/payloads";

export interface PruneResult {
  /** ISO instant: everything received or replaced before it was pruned. */
  before: string;
  payloads: number;
  revisions: number;
  /** Access-log rows whose IP was cleared. */
  ips: number;
}

const CHUNK = 500;
/** A run stops after this many chunks of each kind; the next run (the next day) goes on. */
const MAX_CHUNKS = 200;
const DAY_MS = 86_400_000;

/** Prune what is older than `months` before `now`. */
export async function pruneExpired(db: D1Database, bucket: R2Bucket, months: number, now = new Date()): Promise<PruneResult> {
  const before = subMonths(now, months).toISOString();
  const at = now.toISOString();
  let payloads = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const n = await prunePayloads(db, bucket, before, at, CHUNK);
    payloads += n;
    if (n < CHUNK) break;
  }
  let revisions = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const r = await db
      .prepare("DELETE FROM revisions WHERE rowid IN (SELECT rowid FROM revisions WHERE replaced_at < ?1 LIMIT ?2)")
      .bind(before, CHUNK)
      .run();
    revisions += r.meta.changes;
    if (r.meta.changes < CHUNK) break;
  }
  // IPs are kept ACCESS_LOG_IP_DAYS, and never longer than the retention period.
  const ipBefore = new Date(Math.max(now.getTime() - ACCESS_LOG_IP_DAYS * DAY_MS, Date.parse(before))).toISOString();
  const ips = (await db.prepare("UPDATE access_log SET client_ip = NULL WHERE client_ip IS NOT NULL AND at < ?1").bind(ipBefore).run()).meta
    .changes;
  return { before, payloads, revisions, ips };
}

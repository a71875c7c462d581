/**
 * Write an accepted envelope: everything in ONE `db.batch` — D1 runs a batch as one transaction and
 * rolls all of it back if any statement fails (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 *
 * 1. Read the commune's version and sheet states (./sheet-state.ts) in one batch — for the first plan,
 *    while the request's head is checked (./accept.ts `state`).
 * 2. Check and plan (./check.ts): against what the commune holds — unchanged sheets skipped, changed
 *    log rows only (./delta.ts) — or whole (every row, every stored row compared by natural key, ./plan;
 *    register deletions the clerk did not confirm refused, ./deletions).
 * 3. Put the raw payload in R2 (../db/payloads.ts) — once, started as soon as the request is known not
 *    to be a retry (./accept.ts, before the head is checked) so that it runs while the states are read
 *    and the sheets checked, and awaited BEFORE the D1 batch: a failure after the
 *    put leaves an object no receipt names (harmless, never read, swept by ../retention/orphans.ts),
 *    never a receipt without its payload. A refused submission (awaits the put, then answers) leaves
 *    such an object too: never deleted here, since a racing request with the same id and text shares
 *    its key (tests/worker/payloads-r2.test.ts). Then write only what changed (./write.ts), with the
 *    version lock; the submission row records the object's key and SHA-256.
 * 4. If the batch fails because another write got in first (same submission id → answer with its
 *    receipt if it is the same commune and content, else 409 submission_id_conflict; same commune →
 *    the version lock collides), check and plan again from the new state.
 * Refusals are returned (./refusal.ts); only an unexpected failure throws.
 */
import { receiptSchema } from "../../../shared/contract";
import { SHEET_KEYS, SHEETS } from "../../../shared/templates";
import { putPayload } from "../db/payloads";
import { checkAndPlan, type WholeCache } from "./check";
import { countsOf } from "./plan";
import { findSubmission, RECEIPT_MAX_WARNINGS, type Receipt, type StoredSubmission } from "./receipt";
import { type Outcome, refuse, submissionIdConflict } from "./refusal";
import type { IngestRequest } from "./request";
import { readCommuneState, versionQuery } from "./sheet-state";
import { statements } from "./write";

export type { IngestRequest };

export interface IngestResult {
  receipt: Receipt;
  /** False when the submission id had already been accepted (the stored receipt is returned). */
  created: boolean;
  /** How the sheets were checked: against the stored state, or whole (tests and the bench read it). */
  how?: "whole" | "delta";
  /**
   * Where a new submission's time went, for the `Server-Timing` header (../api/submissions.ts; the
   * bench's Monday peak reads it): plans made (1 + version-lock retries), ms reading the states, checking
   * and planning, waiting on the R2 put once planned (it started before: only the part not overlapped)
   * and on the D1 write batches — wall time across I/O, so under load it includes D1's queue.
   */
  timing?: IngestTiming;
}
export interface IngestTiming {
  attempts: number;
  /** Reading the commune's version and sheet states. */
  read_ms: number;
  /** Checking and planning, with the stored rows it reads (wall time: CPU shows only across I/O in workerd). */
  plan_ms: number;
  r2_ms: number;
  d1_ms: number;
}
export type IngestOutcome = Outcome<IngestResult>;

/** How often a batch that lost a race with another write of the same commune is planned again. */
const MAX_ATTEMPTS = 5;

const readVersion = async (db: D1Database, communeId: string) => (await versionQuery(db, communeId).first<number>("version")) ?? 0;

/** The stored receipt, marked as a duplicate. */
export const duplicateReceipt = (stored: StoredSubmission): Receipt =>
  receiptSchema.parse({ ...(JSON.parse(stored.receipt) as Receipt), duplicate: true });

export async function ingest(db: D1Database, req: IngestRequest): Promise<IngestOutcome> {
  const cache: WholeCache = {};
  const submissionId = req.head.fields.submission_id;
  // Started now (or already, ./accept.ts), awaited before the batch; a rejection is handled there (or on a refusal, below).
  const put = req.put ?? putPayload(req.payloads, req.communeId, submissionId, req.payload);
  put.catch(() => undefined);
  const refused = async <T>(r: T) => {
    await put.catch(() => undefined);
    return r;
  };
  const timing: IngestTiming = { attempts: 0, read_ms: 0, plan_ms: 0, r2_ms: 0, d1_ms: 0 };
  for (let attempt = 1; ; attempt++) {
    timing.attempts = attempt;
    const tr = performance.now();
    // The first plan may start from a read made while the request was checked (./accept.ts): any
    // write since then collides with the version lock, and the next attempt reads again.
    const { version, states } = await (attempt === 1 && req.state ? req.state : readCommuneState(db, req.communeId));
    const tp = performance.now();
    timing.read_ms += tp - tr;
    const planned = await checkAndPlan(
      db,
      {
        head: req.head,
        rules: req.rules,
        unit: req.unit,
        communeId: req.communeId,
        confirmed: req.head.fields.confirm_deletions,
      },
      states,
      cache,
    );
    timing.plan_ms += performance.now() - tp;
    if (!planned.ok) return refused(planned);
    const warnings = [...req.notices, ...planned.warnings];
    const receipt: Receipt = {
      submission_id: submissionId,
      commune_id: req.communeId,
      received_at: req.receivedAt,
      duplicate: false,
      // A roster sheet is counted only when sent (shared/contract.ts): older add-ons read the receipt.
      counts: Object.fromEntries(
        SHEET_KEYS.filter((k) => SHEETS[k].part !== "roster" || req.head.present.has(k)).map((k) => [k, countsOf(planned.plans[k])]),
      ) as Receipt["counts"],
      warnings: warnings.slice(0, RECEIPT_MAX_WARNINGS),
      warnings_total: warnings.length,
      ...(req.unit.valid_to ? { unit_valid_to: req.unit.valid_to } : {}),
    };
    // Never deleted here on a failure: a racing request with the same id and text shares the key.
    const t0 = performance.now();
    const payload = await put;
    const t1 = performance.now();
    timing.r2_ms += t1 - t0;
    try {
      await db.batch(statements(db, req, version, planned.plans, receipt, planned.states, payload));
      timing.d1_ms += performance.now() - t1;
      return { ok: true, receipt, created: true, how: planned.how, timing };
    } catch (err) {
      timing.d1_ms += performance.now() - t1;
      const stored = await findSubmission(db, submissionId);
      if (stored) {
        // Another request with this id got in first. Only the same commune sending the same content
        // is a retry; anything else must not be answered with that submission's receipt (it would
        // tell this sender its data was stored, and show it another commune's receipt).
        if (stored.commune_id !== req.communeId || stored.content_hash !== req.head.fields.content_hash) return submissionIdConflict();
        return { ok: true, receipt: duplicateReceipt(stored), created: false };
      }
      const lostRace = (await readVersion(db, req.communeId)) !== version;
      if (lostRace && attempt < MAX_ATTEMPTS) continue;
      // Still losing to other submissions of this commune after every re-plan: nothing was
      // written, and the same submission id is safe to send again.
      if (lostRace) return refuse("busy", "Xã đang nhận nhiều lần gửi cùng lúc; chưa ghi gì. Hãy gửi lại sau ít phút.");
      throw err;
    }
  }
}

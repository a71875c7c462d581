/**
 * Write an accepted envelope: everything in ONE `db.batch` — D1 runs a batch as one transaction and
 * rolls all of it back if any statement fails (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 *
 * 1. Read the commune's state in one batch of SELECTs (its version, its register, its logs).
 * 2. Plan: compare incoming rows with stored ones by natural key (./plan); refuse deletions of the
 *    register the clerk did not confirm (./deletions).
 * 3. Write only what changed: the version lock, the submission (receipt + raw payload), each register
 *    sheet that differs (DELETE then INSERT, whole), log rows inserted (revision 1), updated or
 *    withdrawn (old version copied to `revisions`, revision + 1, first_received_at kept), then the
 *    rollup's aggregate statements, then an audit_log row.
 * 4. If the batch fails because another write got in first (same submission id → answer with its
 *    receipt if it is the same commune and content, else 409 submission_id_conflict; same commune →
 *    the version lock collides), plan again from the new state.
 * Refusals are returned (./refusal.ts); only an unexpected failure throws.
 */
import { type DeletionCounts, type RegisterSheetKey, receiptSchema } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";
import type { Envelope } from "../../../shared/schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import { aggregateStatements } from "../aggregates/refresh";
import { steeringAggregateStatements } from "../aggregates/steering";
import { auditStatement } from "../db/audit";
import { type DbValue, insertRows } from "../db/sql";
import { guardDeletions } from "./deletions";
import { splitPayload } from "./payload";
import { countsOf, isUnchanged, planSheet, type SheetPlan, type StoredRow } from "./plan";
import { findSubmission, RECEIPT_MAX_WARNINGS, type Receipt, type StoredSubmission } from "./receipt";
import { type Outcome, refuse, submissionIdConflict } from "./refusal";
import { columnsOf, LOG_SHEETS, REGISTER_SHEETS, TABLE_OF } from "./tables";

export interface IngestRequest {
  envelope: Envelope;
  /** The sheets the envelope carries (a log sheet not sent is left as it is). */
  present: ReadonlySet<SheetKey>;
  /** Set when the commune's unit has an end date: the receipt says so (late corrections). */
  unitValidTo?: string | null;
  /** The request body exactly as received. */
  payload: string;
  communeId: string;
  /** ISO instant; the import may set an earlier one. */
  receivedAt: string;
  /** audit_log actor: 'commune:<unit id>' or 'admin'. */
  actor: string;
  action: "submission" | "import";
  /** Extra facts for the audit_log row (e.g. that received_at was set by the admin). */
  audit?: Record<string, unknown>;
  warnings: Issue[];
}

export interface IngestResult {
  receipt: Receipt;
  /** False when the submission id had already been accepted (the stored receipt is returned). */
  created: boolean;
}
export type IngestOutcome = Outcome<IngestResult>;

/** How often a batch that lost a race with another write of the same commune is planned again. */
const MAX_ATTEMPTS = 5;

interface CommuneState {
  version: number;
  rows: Record<SheetKey, StoredRow[]>;
}

/** The commune's version: the number of batches accepted for it (0 when none). */
const versionQuery = (db: D1Database, communeId: string) =>
  db.prepare("SELECT coalesce(max(version), 0) AS version FROM commune_versions WHERE commune_id = ?").bind(communeId);

async function readState(db: D1Database, communeId: string): Promise<CommuneState> {
  const [version, ...sheets] = await db.batch<Record<string, DbValue>>([
    versionQuery(db, communeId),
    ...SHEET_KEYS.map((s) => db.prepare(`SELECT * FROM ${TABLE_OF[s]} WHERE commune_id = ?`).bind(communeId)),
  ]);
  return {
    version: Number(version!.results[0]?.version ?? 0),
    rows: Object.fromEntries(SHEET_KEYS.map((s, i) => [s, sheets[i]!.results])) as Record<SheetKey, StoredRow[]>,
  };
}

/** Rows each register sheet holds now. */
const storedCounts = (state: CommuneState): DeletionCounts =>
  Object.fromEntries(SHEET_KEYS.filter((s) => SHEETS[s].part === "register").map((s) => [s, state.rows[s].length])) as Record<
    RegisterSheetKey,
    number
  >;

const readVersion = async (db: D1Database, communeId: string) => (await versionQuery(db, communeId).first<number>("version")) ?? 0;

/** The stored receipt, marked as a duplicate. */
export const duplicateReceipt = (stored: StoredSubmission): Receipt =>
  receiptSchema.parse({ ...(JSON.parse(stored.receipt) as Receipt), duplicate: true });

export async function ingest(db: D1Database, req: IngestRequest): Promise<IngestOutcome> {
  for (let attempt = 1; ; attempt++) {
    const state = await readState(db, req.communeId);
    const plans = Object.fromEntries(
      SHEET_KEYS.map((s) => [
        s,
        planSheet(s, state.rows[s], req.present.has(s) ? (req.envelope.sheets[s] as Record<string, unknown>[]) : undefined),
      ]),
    ) as Record<SheetKey, SheetPlan>;
    const unconfirmed = guardDeletions(plans as Record<RegisterSheetKey, SheetPlan>, storedCounts(state), req.envelope.confirm_deletions);
    if (unconfirmed) return unconfirmed;
    const receipt: Receipt = {
      submission_id: req.envelope.submission_id,
      commune_id: req.communeId,
      received_at: req.receivedAt,
      duplicate: false,
      // A roster sheet is counted only when sent (shared/contract.ts): older add-ons read the receipt.
      counts: Object.fromEntries(
        SHEET_KEYS.filter((s) => SHEETS[s].part !== "roster" || req.present.has(s)).map((s) => [s, countsOf(plans[s])]),
      ) as Receipt["counts"],
      warnings: req.warnings.slice(0, RECEIPT_MAX_WARNINGS),
      warnings_total: req.warnings.length,
      ...(req.unitValidTo ? { unit_valid_to: req.unitValidTo } : {}),
    };
    try {
      await db.batch(statements(db, req, state.version, plans, receipt));
      return { ok: true, receipt, created: true };
    } catch (err) {
      const stored = await findSubmission(db, req.envelope.submission_id);
      if (stored) {
        // Another request with this id got in first. Only the same commune sending the same content
        // is a retry; anything else must not be answered with that submission's receipt (it would
        // tell this sender its data was stored, and show it another commune's receipt).
        if (stored.commune_id !== req.communeId || stored.content_hash !== req.envelope.content_hash) return submissionIdConflict();
        return { ok: true, receipt: duplicateReceipt(stored), created: false };
      }
      const lostRace = (await readVersion(db, req.communeId)) !== state.version;
      if (lostRace && attempt < MAX_ATTEMPTS) continue;
      // Still losing to other submissions of this commune after every re-plan: nothing was
      // written, and the same submission id is safe to send again.
      if (lostRace) return refuse("busy", "Xã đang nhận nhiều lần gửi cùng lúc; chưa ghi gì. Hãy gửi lại sau ít phút.");
      throw err;
    }
  }
}

function statements(
  db: D1Database,
  req: IngestRequest,
  version: number,
  plans: Record<SheetKey, SheetPlan>,
  receipt: Receipt,
): D1PreparedStatement[] {
  const { envelope: env, communeId, receivedAt } = req;
  const id = env.submission_id;
  const [first, ...rest] = splitPayload(req.payload);
  const out: D1PreparedStatement[] = [
    db
      .prepare("INSERT INTO commune_versions (commune_id, version, submission_id, at) VALUES (?, ?, ?, ?)")
      .bind(communeId, version + 1, id, new Date().toISOString()),
    db
      .prepare(`INSERT INTO submissions (submission_id, commune_id, spreadsheet_id, content_hash, generated_at, received_at, receipt, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(id, communeId, env.spreadsheet_id, env.content_hash, env.generated_at, receivedAt, JSON.stringify(receipt), first ?? ""),
    ...rest.map((data, i) =>
      db.prepare("INSERT INTO submission_payload_parts (submission_id, part, data) VALUES (?, ?, ?)").bind(id, i + 1, data),
    ),
  ];

  for (const sheet of REGISTER_SHEETS) {
    const plan = plans[sheet];
    if (isUnchanged(plan)) continue;
    const cols = columnsOf(sheet);
    out.push(db.prepare(`DELETE FROM ${TABLE_OF[sheet]} WHERE commune_id = ?`).bind(communeId));
    out.push(
      ...insertRows(
        db,
        TABLE_OF[sheet],
        ["commune_id", ...cols],
        plan.rows.map((r) => [communeId, ...cols.map((k) => r[k] ?? null)]),
      ),
    );
  }

  for (const sheet of LOG_SHEETS) {
    const plan = plans[sheet];
    const table = TABLE_OF[sheet];
    const cols = columnsOf(sheet);
    const keyCols = SHEETS[sheet].naturalKey as readonly string[];
    out.push(
      ...insertRows(
        db,
        "revisions",
        ["sheet", "commune_id", "natural_key", "revision", "data", "submission_id", "replaced_at"],
        plan.updated.map(({ old, key }) => [sheet, communeId, key, old.revision!, JSON.stringify(old), old.submission_id!, receivedAt]),
      ),
    );
    // The withdrawn rows' last versions go to `revisions` too: the commune's own record, never shown.
    out.push(
      ...insertRows(
        db,
        "revisions",
        ["sheet", "commune_id", "natural_key", "revision", "data", "submission_id", "replaced_at"],
        plan.withdrawn.map(({ old, key }) => [sheet, communeId, key, old.revision!, JSON.stringify(old), old.submission_id!, receivedAt]),
      ),
    );
    const set = cols.map((k) => `${k} = ?`).join(", ");
    const where = keyCols.map((k) => `${k} = ?`).join(" AND ");
    for (const { old, row } of plan.updated) {
      out.push(
        db
          .prepare(`UPDATE ${table} SET ${set}, withdrawn_at = NULL, revision = ?, submission_id = ? WHERE commune_id = ? AND ${where}`)
          .bind(...cols.map((k) => row[k] ?? null), Number(old.revision) + 1, id, communeId, ...keyCols.map((k) => row[k] ?? null)),
      );
    }
    for (const { old } of plan.withdrawn) {
      out.push(
        db
          .prepare(`UPDATE ${table} SET withdrawn_at = ?, revision = ?, submission_id = ? WHERE commune_id = ? AND ${where}`)
          .bind(receivedAt, Number(old.revision) + 1, id, communeId, ...keyCols.map((k) => old[k] ?? null)),
      );
    }
    out.push(
      ...insertRows(
        db,
        table,
        ["commune_id", ...cols, "revision", "first_received_at", "submission_id"],
        plan.inserted.map((r) => [communeId, ...cols.map((k) => r[k] ?? null), 1, receivedAt, id]),
      ),
    );
  }

  out.push(...aggregateStatements(db, communeId), ...steeringAggregateStatements(db, communeId));
  out.push(
    auditStatement(db, req.actor, req.action, communeId, {
      ...req.audit,
      submission_id: id,
      received_at: receivedAt,
      counts: receipt.counts,
    }),
  );
  return out;
}

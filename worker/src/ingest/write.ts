/**
 * The statements of an accepted submission, for ONE `db.batch` (./ingest.ts): the version lock, the
 * submission (receipt + the R2 key and SHA-256 of its raw payload, put before: ./ingest.ts), each register sheet that differs (DELETE then INSERT, whole), log
 * rows inserted (revision 1), updated or withdrawn (old version copied to `revisions`, revision + 1,
 * first_received_at kept), the new sheet states (./sheet-state.ts), the aggregates, an audit_log row.
 */
import { CHECK_VERSION } from "../../../shared/rules/index";
import { SHEETS, type SheetKey } from "../../../shared/templates";
import { WEEKLY_COUNTS } from "../../../shared/weekly-counts";
import { aggregateStatements, type Changed } from "../aggregates/refresh";
import { steeringAggregateStatements } from "../aggregates/steering";
import { auditStatement } from "../db/audit";
import type { PayloadRef } from "../db/payloads";
import { insertRows } from "../db/sql";
import { isUnchanged, type SheetPlan } from "./plan";
import type { Receipt } from "./receipt";
import type { IngestRequest } from "./request";
import { type StateUpdate, stateStatements } from "./sheet-state";
import { columnsOf, LOG_SHEETS, REGISTER_SHEETS, TABLE_OF } from "./tables";

export function statements(
  db: D1Database,
  req: IngestRequest,
  version: number,
  plans: Record<SheetKey, SheetPlan>,
  receipt: Receipt,
  states: readonly StateUpdate[],
  payload: PayloadRef,
): D1PreparedStatement[] {
  const { communeId, receivedAt } = req;
  const env = req.head.fields;
  const id = env.submission_id;
  const out: D1PreparedStatement[] = [
    db
      .prepare("INSERT INTO commune_versions (commune_id, version, submission_id, at) VALUES (?, ?, ?, ?)")
      .bind(communeId, version + 1, id, new Date().toISOString()),
    db
      .prepare(`INSERT INTO submissions (submission_id, commune_id, spreadsheet_id, content_hash, generated_at, received_at, receipt,
                  payload, payload_key, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)`)
      .bind(
        id,
        communeId,
        env.spreadsheet_id,
        env.content_hash,
        env.generated_at,
        receivedAt,
        JSON.stringify(receipt),
        payload.key,
        payload.sha256,
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

  out.push(...stateStatements(db, communeId, id, CHECK_VERSION, states));
  out.push(...aggregateStatements(db, communeId, WEEKLY_COUNTS, changedBy(plans)));
  if (!isUnchanged(plans.steering)) out.push(...steeringAggregateStatements(db, communeId));
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

/**
 * What the plans change, for the aggregates (../aggregates/refresh.ts rebuilds only what depends on it):
 * a register sheet rewritten, the log sheets with rows inserted, updated or withdrawn, and their weeks.
 */
export function changedBy(plans: Record<SheetKey, SheetPlan>): Changed {
  const logs = new Set(LOG_SHEETS.filter((k) => plans[k].inserted.length + plans[k].updated.length + plans[k].withdrawn.length > 0));
  const w = plans.weekly;
  const weeks = [...w.inserted, ...w.updated.flatMap((u) => [u.old, u.row]), ...w.withdrawn.map((x) => x.old)].map((r) => String(r.week));
  return {
    register: REGISTER_SHEETS.some((k) => SHEETS[k].part === "register" && !isUnchanged(plans[k])),
    logs,
    weeks: [...new Set(weeks)],
  };
}

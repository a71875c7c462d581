/**
 * What the worker last accepted of each sheet of a commune (worker/migrations/0026_sheet_states.sql):
 * the sheet's hash and, for a log sheet, its chunks' hashes with their rows' natural keys (./chunks.ts).
 * Read with the commune's version before planning, written in the submission's batch.
 */
import { SHEETS, type SheetKey } from "../../../shared/templates";
import type { DbValue } from "../db/sql";
import { type Chunks, decodeChunks, encodeChunks } from "./chunks";

export interface SheetState {
  hash: string;
  /** Log sheets: each chunk's hash and the natural keys of its stored rows, none withdrawn (null: check whole). */
  chunks: Chunks | null;
  checkVersion: number;
}
export type SheetStates = Partial<Record<SheetKey, SheetState>>;

/** A sheet's new state, to write. */
export interface StateUpdate {
  sheet: SheetKey;
  hash: string;
  chunks: Chunks | null;
}

/** The commune's version: the number of batches accepted for it (0 when none). */
export const versionQuery = (db: D1Database, communeId: string) =>
  db.prepare("SELECT coalesce(max(version), 0) AS version FROM commune_versions WHERE commune_id = ?").bind(communeId);

/** What a plan starts from: the commune's version (the lock ./write.ts takes) and its sheet states. */
export interface CommuneState {
  version: number;
  states: SheetStates;
}

/** The version and the states, in one batch (one wait on D1). */
export async function readCommuneState(db: D1Database, communeId: string): Promise<CommuneState> {
  const [v, s] = await db.batch<Record<string, DbValue>>([versionQuery(db, communeId), statesQuery(db, communeId)]);
  return { version: Number(v!.results[0]?.version ?? 0), states: parseStates(s!.results) };
}

export const statesQuery = (db: D1Database, communeId: string) =>
  db.prepare("SELECT sheet, sheet_hash, row_hashes, check_version FROM sheet_states WHERE commune_id = ?").bind(communeId);

export function parseStates(rows: Record<string, DbValue>[]): SheetStates {
  const out: SheetStates = {};
  for (const r of rows) {
    const sheet = String(r.sheet);
    if (!(sheet in SHEETS)) continue;
    out[sheet as SheetKey] = {
      hash: String(r.sheet_hash),
      chunks: typeof r.row_hashes === "string" ? decodeChunks(r.row_hashes) : null,
      checkVersion: Number(r.check_version),
    };
  }
  return out;
}

export function stateStatements(
  db: D1Database,
  communeId: string,
  submissionId: string,
  checkVersion: number,
  updates: readonly StateUpdate[],
): D1PreparedStatement[] {
  return updates.map((u) =>
    db
      .prepare(
        `INSERT INTO sheet_states (commune_id, sheet, sheet_hash, row_hashes, check_version, submission_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (commune_id, sheet) DO UPDATE SET sheet_hash = excluded.sheet_hash, row_hashes = excluded.row_hashes,
           check_version = excluded.check_version, submission_id = excluded.submission_id`,
      )
      .bind(communeId, u.sheet, u.hash, u.chunks ? encodeChunks(u.chunks) : null, checkVersion, submissionId),
  );
}

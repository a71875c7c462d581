/**
 * The registered communes of a unit as the Communes and Setup-sheet pages list them: the unit's
 * label, the clerk (commune_records), whether a write token is active and since when, and the last
 * accepted submission. A few queries for any number of communes; sorted in Vietnamese order.
 */
import { compareVi } from "../../../shared/text";
import { oneDatabase, perShard, type ShardGroups } from "../db/shard";
import { type UnitInfo, unitsById } from "./units";

export interface CommuneListRow {
  unit: UnitInfo;
  clerk_name: string | null;
  clerk_phone: string | null;
  clerk_email: string | null;
  spreadsheet_url: string | null;
  /** Active write tokens, and when the newest of them was issued. */
  tokens: number;
  token_issued_at: string | null;
  last_submission_at: string | null;
}

/** `db` is the control database; the receipts are where `shards` says (../db/shard.ts; default: in `db`). */
export async function listCommunes(
  db: D1Database,
  communeIds: readonly string[],
  now = new Date(),
  shards: ShardGroups = oneDatabase(db),
): Promise<CommuneListRow[]> {
  if (!communeIds.length) return [];
  const ids = JSON.stringify([...new Set(communeIds)]);
  const lastOf = (d: D1Database, part: string[]) =>
    d
      .prepare(
        "SELECT commune_id, max(received_at) AS at FROM submissions WHERE commune_id IN (SELECT value FROM json_each(?1)) GROUP BY commune_id",
      )
      .bind(JSON.stringify(part))
      .all();
  const [[records, tokens], lasts] = await Promise.all([
    db.batch([
      db
        .prepare(
          "SELECT unit_id, clerk_name, clerk_phone, clerk_email, spreadsheet_url FROM commune_records WHERE unit_id IN (SELECT value FROM json_each(?1))",
        )
        .bind(ids),
      db
        .prepare(
          `SELECT unit_id, count(*) AS n, max(created_at) AS at FROM tokens WHERE kind = 'commune' AND scope = 'write'
           AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2) AND unit_id IN (SELECT value FROM json_each(?1)) GROUP BY unit_id`,
        )
        .bind(ids, now.toISOString()),
    ]),
    perShard(shards, [...new Set(communeIds)], lastOf),
  ]);
  const last = { results: lasts.flatMap((l) => l.results) };
  const units = await unitsById(db, communeIds);
  const rec = new Map(
    (records!.results as (Omit<CommuneListRow, "unit" | "tokens" | "token_issued_at" | "last_submission_at"> & { unit_id: string })[]).map(
      (r) => [r.unit_id, r],
    ),
  );
  const tok = new Map((tokens!.results as { unit_id: string; n: number; at: string }[]).map((r) => [r.unit_id, r]));
  const sub = new Map((last.results as { commune_id: string; at: string }[]).map((r) => [r.commune_id, r.at]));
  const out: CommuneListRow[] = [];
  for (const id of new Set(communeIds)) {
    const unit = units.get(id);
    if (!unit) continue;
    const r = rec.get(id);
    out.push({
      unit,
      clerk_name: r?.clerk_name ?? null,
      clerk_phone: r?.clerk_phone ?? null,
      clerk_email: r?.clerk_email ?? null,
      spreadsheet_url: r?.spreadsheet_url ?? null,
      tokens: tok.get(id)?.n ?? 0,
      token_issued_at: tok.get(id)?.at ?? null,
      last_submission_at: sub.get(id) ?? null,
    });
  }
  return out.sort((a, b) => compareVi(a.unit.name, b.unit.name) || compareVi(a.unit.label, b.unit.label));
}

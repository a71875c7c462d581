/**
 * Commune records (`commune_records`, migration 0008): what tools/district knows about each
 * commune's spreadsheet. Admin only.
 *   POST /api/admin/commune-records        {records: [{unit_id, spreadsheet_id?, …}]} upsert;
 *        a field left out keeps its stored value, so provision and pull each send only their own.
 *   POST /api/admin/commune-records/query  {unit_ids?: string[]} the records, each with the
 *        commune's last accepted submission (from `submissions`), for `district status`.
 * POST for the query as for /tokens/lookup: every admin route takes a JSON body (./routes.ts).
 */
import { Hono } from "hono";
import * as z from "../../../shared/zod-vi";
import { auditStatement } from "../db/audit";
import { controlDb, perShard, shardGroups } from "../db/shard";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const unitId = z.string().min(1).max(100);

/** The fields tools/district writes; the console (issue 11) adds its own columns. */
const FIELDS = ["spreadsheet_id", "spreadsheet_url", "clerk_email", "provisioned_at", "last_pulled_at"] as const;

export const communeRecord = z.strictObject({
  unit_id: unitId,
  spreadsheet_id: z
    .string()
    .regex(/^[\w-]{10,200}$/, { error: "Mã bảng tính không hợp lệ." })
    .optional(),
  spreadsheet_url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  clerk_email: z.email({ error: "Địa chỉ email không hợp lệ." }).max(254).optional(),
  provisioned_at: instant.optional(),
  last_pulled_at: instant.optional(),
});
export type CommuneRecordInput = z.output<typeof communeRecord>;

export const recordsBody = z.strictObject({ records: z.array(communeRecord).min(1).max(5000) });
export const queryBody = z.strictObject({ unit_ids: z.array(unitId).max(5000).optional() });

export interface CommuneRecordRow {
  unit_id: string;
  spreadsheet_id: string | null;
  spreadsheet_url: string | null;
  clerk_email: string | null;
  provisioned_at: string | null;
  last_pulled_at: string | null;
  updated_at: string;
  /** Last accepted submission of the commune (any path: add-on, pull, import). */
  last_submission_at: string | null;
  last_submission_id: string | null;
}

/** Units that are not communes (or unknown) among `ids`. */
async function notCommunes(db: D1Database, ids: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 90) {
    const part = ids.slice(i, i + 90);
    const { results } = await db
      .prepare(`SELECT id FROM units WHERE level = 'commune' AND id IN (${part.map(() => "?").join(",")})`)
      .bind(...part)
      .all<{ id: string }>();
    for (const r of results) found.add(r.id);
  }
  return ids.filter((id) => !found.has(id));
}

export const communeRecordRoutes = new Hono<{ Bindings: Bindings }>()
  .post("/commune-records", validateJson(recordsBody), async (c) => {
    const { records } = c.req.valid("json");
    const db = controlDb(c.env);
    const ids = [...new Set(records.map((r) => r.unit_id))];
    if (ids.length !== records.length) throw new ApiError("invalid_request", "Mỗi xã chỉ được có một bản ghi trong một yêu cầu.");
    const unknown = await notCommunes(db, ids);
    if (unknown.length) {
      throw new ApiError(
        "unit_not_found",
        `Không có xã mã "${unknown[0]}"${unknown.length > 1 ? ` (và ${unknown.length - 1} mã khác)` : ""}.`,
        unknown.map((id) => ({
          sheet: null,
          row: null,
          column: "unit_id",
          code: "unit_not_found",
          severity: "error",
          message_vi: `Không có xã mã "${id}".`,
        })),
      );
    }
    const now = new Date().toISOString();
    const cols = ["unit_id", ...FIELDS, "updated_at"];
    // A field left out (undefined → NULL in `excluded`) keeps the stored value.
    const sql = `INSERT INTO commune_records (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
      ON CONFLICT (unit_id) DO UPDATE SET ${FIELDS.map((f) => `${f} = COALESCE(excluded.${f}, ${f})`).join(", ")}, updated_at = excluded.updated_at`;
    await db.batch([
      ...records.map((r) => db.prepare(sql).bind(r.unit_id, ...FIELDS.map((f) => r[f] ?? null), now)),
      auditStatement(db, "admin", "commune_records.upsert", null, {
        count: records.length,
        fields: FIELDS.filter((f) => records.some((r) => r[f])),
      }),
    ]);
    return c.json({ upserted: records.length });
  })
  .post("/commune-records/query", validateJson(queryBody), async (c) => {
    const { unit_ids } = c.req.valid("json");
    const db = controlDb(c.env);
    // The records are in the control database, the receipts in the communes' shards: two reads.
    const sql = "SELECT * FROM commune_records r";
    let rows: Omit<CommuneRecordRow, "last_submission_at" | "last_submission_id">[] = [];
    if (!unit_ids) rows = (await db.prepare(`${sql} ORDER BY r.unit_id`).all<CommuneRecordRow>()).results;
    else {
      for (let i = 0; i < unit_ids.length; i += 90) {
        const part = unit_ids.slice(i, i + 90);
        const { results } = await db
          .prepare(`${sql} WHERE r.unit_id IN (${part.map(() => "?").join(",")}) ORDER BY r.unit_id`)
          .bind(...part)
          .all<CommuneRecordRow>();
        rows.push(...results);
      }
    }
    const last = new Map(
      (
        await perShard(
          shardGroups(c.env),
          rows.map((r) => r.unit_id),
          lastSubmissions,
        )
      )
        .flat()
        .map((s) => [s.commune_id, s]),
    );
    return c.json({
      records: rows.map(
        (r): CommuneRecordRow => ({
          ...r,
          last_submission_at: last.get(r.unit_id)?.received_at ?? null,
          last_submission_id: last.get(r.unit_id)?.submission_id ?? null,
        }),
      ),
    });
  });

/** The last accepted submission per commune (any path: add-on, pull, import), from the receipts in `db`. */
async function lastSubmissions(db: D1Database, ids: string[]) {
  const { results } = await db
    .prepare(
      `SELECT c.value AS commune_id, s.submission_id, s.received_at FROM json_each(?1) c
       JOIN submissions s ON s.submission_id = (
         SELECT submission_id FROM submissions WHERE commune_id = c.value ORDER BY received_at DESC, submission_id DESC LIMIT 1)`,
    )
    .bind(JSON.stringify(ids))
    .all<{ commune_id: string; submission_id: string; received_at: string }>();
  return results;
}

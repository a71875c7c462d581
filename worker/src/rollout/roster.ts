/**
 * Adding communes from a list: the dry run (read the file, check every line against D1, keep what
 * applying would write as a staged upload) and the one click that applies it — every commune record
 * and its audit row in ONE batch (D1 runs a batch as one transaction), and at most once (the trigger
 * of 0013_console.sql refuses a second apply inside that same batch).
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { auditStatement } from "../db/audit";
import { withinOf } from "../operators/scope";
import { CLERK_FIELDS, type ClerkFields, checkRoster, type RosterRow } from "./roster-check";
import { type LineProblem, readRosterFile } from "./roster-file";
import { communesByCode, unitsById } from "./units";

/** A staged upload can be applied for this long after its dry run. */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;

export interface RosterPreview {
  /** Set when there is something to apply. */
  uploadId: string | null;
  rows: RosterRow[];
  ignored: string[];
  counts: { new: number; existing: number; changing: number; refused: number };
}

export type PreviewResult = { ok: true; preview: RosterPreview } | { ok: false; problems: string[]; lineProblems: LineProblem[] };

interface Staged extends ClerkFields {
  unit_id: string;
  status: "new" | "existing";
}

const sha256 = async (bytes: Uint8Array) => bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));

export async function previewRoster(
  db: D1Database,
  req: { bytes: Uint8Array; fileName: string; operator: string; scopeUnitId: string | null; scopeLabel: string; today: string },
): Promise<PreviewResult> {
  const file = readRosterFile(req.bytes, req.fileName ? `Tệp "${req.fileName}"` : undefined);
  if (!file.ok) return file;
  const codes = file.lines.flatMap((l) => {
    const c = (l.cells.code ?? "").trim();
    return /^\d{1,5}$/.test(c) ? [c.padStart(5, "0")] : [];
  });
  const byCode = await communesByCode(db, codes);
  const candidates = [...byCode.values()].flat();
  const byId = await unitsById(
    db,
    candidates.flatMap((u) => u.successor_ids),
  );
  const inScope =
    req.scopeUnitId === null
      ? null
      : await withinOf(
          db,
          candidates.map((u) => u.id),
          req.scopeUnitId,
        );
  const records = await readClerks(
    db,
    candidates.map((u) => u.id),
  );
  const rows = checkRoster(file.lines, { byCode, byId, inScope, scopeLabel: req.scopeLabel, records, today: req.today });
  const staged: Staged[] = rows.flatMap((r) =>
    r.unit && (r.status === "new" || (r.status === "existing" && r.changes.length))
      ? [{ unit_id: r.unit.id, status: r.status, ...r.values }]
      : [],
  );
  let uploadId: string | null = null;
  if (staged.length) {
    uploadId = bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
    const now = new Date();
    await db.batch([
      db.prepare("DELETE FROM console_uploads WHERE created_at < ?").bind(new Date(now.getTime() - UPLOAD_TTL_MS).toISOString()),
      db
        .prepare(
          "INSERT INTO console_uploads (id, operator, scope_unit_id, created_at, file_name, file_sha256, rows) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          uploadId,
          req.operator,
          req.scopeUnitId,
          now.toISOString(),
          req.fileName || null,
          await sha256(req.bytes),
          JSON.stringify(staged),
        ),
    ]);
  }
  const count = (s: RosterRow["status"]) => rows.filter((r) => r.status === s).length;
  return {
    ok: true,
    preview: {
      uploadId,
      rows,
      ignored: file.ignored,
      counts: {
        new: count("new"),
        existing: count("existing"),
        changing: rows.filter((r) => r.status === "existing" && r.changes.length).length,
        refused: count("refused"),
      },
    },
  };
}

/** What is registered of these communes' clerks. */
async function readClerks(db: D1Database, ids: readonly string[]): Promise<Map<string, ClerkFields>> {
  if (!ids.length) return new Map();
  const rows = (
    await db
      .prepare(
        "SELECT unit_id, clerk_name, clerk_phone, clerk_email FROM commune_records WHERE unit_id IN (SELECT value FROM json_each(?1))",
      )
      .bind(JSON.stringify([...new Set(ids)]))
      .all<ClerkFields & { unit_id: string }>()
  ).results;
  return new Map(rows.map(({ unit_id, ...c }) => [unit_id, c]));
}

export type ApplyResult = { ok: true; added: number; updated: number } | { ok: false; status: 403 | 404 | 409 | 410; message: string };

/**
 * Apply a staged upload for the operator who checked it, still within their unit. One batch: the
 * upload marked applied (refused by the trigger if it already was), each commune record, an audit row
 * per commune naming the fields written (never their values).
 */
export async function applyRoster(
  db: D1Database,
  req: { uploadId: string; operator: string; operatorUnitId: string | null; now?: Date },
): Promise<ApplyResult> {
  const now = req.now ?? new Date();
  const upload = await db
    .prepare("SELECT operator, created_at, rows, applied_at FROM console_uploads WHERE id = ?")
    .bind(req.uploadId)
    .first<{ operator: string; created_at: string; rows: string; applied_at: string | null }>();
  if (!upload || upload.operator !== req.operator) {
    return { ok: false, status: 404, message: "Không tìm thấy lần tải lên này (hoặc không phải của bạn). Hãy tải tệp lên lại." };
  }
  if (upload.applied_at) return { ok: false, status: 409, message: "Danh sách này đã được áp dụng rồi; không ghi lần nữa." };
  if (Date.parse(upload.created_at) + UPLOAD_TTL_MS < now.getTime()) {
    return { ok: false, status: 410, message: "Lần kiểm tra này đã quá 24 giờ; hãy tải tệp lên lại để kiểm tra với dữ liệu mới nhất." };
  }
  const rows = JSON.parse(upload.rows) as Staged[];
  const inScope = await withinOf(
    db,
    rows.map((r) => r.unit_id),
    req.operatorUnitId,
  );
  const outside = rows.filter((r) => !inScope.has(r.unit_id));
  if (outside.length) {
    return { ok: false, status: 403, message: `${outside.length} xã trong danh sách không còn thuộc đơn vị bạn phụ trách; không ghi gì.` };
  }
  const at = now.toISOString();
  const upsert = `INSERT INTO commune_records (unit_id, clerk_name, clerk_phone, clerk_email, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (unit_id) DO UPDATE SET ${CLERK_FIELDS.map((f) => `${f} = coalesce(excluded.${f}, ${f})`).join(", ")}, updated_at = excluded.updated_at`;
  try {
    await db.batch([
      db.prepare("UPDATE console_uploads SET applied_at = ? WHERE id = ?").bind(at, req.uploadId),
      ...rows.map((r) => db.prepare(upsert).bind(r.unit_id, r.clerk_name, r.clerk_phone, r.clerk_email, at)),
      ...rows.map((r) =>
        auditStatement(db, req.operator, r.status === "new" ? "commune.add" : "commune.update", r.unit_id, {
          upload_id: req.uploadId,
          fields: CLERK_FIELDS.filter((f) => r[f] !== null),
        }),
      ),
    ]);
  } catch (e) {
    if (String(e).includes("already applied"))
      return { ok: false, status: 409, message: "Danh sách này đã được áp dụng rồi; không ghi lần nữa." };
    throw e;
  }
  return { ok: true, added: rows.filter((r) => r.status === "new").length, updated: rows.filter((r) => r.status === "existing").length };
}

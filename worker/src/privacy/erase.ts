/**
 * Erasing a household's personal data on request (Law 91/2025/QH15, the data subject's right to
 * erasure): its name, birth year, ethnicity and notes go from the register, its population changes,
 * their revisions, every free-text cell of the commune that names the head, and every stored payload
 * that carried it (../db/payloads.ts: the one place a payload store is read and rewritten — each
 * redacted payload is put in R2 as a new object, the batch points the submission at it, then every
 * other object of that submission is deleted, so the erased text is in no object left). The
 * figures stay: the register row keeps its team, size and Zalo answer (birth year 0, shown blank), the changes keep their date,
 * type and number of people, and no aggregate is touched. One D1 batch, with the erasure recorded
 * (0023) and an audit row that names the household's code only.
 */
import { SHEET_KEYS, columnsOf as specsOf } from "../../../shared/templates";
import { auditStatement } from "../db/audit";
import { erasureStatement } from "../db/erasures";
import { deleteOtherPayloads, type PayloadRef, payloadsContaining, putPayload, repointPayloadStatements } from "../db/payloads";
import { TABLE_OF } from "../ingest/tables";
import { type HouseholdRecord, householdRecord } from "./household";

/** What replaces an erased name or text. */
export const ERASED = "(đã xóa theo yêu cầu)";

export interface EraseResult {
  household_code: string;
  /** How many stored payloads were rewritten. */
  payloads: number;
  /** Rows whose text was changed, per table. */
  rows: Record<string, number>;
}

/** The head's names as stored now and as carried by any payload (a name corrected later included). */
function namesOf(rec: HouseholdRecord): string[] {
  const names = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v.trim().length >= 2 && v !== ERASED) names.add(v);
  };
  add(rec.register?.head_name);
  for (const s of rec.submissions) for (const h of s.households) add(h.head_name);
  return [...names];
}

/** Free-text columns of every sheet, as (table, column): where a clerk may have typed the head's name. */
const TEXT_COLUMNS = SHEET_KEYS.flatMap((k) =>
  specsOf(k)
    .filter((c) => c.type === "text")
    .map((c) => [TABLE_OF[k], c.key] as const),
);

/** A payload with the household's personal cells removed and its names replaced. */
function redactPayload(text: string, code: string, names: readonly string[]): string {
  let out = text;
  try {
    const env = JSON.parse(text) as { sheets?: Record<string, Record<string, unknown>[] | undefined> };
    for (const r of env.sheets?.households ?? []) {
      if (r?.household_code !== code) continue;
      r.head_name = ERASED;
      delete r.birth_year;
      delete r.ethnicity;
      delete r.note;
    }
    for (const r of env.sheets?.changes ?? []) if (r?.household_code === code) delete r.note;
    out = JSON.stringify(env);
  } catch {
    // Not JSON (never stored so today): the names are still replaced below.
  }
  for (const n of names) out = out.split(n).join(ERASED);
  return out;
}

/** Erase a household of a commune; null when nothing about the code is stored there. */
export async function eraseHousehold(
  db: D1Database,
  bucket: R2Bucket,
  req: { communeId: string; code: string; actor: string; now?: Date },
): Promise<EraseResult | null> {
  const { communeId, code, actor } = req;
  const rec = await householdRecord(db, bucket, communeId, code);
  if (!rec) return null;
  const at = (req.now ?? new Date()).toISOString();
  const names = namesOf(rec);
  const payloads = await payloadsContaining(db, bucket, communeId, [JSON.stringify(code), ...names]);

  const labelled: [string, D1PreparedStatement][] = [
    [
      "households",
      db
        .prepare(
          "UPDATE households SET head_name = ?3, birth_year = 0, ethnicity = NULL, note = NULL WHERE commune_id = ?1 AND household_code = ?2",
        )
        .bind(communeId, code, ERASED),
    ],
    [
      "changes",
      db.prepare("UPDATE changes SET note = NULL WHERE commune_id = ?1 AND household_code = ?2 AND note IS NOT NULL").bind(communeId, code),
    ],
    [
      "revisions",
      db
        .prepare(
          `UPDATE revisions SET data = json_remove(data, '$.note')
           WHERE sheet = 'changes' AND commune_id = ?1 AND json_extract(natural_key, '$[1]') = ?2 AND json_extract(data, '$.note') IS NOT NULL`,
        )
        .bind(communeId, code),
    ],
  ];
  for (const name of names) {
    labelled.push([
      "revisions",
      db
        .prepare("UPDATE revisions SET data = replace(data, ?2, ?3) WHERE commune_id = ?1 AND instr(data, ?2) > 0")
        .bind(communeId, name, ERASED),
    ]);
    for (const [table, col] of TEXT_COLUMNS) {
      labelled.push([
        table,
        db
          .prepare(`UPDATE ${table} SET ${col} = replace(${col}, ?2, ?3) WHERE commune_id = ?1 AND instr(${col}, ?2) > 0`)
          .bind(communeId, name, ERASED),
      ]);
    }
  }
  // The redacted payloads first (new keys: their hashes differ), then the batch that points at them.
  const redacted: { submissionId: string; ref: PayloadRef }[] = [];
  for (const p of payloads) {
    redacted.push({
      submissionId: p.submission_id,
      ref: await putPayload(bucket, communeId, p.submission_id, redactPayload(p.text, code, names)),
    });
  }
  const rewrites = redacted.flatMap((r) => repointPayloadStatements(db, r.submissionId, r.ref));
  const results = await db.batch([
    ...labelled.map(([, s]) => s),
    ...rewrites,
    erasureStatement(db, communeId, code, actor, at),
    // The stored rows no longer are what the commune sent: its next submission is checked and planned
    // whole (worker/src/ingest/delta.ts skips only what it wrote itself, 0026_sheet_states.sql).
    db.prepare("DELETE FROM sheet_states WHERE commune_id = ?").bind(communeId),
    // The act, without the erased data: the code, and how much was changed.
    auditStatement(db, actor, "household.erase", communeId, { household_code: code, payloads: payloads.length }),
  ]);
  for (const r of redacted) await deleteOtherPayloads(bucket, communeId, r.submissionId, r.ref.key);
  const rows: Record<string, number> = {};
  labelled.forEach(([table], i) => {
    rows[table] = (rows[table] ?? 0) + (results[i]?.meta.changes ?? 0);
  });
  return { household_code: code, payloads: payloads.length, rows };
}

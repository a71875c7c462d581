/**
 * Everything stored about one household of a commune, by its code: the register row, the population
 * changes, their earlier versions (revisions), and the rows of each stored payload that carried it.
 * A household's right to see and take a copy of its data (Law 91/2025/QH15); shown and downloaded from
 * the console (worker/src/console/households.tsx), and what the erasure (./erase.ts) works from.
 */
import { erasedHouseholds } from "../db/erasures";
import { payloadsContaining } from "../db/payloads";

type Row = Record<string, unknown>;

export interface PayloadRows {
  submission_id: string;
  received_at: string;
  /** The household's rows in that submission, by sheet (households, changes). */
  households: Row[];
  changes: Row[];
}

export interface HouseholdRecord {
  commune_id: string;
  household_code: string;
  /** The register row (mẫu 02) as it stands, or null when the household is no longer in the register. */
  register: Row | null;
  changes: Row[];
  /** Earlier versions of the household's population changes. */
  revisions: { sheet: string; natural_key: unknown; revision: number; data: Row; submission_id: string; replaced_at: string }[];
  submissions: PayloadRows[];
  /** Whether the household's data was erased on request before. */
  erased: boolean;
}

/** Rows of a sheet in a stored payload that belong to the household; none when the payload was pruned or is unreadable. */
function rowsIn(text: string, sheet: "households" | "changes", code: string): Row[] {
  if (!text) return [];
  try {
    const rows = (JSON.parse(text) as { sheets?: Record<string, unknown> }).sheets?.[sheet];
    return Array.isArray(rows) ? (rows as Row[]).filter((r) => r && r.household_code === code) : [];
  } catch {
    return [];
  }
}

/** The household's record, or null when nothing about the code is stored in the commune. */
export async function householdRecord(db: D1Database, bucket: R2Bucket, communeId: string, code: string): Promise<HouseholdRecord | null> {
  const [register, changes, revisions] = await db.batch([
    db.prepare("SELECT * FROM households WHERE commune_id = ?1 AND household_code = ?2").bind(communeId, code),
    db
      .prepare("SELECT * FROM changes WHERE commune_id = ?1 AND household_code = ?2 ORDER BY change_date, change_type")
      .bind(communeId, code),
    db
      .prepare(
        `SELECT sheet, natural_key, revision, data, submission_id, replaced_at FROM revisions
         WHERE sheet = 'changes' AND commune_id = ?1 AND json_extract(natural_key, '$[1]') = ?2 ORDER BY replaced_at, revision`,
      )
      .bind(communeId, code),
  ]);
  const payloads = await payloadsContaining(db, bucket, communeId, [JSON.stringify(code)]);
  const submissions = payloads
    .map((p) => ({
      submission_id: p.submission_id,
      received_at: p.received_at,
      households: rowsIn(p.text, "households", code),
      changes: rowsIn(p.text, "changes", code),
    }))
    .filter((p) => p.households.length || p.changes.length);
  const rev = (
    revisions!.results as {
      sheet: string;
      natural_key: string;
      revision: number;
      data: string;
      submission_id: string;
      replaced_at: string;
    }[]
  ).map((r) => ({ ...r, natural_key: JSON.parse(r.natural_key) as unknown, data: JSON.parse(r.data) as Row }));
  const reg = (register!.results[0] as Row | undefined) ?? null;
  const erased = (await erasedHouseholds(db, communeId)).has(code);
  if (!reg && !changes!.results.length && !rev.length && !submissions.length && !erased) return null;
  return {
    commune_id: communeId,
    household_code: code,
    register: reg,
    changes: changes!.results as Row[],
    revisions: rev,
    submissions,
    erased,
  };
}

/** Communes with a household register, among `within` (every one when null). */
export async function communesWithHouseholds(db: D1Database, within: readonly string[] | null): Promise<string[]> {
  const rows = (await db.prepare("SELECT DISTINCT commune_id FROM households").all<{ commune_id: string }>()).results.map(
    (r) => r.commune_id,
  );
  if (within === null) return rows;
  const set = new Set(within);
  return rows.filter((id) => set.has(id));
}

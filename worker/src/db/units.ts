/**
 * Administrative units in D1 (`units`; `unit_successors`, one row per successor link for finding
 * predecessors by index, is kept in step by triggers: 0006_unit_successors.sql): read, upsert. `seedUnits` loads the pilot's units
 * (shared/data/units.ts); `POST /api/admin/units` upserts what the admin sends — up to the whole
 * country (shared/data/vn/units.json) — with the same statements, in one batch.
 */
import { UNITS } from "../../../shared/data/units";
import { compareVi } from "../../../shared/text";
import { type Unit, type UnitLevel, unitLabel } from "../../../shared/units";

export interface UnitRow {
  id: string;
  code: string;
  level: UnitLevel;
  kind_vi: string | null;
  name: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  /** JSON array of unit ids. */
  successor_ids: string;
  /** JSON array of unit ids, a subset of successor_ids. */
  partial_successor_ids: string;
  successor_unknown: number;
  ethnic_identity: number | null;
}

export const getUnit = (db: D1Database, id: string) => db.prepare("SELECT * FROM units WHERE id = ?").bind(id).first<UnitRow>();

export function unitOfRow(r: UnitRow): Unit {
  const partial = JSON.parse(r.partial_successor_ids ?? "[]") as string[];
  return {
    id: r.id,
    code: r.code,
    level: r.level,
    ...(r.kind_vi === null ? {} : { kind_vi: r.kind_vi }),
    name: r.name,
    parent_id: r.parent_id,
    valid_from: r.valid_from,
    valid_to: r.valid_to,
    successor_ids: JSON.parse(r.successor_ids) as string[],
    ...(partial.length ? { partial_successor_ids: partial } : {}),
    ...(r.successor_unknown ? { successor_unknown: true as const } : {}),
    ...(r.ethnic_identity === null ? {} : { ethnic_identity: r.ethnic_identity !== 0 }),
  };
}

/** Provinces valid on `today` (the 34 since 1 July 2025), each with its label, in Vietnamese order of the label. */
export async function currentProvinces(db: D1Database, today: string): Promise<{ unit: Unit; label: string }[]> {
  const rows = (
    await db
      .prepare("SELECT * FROM units WHERE level = 'province' AND valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)")
      .bind(today)
      .all<UnitRow>()
  ).results;
  return rows
    .map((r) => {
      const unit = unitOfRow(r);
      return { unit, label: unitLabel(unit) };
    })
    .sort((a, b) => compareVi(a.label, b.label));
}

/** What the ingest needs of a commune: id, code, label and validity (shared/rules/validity.ts). */
export const writerOf = (r: UnitRow) => ({
  id: r.id,
  code: r.code,
  label: unitLabel(unitOfRow(r)),
  valid_from: r.valid_from,
  valid_to: r.valid_to,
});

export async function readUnits(db: D1Database): Promise<Unit[]> {
  return (await db.prepare("SELECT * FROM units").all<UnitRow>()).results.map(unitOfRow);
}

/** Columns in the order of `tuple`; successor lists travel as JSON arrays inside the tuple. */
const COLUMNS = [
  "id",
  "code",
  "level",
  "kind_vi",
  "name",
  "parent_id",
  "valid_from",
  "valid_to",
  "successor_ids",
  "partial_successor_ids",
  "successor_unknown",
  "ethnic_identity",
] as const;
const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };

const tuple = (u: Unit) => [
  u.id,
  u.code,
  u.level,
  u.kind_vi ?? null,
  u.name,
  u.parent_id,
  u.valid_from,
  u.valid_to,
  u.successor_ids,
  u.partial_successor_ids ?? [],
  u.successor_unknown ? 1 : 0,
  u.ethnic_identity === undefined ? null : u.ethnic_identity ? 1 : 0,
];

/**
 * Units travel to D1 as one JSON array bound to one parameter, read back with json_each: a statement
 * writes hundreds of units (instead of 8 per statement at D1's 100 bound parameters), and a bound
 * value stays under D1's 2 MB (https://developers.cloudflare.com/d1/platform/limits/).
 */
export const MAX_UNITS_JSON_BYTES = 900_000;

const field = (i: number) => `json_extract(value, '$[${i}]')`;
/**
 * Insert or update by id; a row whose every column is already as sent is not written again. Answers
 * the ids written (D1's meta.changes would also count the rows the triggers write).
 */
const UPSERT_SQL = `INSERT INTO units (${COLUMNS.join(", ")})
  SELECT ${COLUMNS.map((_, i) => field(i)).join(", ")} FROM json_each(?1) WHERE true
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}
  WHERE ${COLUMNS.slice(1)
    .map((c) => `units.${c} IS NOT excluded.${c}`)
    .join(" OR ")}
  RETURNING id`;
/** Tuples cut into JSON arrays of at most `maxBytes` each, in order. */
function jsonChunks(rows: unknown[][], maxBytes: number): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let bytes = 2;
  for (const r of rows) {
    const s = JSON.stringify(r);
    const n = new TextEncoder().encode(s).length + 1;
    if (part.length && bytes + n > maxBytes) {
      out.push(`[${part.join(",")}]`);
      part = [];
      bytes = 2;
    }
    part.push(s);
    bytes += n;
  }
  if (part.length) out.push(`[${part.join(",")}]`);
  return out;
}

/**
 * Statements that insert or update units by id (their successor links follow by trigger), parents before children
 * (D1 enforces foreign keys: https://developers.cloudflare.com/d1/sql-api/foreign-keys/). Put them in
 * one `db.batch` with anything else that must happen with them: D1 runs a batch as one transaction.
 */
export function upsertUnitStatements(db: D1Database, units: readonly Unit[], maxBytes = MAX_UNITS_JSON_BYTES): D1PreparedStatement[] {
  const sorted = [...units].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const chunks = jsonChunks(sorted.map(tuple), maxBytes);
  return chunks.map((c) => db.prepare(UPSERT_SQL).bind(c));
}

/** Upsert the shared unit data (the pilot's provinces, districts, communes and villages). */
export async function seedUnits(db: D1Database, units: readonly Unit[] = UNITS): Promise<number> {
  await db.batch(upsertUnitStatements(db, units));
  return units.length;
}

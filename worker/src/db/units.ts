/**
 * Administrative units in D1 (`units`): read, upsert. `seedUnits` loads the shared unit data
 * (shared/data/units.ts); `POST /api/admin/units` upserts what the admin sends with the same code.
 */
import { UNITS } from "../../../shared/data/units";
import { type Unit, type UnitLevel, unitLabel } from "../../../shared/units";
import { type DbValue, insertRows } from "./sql";

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
  ethnic_identity: number | null;
}

export const getUnit = (db: D1Database, id: string) => db.prepare("SELECT * FROM units WHERE id = ?").bind(id).first<UnitRow>();

export function unitOfRow(r: UnitRow): Unit {
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
    ...(r.ethnic_identity === null ? {} : { ethnic_identity: r.ethnic_identity !== 0 }),
  };
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
  "ethnic_identity",
] as const;
const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };

const values = (u: Unit): DbValue[] => [
  u.id,
  u.code,
  u.level,
  u.kind_vi ?? null,
  u.name,
  u.parent_id,
  u.valid_from,
  u.valid_to,
  JSON.stringify(u.successor_ids),
  u.ethnic_identity === undefined ? null : u.ethnic_identity ? 1 : 0,
];

/**
 * Statements that insert or update units by id, parents before children (D1 enforces foreign
 * keys: https://developers.cloudflare.com/d1/sql-api/foreign-keys/).
 */
export function upsertUnitStatements(db: D1Database, units: readonly Unit[]): D1PreparedStatement[] {
  const sorted = [...units].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const update = COLUMNS.filter((c) => c !== "id")
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");
  return insertRows(db, "units", COLUMNS, sorted.map(values), `ON CONFLICT (id) DO UPDATE SET ${update}`);
}

/** Upsert the shared unit data (the provinces, districts, communes and villages we know). */
export async function seedUnits(db: D1Database, units: readonly Unit[] = UNITS): Promise<number> {
  await db.batch(upsertUnitStatements(db, units));
  return units.length;
}

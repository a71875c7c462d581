/**
 * Units as the console shows them: "Phường Chũ, Tỉnh Bắc Ninh" — the unit's label and its province's —
 * read from D1 in one or two queries for a list of ids or codes.
 */
import { unitLabel } from "../../../shared/units";
import { type UnitRow, unitOfRow } from "../db/units";
import { provinceOf } from "../operators/scope";
import type { RosterUnit } from "./roster-check";

export interface UnitInfo extends RosterUnit {
  /** The unit's own label, "Phường Chũ". */
  short: string;
  province_id: string | null;
}

async function withLabels(db: D1Database, rows: UnitRow[]): Promise<UnitInfo[]> {
  const provinces = await provinceOf(
    db,
    rows.map((r) => r.id),
  );
  const provinceIds = [...new Set(provinces.values())];
  const names = new Map(
    provinceIds.length
      ? (
          await db
            .prepare("SELECT * FROM units WHERE id IN (SELECT value FROM json_each(?1))")
            .bind(JSON.stringify(provinceIds))
            .all<UnitRow>()
        ).results.map((p) => [p.id, unitLabel(unitOfRow(p))])
      : [],
  );
  return rows.map((r) => {
    const u = unitOfRow(r);
    const short = unitLabel(u);
    const pid = provinces.get(r.id) ?? null;
    const province = pid && pid !== r.id ? names.get(pid) : undefined;
    return {
      id: u.id,
      code: u.code,
      level: u.level,
      name: u.name,
      short,
      label: province ? `${short}, ${province}` : short,
      valid_from: u.valid_from,
      valid_to: u.valid_to,
      successor_ids: u.successor_ids,
      province_id: pid,
    };
  });
}

/** Units by id, labelled. */
export async function unitsById(db: D1Database, ids: readonly string[]): Promise<Map<string, UnitInfo>> {
  if (!ids.length) return new Map();
  const rows = (
    await db
      .prepare("SELECT * FROM units WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify([...new Set(ids)]))
      .all<UnitRow>()
  ).results;
  return new Map((await withLabels(db, rows)).map((u) => [u.id, u]));
}

/** Communes by GSO code, every era, labelled. */
export async function communesByCode(db: D1Database, codes: readonly string[]): Promise<Map<string, UnitInfo[]>> {
  const out = new Map<string, UnitInfo[]>();
  if (!codes.length) return out;
  const rows = (
    await db
      .prepare("SELECT * FROM units WHERE level = 'commune' AND code IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify([...new Set(codes)]))
      .all<UnitRow>()
  ).results;
  for (const u of await withLabels(db, rows)) out.set(u.code, [...(out.get(u.code) ?? []), u]);
  return out;
}

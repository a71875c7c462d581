/**
 * The units a rollup needs: the link's unit, everything under it, every unit merged into those
 * (predecessors, so a link on a new unit sees its history), and upwards from all of these the
 * parents and successors (to group communes "as was" or under today's units). Grouping never
 * rewrites data: a commune's rows stay under the unit that sent them.
 */
import { type Unit, UnitRegistry, unitLabel } from "../../../shared/units";
import { type UnitRow as UnitDbRow, unitOfRow } from "../db/units";
import type { RollupMode, UnitRef } from "./types";

/** A unit as the rollup uses it: the shared `Unit`, read from D1 by `unitOfRow` (worker/src/db/units.ts). */
export type UnitRow = Unit;

const UNIT_COLUMNS =
  "id, code, level, kind_vi, name, parent_id, valid_from, valid_to, successor_ids, partial_successor_ids, successor_unknown, ethnic_identity";

/** Units below any of ?1 (a JSON array of ids), villages left out: by the parent index. */
const CHILDREN_SQL = `SELECT ${UNIT_COLUMNS} FROM units WHERE parent_id IN (SELECT value FROM json_each(?1)) AND level <> 'village'`;
/**
 * Units merged into any of ?1 (their successor_ids name one of them): by the index of
 * unit_successors (0006_unit_successors.sql), so the country's other units are never read.
 */
const PREDECESSORS_SQL = `SELECT ${UNIT_COLUMNS} FROM units
  WHERE id IN (SELECT unit_id FROM unit_successors WHERE successor_id IN (SELECT value FROM json_each(?1)))`;
const BY_ID_SQL = `SELECT ${UNIT_COLUMNS} FROM units WHERE id IN (SELECT value FROM json_each(?1))`;

export { unitLabel };

/**
 * The loaded units, with the rollup rules of shared/units.ts (UnitRegistry): "as_was" follows the
 * tree as recorded, "current" maps a unit onto its successors valid on a date.
 */
export class UnitTree {
  private readonly registry: UnitRegistry;

  constructor(private readonly rows: UnitRow[]) {
    this.registry = new UnitRegistry(rows);
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  private readonly byId: Map<string, UnitRow>;

  get(id: string): UnitRow | undefined {
    return this.byId.get(id);
  }

  /** How many units were loaded (a link never needs the whole country). */
  get size(): number {
    return this.byId.size;
  }

  ref(id: string): UnitRef {
    const u = this.byId.get(id);
    if (!u) return { id, code: "", level: "commune", label_vi: id, valid_from: "", valid_to: null };
    return { id: u.id, code: u.code, level: u.level, label_vi: unitLabel(u), valid_from: u.valid_from, valid_to: u.valid_to };
  }

  /** Parents as recorded, nearest first. */
  ancestors(id: string): UnitRow[] {
    return this.registry.ancestors(id).flatMap((u) => this.byId.get(u.id) ?? []);
  }

  /** Where a commune's data is grouped: itself (as_was) or the commune it is part of on `today` (current). */
  groupOf(communeId: string, mode: RollupMode, today: string): UnitRow | undefined {
    const target = mode === "as_was" ? communeId : this.registry.rollupTarget(communeId, "current", "commune", today);
    return this.byId.get(target ?? communeId);
  }

  /**
   * The communes whose data belongs to a rollup of `unitId`: those under it as they were, and in
   * current mode also those whose successor is under it on `today`.
   */
  communesOf(unitId: string, mode: RollupMode, today: string): UnitRow[] {
    const unit = this.byId.get(unitId);
    if (!unit) return [];
    return this.rows.filter(
      (c) =>
        c.level === "commune" &&
        (this.registry.rollupTarget(c.id, "as_was", unit.level, today) === unit.id ||
          (mode === "current" &&
            this.registry.rollupTargets(c.id, "current", unit.level, today).includes(unit.id) &&
            // A commune's own page shows a predecessor only where all of it went into that commune.
            (unit.level !== "commune" || this.villagesMappedTo(c.id, unit.id, today) === "all"))),
    );
  }

  /**
   * The villages of commune `fromId` whose data belongs to commune `toId` today: "all" when `fromId`
   * is `toId` or went whole into it, else the codes of the villages mapped to `toId` — none while
   * that mapping is unknown. A commune split between several successors (a partial merge of the
   * 2025 reform) has no village → successor mapping yet (the units issue adds it, with the clerk's
   * "Chuyển đổi thôn" sheet): this method is the one place it plugs in. Today a split commune's
   * villages go to none of its successors, so a successor's own link (pages, JSON, CSV, mẫu 01/02)
   * shows none of them. The printable forms honour a list of villages (./forms.ts); `communesOf`
   * includes a predecessor on a commune's page only for "all".
   */
  villagesMappedTo(fromId: string, toId: string, today: string): "all" | readonly string[] {
    if (fromId === toId) return "all";
    const successors = this.registry.rollupTargets(fromId, "current", "commune", today);
    return successors.length === 1 && successors[0] === toId ? "all" : [];
  }
}

/**
 * Down from the unit: the units under it and the units merged into any of these, level by level;
 * then up from all of them: parents and successors, level by level. A few small queries each way.
 */
export async function loadUnitTree(db: D1Database, unitId: string): Promise<UnitTree> {
  const found = new Map<string, UnitRow>();
  const read = (results: UnitDbRow[]) => results.map(unitOfRow);
  const add = (rows: UnitRow[]) => rows.filter((r) => !found.has(r.id) && found.set(r.id, r));

  let frontier = add(
    read(
      (
        await db
          .prepare(BY_ID_SQL)
          .bind(JSON.stringify([unitId]))
          .all<UnitDbRow>()
      ).results,
    ),
  );
  for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
    const ids = JSON.stringify(frontier.map((u) => u.id));
    const [children, predecessors] = await db.batch<UnitDbRow>([
      db.prepare(CHILDREN_SQL).bind(ids),
      db.prepare(PREDECESSORS_SQL).bind(ids),
    ]);
    frontier = add(read([...(children?.results ?? []), ...(predecessors?.results ?? [])]));
  }
  let missing = [...found.values()];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const wanted = [...new Set(missing.flatMap((u) => [...(u.parent_id ? [u.parent_id] : []), ...u.successor_ids]))].filter(
      (id) => !found.has(id),
    );
    if (!wanted.length) break;
    missing = add(read((await db.prepare(BY_ID_SQL).bind(JSON.stringify(wanted)).all<UnitDbRow>()).results));
  }
  return new UnitTree([...found.values()]);
}

/** Province → district → commune, plus merges: a handful of levels; the bound stops a cycle in bad data. */
const MAX_DEPTH = 12;

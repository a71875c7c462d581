/**
 * The units a rollup needs: the link's unit, everything under it, every unit merged into those
 * (predecessors, so a link on a new unit sees its history), and upwards from all of these the
 * parents and successors (to group communes "as was" or under today's units). Grouping never
 * rewrites data: a commune's rows stay under the unit that sent them.
 */
import { isValidOn, type Unit, UnitRegistry, unitLabel } from "../../../shared/units";
import { type UnitRow as UnitDbRow, unitOfRow } from "../db/units";
import { readVillageMoves, type VillageMoveRow } from "../db/village-moves";
import { type RollupMode, UNDETERMINED, type UnitRef } from "./types";

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

const hasAny = (villages: "all" | readonly string[]) => villages === "all" || villages.length > 0;

/**
 * The loaded units, with the rollup rules of shared/units.ts (UnitRegistry): "as_was" follows the
 * tree as recorded, "current" maps a unit onto its successors valid on a date.
 */
export class UnitTree {
  private readonly registry: UnitRegistry;

  /**
   * `moves`: the village → successor mappings of the split communes among `rows`
   * (0017_village_successors.sql), read by `readUnitTree`.
   */
  constructor(
    private readonly rows: UnitRow[],
    moves: readonly Pick<VillageMoveRow, "commune_id" | "village_code" | "successor_id">[] = [],
  ) {
    this.registry = new UnitRegistry(rows);
    this.byId = new Map(rows.map((r) => [r.id, r]));
    for (const m of moves) {
      const of = this.moves.get(m.commune_id) ?? this.moves.set(m.commune_id, new Map()).get(m.commune_id)!;
      of.set(m.village_code, m.successor_id);
    }
  }

  private readonly byId: Map<string, UnitRow>;
  /** Split commune id → village code → the successor it went to. */
  private readonly moves = new Map<string, Map<string, string>>();
  /** Unit id → its label (`unitLabel` normalises text: a province page asks for each commune's many times). */
  private readonly labels = new Map<string, string>();

  get(id: string): UnitRow | undefined {
    return this.byId.get(id);
  }

  /** How many units were loaded (a link never needs the whole country). */
  get size(): number {
    return this.byId.size;
  }

  ref(id: string): UnitRef {
    if (id === UNDETERMINED.id) return { ...UNDETERMINED };
    const u = this.byId.get(id);
    if (!u) return { id, code: "", level: "commune", label_vi: id, valid_from: "", valid_to: null };
    let label = this.labels.get(id);
    if (label === undefined) {
      label = unitLabel(u);
      this.labels.set(id, label);
    }
    return { id: u.id, code: u.code, level: u.level, label_vi: label, valid_from: u.valid_from, valid_to: u.valid_to };
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
            // A commune's own page shows a predecessor where all of it, or some of its villages, went into it.
            (unit.level !== "commune" || hasAny(this.villagesMappedTo(c.id, unit.id, today))))),
    );
  }

  /**
   * The villages of commune `fromId` whose data belongs to commune `toId` today: "all" when `fromId`
   * is `toId` or went whole into it; for a commune split between several successors (splitOf), the
   * codes of the villages mapped to `toId` — none while that mapping is unknown. Used by a
   * successor's own link (pages, JSON, CSV through ./groups.ts; mẫu 01/02 through ./forms.ts).
   */
  villagesMappedTo(fromId: string, toId: string, today: string): "all" | readonly string[] {
    if (fromId === toId) return "all";
    const split = this.splitOf(fromId, today);
    if (!split) {
      const successors = this.registry.rollupTargets(fromId, "current", "commune", today);
      return successors.length === 1 && successors[0] === toId ? "all" : [];
    }
    return [...(this.moves.get(split.id)?.keys() ?? [])].filter((v) => this.villageTarget(fromId, v, today)?.id === toId);
  }

  /**
   * The version of commune `communeId` (itself or a later one, through single successors) that the
   * 2025 reform split before `today`: several successors, or a successor that took only part of it
   * ("Nhập một phần" in the conversion table). Its data then goes by village. Undefined otherwise.
   */
  splitOf(communeId: string, today: string): UnitRow | undefined {
    const seen = new Set<string>();
    let u = this.byId.get(communeId);
    while (u && !seen.has(u.id) && u.valid_from <= today && !isValidOn(u, today)) {
      seen.add(u.id);
      if (u.successor_ids.length > 1 || u.partial_successor_ids?.length) return u;
      u = this.byId.get(u.successor_ids[0] ?? "");
    }
    return undefined;
  }

  /**
   * The commune valid on `today` that village `villageCode` of split commune `communeId` went to:
   * the mapped successor (one of the split unit's successor_ids) or the commune it is part of
   * today; undefined while unknown (no mapping, or the successor was itself split since).
   */
  villageTarget(communeId: string, villageCode: string, today: string): UnitRow | undefined {
    const split = this.splitOf(communeId, today);
    const to = split && this.moves.get(split.id)?.get(villageCode);
    if (!split || !to || !split.successor_ids.includes(to)) return undefined;
    const now = this.registry.rollupTargets(to, "current", "commune", today);
    return now.length === 1 ? this.byId.get(now[0]!) : undefined;
  }

  /** The communes today that the mapped villages of split commune `communeId` went to. */
  mappedTargets(communeId: string, today: string): string[] {
    const split = this.splitOf(communeId, today);
    const villages = split ? [...(this.moves.get(split.id)?.keys() ?? [])] : [];
    return [...new Set(villages.flatMap((v) => this.villageTarget(communeId, v, today)?.id ?? []))];
  }

  /** The unit's recorded ancestor (or itself) at `level`, as the tree was recorded. */
  asWasAt(id: string, level: Unit["level"], today: string): string | null {
    return this.registry.rollupTarget(id, "as_was", level, today);
  }

  /** The first unit at `level` that `id`'s successors valid on `today` belong to. */
  currentAt(id: string, level: Unit["level"], today: string): string | null {
    return this.registry.rollupTarget(id, "current", level, today);
  }
}

/**
 * Down from the unit: the units under it and the units merged into any of these, level by level;
 * then up from all of them: parents and successors, level by level. A few small queries each way.
 */
export async function readUnitTree(db: D1Database, unitId: string): Promise<UnitTree> {
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
  const units = [...found.values()];
  const split = units.filter((u) => u.level === "commune" && (u.successor_ids.length > 1 || u.partial_successor_ids?.length));
  return new UnitTree(
    units,
    await readVillageMoves(
      db,
      split.map((u) => u.id),
    ),
  );
}

/** Province → district → commune, plus merges: a handful of levels; the bound stops a cycle in bad data. */
const MAX_DEPTH = 12;

/**
 * The units a rollup needs, read from D1 in one recursive query: the link's unit, everything under
 * it, every unit merged into those (predecessors, so a link on a new unit sees its history), and
 * upwards from all of these the parents and successors (to group communes "as was" or under
 * today's units). Grouping never rewrites data: a commune's rows stay under the unit that sent them.
 */
import { nfc } from "../../../shared/text";
import { UnitRegistry, type Unit } from "../../../shared/units";
import type { RollupMode, UnitLevel, UnitRef } from "./types";

export interface UnitRow {
  id: string;
  code: string;
  level: UnitLevel;
  kind_vi: string | null;
  name: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  successor_ids: string[];
}

/** SQLite allows several recursive SELECTs in one CTE: https://www.sqlite.org/lang_with.html */
const CLOSURE_SQL = `
WITH RECURSIVE
down(id) AS (
  SELECT ?1
  UNION SELECT u.id FROM down JOIN units u ON u.parent_id = down.id
  UNION SELECT u.id FROM down JOIN units u JOIN json_each(u.successor_ids) j ON j.value = down.id
),
up(id) AS (
  SELECT id FROM down
  UNION SELECT u.parent_id FROM up JOIN units u ON u.id = up.id WHERE u.parent_id IS NOT NULL
  UNION SELECT j.value FROM up JOIN units u ON u.id = up.id JOIN json_each(u.successor_ids) j
)
SELECT id, code, level, kind_vi, name, parent_id, valid_from, valid_to, successor_ids
FROM units WHERE id IN (SELECT id FROM up)`;

const LEVEL_WORD: Record<UnitLevel, string> = { province: "tỉnh", district: "huyện", commune: "xã", village: "thôn" };

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/** "Xã Hồng Giang": the name as stored when it already starts with its kind, else kind + name. */
export function unitLabel(u: Pick<UnitRow, "kind_vi" | "level" | "name">): string {
  const kind = u.kind_vi ?? LEVEL_WORD[u.level];
  const lower = (x: string) => nfc(x).toLocaleLowerCase("vi"); // keeps diacritics: "Phượng Sơn" is not "phường …"
  return lower(u.name).startsWith(`${lower(kind)} `) ? u.name : `${capitalize(kind)} ${u.name}`;
}

/**
 * The loaded units, with the rollup rules of shared/units.ts (UnitRegistry): "as_was" follows the
 * tree as recorded, "current" maps a unit onto its successors valid on a date.
 */
export class UnitTree {
  private readonly registry: UnitRegistry;

  constructor(private readonly rows: UnitRow[]) {
    this.registry = new UnitRegistry(
      rows.map((r): Unit => ({
        id: r.id, code: r.code, level: r.level, name: r.name, parent_id: r.parent_id, valid_from: r.valid_from,
        valid_to: r.valid_to, successor_ids: r.successor_ids, ...(r.kind_vi ? { kind_vi: r.kind_vi } : {}),
      })),
    );
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  private readonly byId: Map<string, UnitRow>;

  get(id: string): UnitRow | undefined {
    return this.byId.get(id);
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
          (mode === "current" && this.registry.rollupTargets(c.id, "current", unit.level, today).includes(unit.id))),
    );
  }
}

interface UnitDbRow extends Omit<UnitRow, "successor_ids"> {
  successor_ids: string;
}

export async function loadUnitTree(db: D1Database, unitId: string): Promise<UnitTree> {
  const { results } = await db.prepare(CLOSURE_SQL).bind(unitId).all<UnitDbRow>();
  return new UnitTree(results.map((r) => ({ ...r, successor_ids: parseIds(r.successor_ids) })));
}

function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Lookups over a unit data set: by id, code and date, children, ancestors, successors, rollup targets. */
import { isValidOn, type RollupMode, type Unit, type UnitLevel } from "./unit";

/** Lookups over a unit data set; built once, never mutated. */
export class UnitRegistry {
  private readonly byId = new Map<string, Unit>();
  private readonly byParent = new Map<string, Unit[]>();
  private readonly byCode = new Map<string, Unit[]>();

  constructor(readonly units: readonly Unit[]) {
    for (const u of units) {
      this.byId.set(u.id, u);
      push(this.byCode, `${u.level}|${u.code}`, u);
      if (u.parent_id) push(this.byParent, u.parent_id, u);
    }
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  isValidOn(unit: Unit | string, date: string): boolean {
    const u = typeof unit === "string" ? this.byId.get(unit) : unit;
    return !!u && isValidOn(u, date);
  }

  /** The unit with this code and level valid on `onDate` (codes are reused over time). */
  findByCode(code: string, level: UnitLevel, onDate: string): Unit | undefined {
    return this.byCode.get(`${level}|${code}`)?.find((u) => isValidOn(u, onDate));
  }

  /** Direct children as recorded; only those valid on `onDate` when given. */
  children(id: string, onDate?: string): Unit[] {
    const list = this.byParent.get(id) ?? [];
    return onDate === undefined ? [...list] : list.filter((u) => isValidOn(u, onDate));
  }

  /** Parent, grandparent, … as the tree was recorded (never rewritten), nearest first. */
  ancestors(id: string): Unit[] {
    const out: Unit[] = [];
    const seen = new Set<string>([id]);
    let u = this.byId.get(id);
    while (u?.parent_id && !seen.has(u.parent_id)) {
      seen.add(u.parent_id);
      u = this.byId.get(u.parent_id);
      if (u) out.push(u);
    }
    return out;
  }

  /** Units below `id` valid on `date`, optionally only of one level, parents before children. */
  descendantsOn(id: string, date: string, level?: UnitLevel): Unit[] {
    const out: Unit[] = [];
    const seen = new Set<string>([id]);
    const walk = (pid: string) => {
      for (const c of this.children(pid, date)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        if (!level || c.level === level) out.push(c);
        walk(c.id);
      }
    };
    walk(id);
    return out;
  }

  /**
   * The units valid on `onDate` that `id` became, following successor_ids transitively: itself if
   * still valid, one unit after a merge, several after a split. Empty if the unit did not exist
   * yet on `onDate`, or ended without successor (a district in 2025).
   */
  currentSuccessors(id: string, onDate: string): Unit[] {
    const out = new Map<string, Unit>();
    const seen = new Set<string>();
    const walk = (uid: string) => {
      if (seen.has(uid)) return;
      seen.add(uid);
      const u = this.byId.get(uid);
      if (!u || u.valid_from > onDate) return;
      if (isValidOn(u, onDate)) out.set(u.id, u);
      else u.successor_ids.forEach(walk);
    };
    walk(id);
    return [...out.values()];
  }

  /** The unit itself or its recorded ancestor at `level`. */
  private atLevel(u: Unit, level: UnitLevel): Unit | undefined {
    return u.level === level ? u : this.ancestors(u.id).find((a) => a.level === level);
  }

  /**
   * Every unit at `targetLevel` a report filed under `unitId` rolls into. "as_was": the unit's
   * ancestor in the tree as recorded. "current": the ancestors of its successors valid on `onDate`
   * (several after a split). Empty where there is no unit of that level (districts after
   * 1 July 2025, or a level below the unit).
   */
  rollupTargets(unitId: string, mode: RollupMode, targetLevel: UnitLevel, onDate: string): string[] {
    const u = this.byId.get(unitId);
    if (!u) return [];
    const starts = mode === "as_was" ? [u] : this.currentSuccessors(unitId, onDate);
    const ids = starts.map((s) => this.atLevel(s, targetLevel)?.id).filter((x): x is string => !!x);
    return [...new Set(ids)];
  }

  /**
   * The first of `rollupTargets`, or null (then callers fall back to a higher level, e.g. the
   * province when the tree has no district on `onDate`).
   */
  rollupTarget(unitId: string, mode: RollupMode, targetLevel: UnitLevel, onDate: string): string | null {
    return this.rollupTargets(unitId, mode, targetLevel, onDate)[0] ?? null;
  }
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * Administrative units as data: province → (district) → commune → village, each version with its
 * validity interval and successors. GSO codes are reused by successor units (Bắc Ninh kept 24
 * when Bắc Giang merged into it on 1 July 2025), so a unit is identified by `id`, never by code.
 * A merge adds new unit versions and closes old ones; nothing is rewritten, so a report filed under
 * an old unit rolls up both "as it was" and under today's successor.
 */
import { z } from "./zod-vi";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const UNIT_LEVELS = ["province", "district", "commune", "village"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const unitSchema = z.strictObject({
  id: z.string().min(1).max(80),
  code: z.string().min(1).max(40),
  level: z.enum(UNIT_LEVELS),
  kind_vi: z.string().max(40).optional(),
  name: z.string().min(1).max(120),
  parent_id: z.string().nullable(),
  valid_from: isoDate,
  /** Exclusive: the first day the unit no longer exists. */
  valid_to: isoDate.nullable(),
  successor_ids: z.array(z.string()),
  /** Villages: the ethnic-identity task area is enabled. */
  ethnic_identity: z.boolean().optional(),
});
export type Unit = z.infer<typeof unitSchema>;

export type RollupMode = "as_was" | "current";

export function isValidOn(u: Unit, date: string): boolean {
  return u.valid_from <= date && (u.valid_to === null || date < u.valid_to);
}

export class UnitRegistry {
  private readonly byId: Map<string, Unit>;
  private readonly byParent = new Map<string, Unit[]>();

  constructor(readonly units: readonly Unit[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      if (!u.parent_id) continue;
      const list = this.byParent.get(u.parent_id) ?? [];
      list.push(u);
      this.byParent.set(u.parent_id, list);
    }
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  /** The unit with this code and level that was valid on `onDate` (codes are reused over time). */
  findByCode(code: string, level: UnitLevel, onDate: string): Unit | undefined {
    return this.units.find((u) => u.code === code && u.level === level && isValidOn(u, onDate));
  }

  children(id: string, onDate?: string): Unit[] {
    const list = this.byParent.get(id) ?? [];
    return onDate ? list.filter((u) => isValidOn(u, onDate)) : list;
  }

  /** Parent, grandparent, … as the tree was recorded (never rewritten). */
  ancestors(id: string): Unit[] {
    const out: Unit[] = [];
    const seen = new Set<string>();
    let u = this.byId.get(id);
    while (u?.parent_id && !seen.has(u.parent_id)) {
      seen.add(u.parent_id);
      u = this.byId.get(u.parent_id);
      if (u) out.push(u);
    }
    return out;
  }

  /** Units below `id` valid on `date`, optionally only of one level. */
  descendantsOn(id: string, date: string, level?: UnitLevel): Unit[] {
    const out: Unit[] = [];
    const walk = (pid: string) => {
      for (const c of this.children(pid, date)) {
        if (!level || c.level === level) out.push(c);
        walk(c.id);
      }
    };
    walk(id);
    return out;
  }

  /** The units valid on `onDate` that a unit became (itself if still valid; a split gives several). */
  currentSuccessors(id: string, onDate: string): Unit[] {
    const out = new Map<string, Unit>();
    const seen = new Set<string>();
    const walk = (uid: string) => {
      if (seen.has(uid)) return;
      seen.add(uid);
      const u = this.byId.get(uid);
      if (!u) return;
      if (isValidOn(u, onDate)) out.set(u.id, u);
      else if (u.valid_from <= onDate) u.successor_ids.forEach(walk);
    };
    walk(id);
    return [...out.values()];
  }

  /** The unit itself or its ancestor at `level`. */
  private atLevel(u: Unit, level: UnitLevel): Unit | undefined {
    return u.level === level ? u : this.ancestors(u.id).find((a) => a.level === level);
  }

  /**
   * Where a report filed under `unitId` rolls up at `targetLevel`: "as_was" follows the tree as it
   * was recorded; "current" first maps onto the successors valid on `onDate`. Empty where the tree
   * has no unit of that level (e.g. districts after 1 July 2025).
   */
  rollupTargets(unitId: string, mode: RollupMode, targetLevel: UnitLevel, onDate: string): string[] {
    const u = this.byId.get(unitId);
    if (!u) return [];
    const starts = mode === "as_was" ? [u] : this.currentSuccessors(unitId, onDate);
    const ids = starts.map((s) => this.atLevel(s, targetLevel)?.id).filter((x): x is string => !!x);
    return [...new Set(ids)];
  }

  /** The first of `rollupTargets`, or null. */
  rollupTarget(unitId: string, mode: RollupMode, targetLevel: UnitLevel, onDate: string): string | null {
    return this.rollupTargets(unitId, mode, targetLevel, onDate)[0] ?? null;
  }
}

const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };

/** Consistency of a unit data set; Vietnamese messages, empty when valid. */
export function validateUnits(units: readonly Unit[]): string[] {
  const errors: string[] = [];
  const byId = new Map<string, Unit>();
  for (const u of units) {
    if (byId.has(u.id)) errors.push(`Trùng mã định danh đơn vị ${u.id}.`);
    byId.set(u.id, u);
    if (u.valid_to !== null && u.valid_to <= u.valid_from) errors.push(`${u.name} (${u.id}): ngày hết hiệu lực phải sau ngày bắt đầu.`);
  }
  for (const u of units) {
    if (u.parent_id !== null) {
      const p = byId.get(u.parent_id);
      if (!p) errors.push(`${u.name} (${u.id}): không có đơn vị cấp trên ${u.parent_id}.`);
      else {
        if (LEVEL_RANK[p.level] >= LEVEL_RANK[u.level]) errors.push(`${u.name} (${u.id}): đơn vị cấp trên phải ở cấp cao hơn.`);
        const endsInside = (p.valid_to ?? "9999-12-31") >= (u.valid_to ?? "9999-12-31");
        if (u.valid_from < p.valid_from || !endsInside) errors.push(`${u.name} (${u.id}): thời gian hiệu lực nằm ngoài thời gian của ${p.name}.`);
      }
    } else if (u.level !== "province") {
      errors.push(`${u.name} (${u.id}): thiếu đơn vị cấp trên.`);
    }
    for (const s of u.successor_ids) if (!byId.has(s)) errors.push(`${u.name} (${u.id}): không có đơn vị kế thừa ${s}.`);
  }
  // cycles in parent or successor links
  for (const u of units) {
    for (const next of [(x: Unit) => (x.parent_id ? [x.parent_id] : []), (x: Unit) => x.successor_ids]) {
      const stack = [...next(u)];
      const seen = new Set<string>();
      while (stack.length) {
        const id = stack.pop()!;
        if (id === u.id) {
          errors.push(`${u.name} (${u.id}): liên kết vòng.`);
          break;
        }
        if (seen.has(id)) continue;
        seen.add(id);
        const x = byId.get(id);
        if (x) stack.push(...next(x));
      }
    }
  }
  // one unit per code and level at any time
  const groups = new Map<string, Unit[]>();
  for (const u of units) groups.set(`${u.level}|${u.code}`, [...(groups.get(`${u.level}|${u.code}`) ?? []), u]);
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const overlap = a.valid_from < (b.valid_to ?? "9999-12-31") && b.valid_from < (a.valid_to ?? "9999-12-31");
        if (overlap) errors.push(`Mã ${a.code} (${a.level}) dùng cho hai đơn vị cùng lúc: ${a.id}, ${b.id}.`);
      }
  }
  return errors;
}

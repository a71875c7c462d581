/**
 * Administrative units as data: province → (district) → commune → village, each version with its
 * validity interval and successors. GSO codes are reused by successor units (Bắc Ninh kept 24
 * when Bắc Giang merged into it on 1 July 2025), so a unit is identified by `id`, never by code.
 * A merge adds new unit versions and closes old ones; nothing is rewritten, so a report filed under
 * an old unit rolls up both "as it was" and under today's successor. Since 1 July 2025 the tree has
 * two levels (province → commune → village): the logic never assumes a district exists.
 *
 * Dates are "yyyy-MM-dd" strings (calendar days in Vietnam), compared as strings.
 */
import { nfc } from "./text";
import * as z from "./zod-vi";

export const UNIT_LEVELS = ["province", "district", "commune", "village"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export type RollupMode = "as_was" | "current";

const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };
const LEVEL_LETTER: Record<UnitLevel, string> = { province: "P", district: "D", commune: "C", village: "V" };
const LEVEL_VI: Record<UnitLevel, string> = { province: "tỉnh", district: "huyện", commune: "xã", village: "thôn" };

/**
 * Shape of `code` by level: GSO province 2 digits, district 3, commune 5; a village (no GSO code)
 * is its commune's code + "-" + a short code, e.g. "07576-QT".
 */
export const UNIT_CODE_PATTERNS: Record<UnitLevel, RegExp> = {
  province: /^\d{2}$/,
  district: /^\d{3}$/,
  commune: /^\d{5}$/,
  village: /^\d{5}-[A-Z0-9][A-Z0-9._-]{0,39}$/,
};

const CODE_HINT: Record<UnitLevel, string> = {
  province: "2 chữ số",
  district: "3 chữ số",
  commune: "5 chữ số",
  village: 'mã xã + "-" + mã thôn, ví dụ 07576-QT',
};

/** A real calendar day, "yyyy-MM-dd". */
const isoDate = z.iso.date();
/** Text stored as NFC, trimmed, single spaces (see `nfc` in ./text). */
const nfcText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s === nfc(s), { error: "Phải ở dạng chuẩn Unicode NFC, không thừa dấu cách." });

export const unitSchema = z
  .strictObject({
    /** Unique forever, by convention level letter + code + valid_from: "C:07576@2021-02-03" (see `unitId`). */
    id: z.string().min(1).max(80),
    code: z.string().min(1).max(46),
    level: z.enum(UNIT_LEVELS),
    /** "tỉnh", "huyện", "thị xã", "xã", "phường", "thị trấn", "thôn", … */
    kind_vi: nfcText(40).optional(),
    name: nfcText(120),
    parent_id: z.string().min(1).nullable(),
    valid_from: isoDate,
    /** Exclusive: the first day the unit no longer exists. */
    valid_to: isoDate.nullable(),
    successor_ids: z.array(z.string().min(1)),
    /**
     * The successors that took in only part of the unit (the 2025 conversion's "Nhập một phần"):
     * a subset of successor_ids; the others took it whole. Absent when every successor took it whole.
     */
    partial_successor_ids: z.array(z.string().min(1)).min(1).optional(),
    /** The unit ended and the sources do not say what it became (not: abolished, like the districts in 2025). */
    successor_unknown: z.literal(true).optional(),
    /** Villages: the ethnic-identity task area is enabled. */
    ethnic_identity: z.boolean().optional(),
  })
  .superRefine((u, ctx) => {
    if (!UNIT_CODE_PATTERNS[u.level].test(u.code)) {
      ctx.addIssue({ code: "custom", path: ["code"], message: `Mã ${LEVEL_VI[u.level]} phải gồm ${CODE_HINT[u.level]}.` });
    }
  });
export type Unit = z.infer<typeof unitSchema>;

/** The conventional id of a unit version: `unitId("commune", "07576", "2021-02-03")` = "C:07576@2021-02-03". */
export function unitId(level: UnitLevel, code: string, validFrom: string): string {
  return `${LEVEL_LETTER[level]}:${code}@${validFrom}`;
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/** "Xã Hồng Giang": the name as stored when it already starts with its kind, else kind + name. */
export function unitLabel(u: Pick<Unit, "kind_vi" | "level" | "name">): string {
  const kind = u.kind_vi ?? LEVEL_VI[u.level];
  const lower = (x: string) => nfc(x).toLocaleLowerCase("vi"); // keeps diacritics: "Phượng Sơn" is not "phường …"
  return lower(u.name).startsWith(`${lower(kind)} `) ? u.name : `${capitalize(kind)} ${u.name}`;
}

/** Whether the unit exists on `date` (valid_from inclusive, valid_to exclusive). */
export function isValidOn(u: Pick<Unit, "valid_from" | "valid_to">, date: string): boolean {
  return u.valid_from <= date && (u.valid_to === null || date < u.valid_to);
}

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

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const END = "9999-12-31";

/**
 * Consistency of a unit data set (each unit already passed `unitSchema`): unique ids, parents that
 * exist at a higher level and cover the child's validity, successors that exist at the same level
 * on the day the unit ends, no cycles, one unit per code and level at any time. Vietnamese messages,
 * empty when valid.
 */
export function validateUnits(units: readonly Unit[]): string[] {
  const errors: string[] = [];
  const byId = new Map<string, Unit>();
  const label = (u: Unit) => `${u.name} (${u.id})`;
  for (const u of units) {
    if (byId.has(u.id)) errors.push(`Trùng mã định danh đơn vị ${u.id}.`);
    byId.set(u.id, u);
  }
  for (const u of units) {
    if (u.valid_to !== null && u.valid_to <= u.valid_from) errors.push(`${label(u)}: ngày hết hiệu lực phải sau ngày bắt đầu.`);
    if (u.ethnic_identity !== undefined && u.level !== "village") errors.push(`${label(u)}: chỉ thôn mới có nhiệm vụ bản sắc dân tộc.`);

    if (u.parent_id === null) {
      if (u.level !== "province") errors.push(`${label(u)}: thiếu đơn vị cấp trên.`);
    } else {
      const p = byId.get(u.parent_id);
      if (!p) errors.push(`${label(u)}: không có đơn vị cấp trên ${u.parent_id}.`);
      else {
        if (LEVEL_RANK[p.level] >= LEVEL_RANK[u.level]) errors.push(`${label(u)}: đơn vị cấp trên phải ở cấp cao hơn.`);
        else if (u.level === "village" && p.level !== "commune") errors.push(`${label(u)}: thôn phải thuộc một xã.`);
        if (u.valid_from < p.valid_from || (u.valid_to ?? END) > (p.valid_to ?? END)) {
          errors.push(`${label(u)}: thời gian hiệu lực nằm ngoài thời gian của ${p.name}.`);
        }
      }
    }

    if (u.successor_ids.length > 0 && u.valid_to === null) errors.push(`${label(u)}: còn hiệu lực nhưng đã có đơn vị kế thừa.`);
    if (u.successor_unknown && (u.valid_to === null || u.successor_ids.length > 0)) {
      errors.push(`${label(u)}: chỉ đơn vị đã kết thúc và không có đơn vị kế thừa mới được ghi "không rõ đơn vị kế thừa".`);
    }
    for (const sid of u.partial_successor_ids ?? []) {
      if (!u.successor_ids.includes(sid)) errors.push(`${label(u)}: ${sid} nhận một phần nhưng không có trong danh sách đơn vị kế thừa.`);
    }
    for (const sid of u.successor_ids) {
      const s = byId.get(sid);
      if (!s) errors.push(`${label(u)}: không có đơn vị kế thừa ${sid}.`);
      else if (s.level !== u.level) errors.push(`${label(u)}: đơn vị kế thừa ${sid} phải cùng cấp.`);
      else if (u.valid_to !== null && !isValidOn(s, u.valid_to)) {
        errors.push(`${label(u)}: đơn vị kế thừa ${sid} phải còn hiệu lực vào ngày ${u.valid_to}.`);
      }
    }
  }

  const parentOf = (x: Unit) => (x.parent_id ? [x.parent_id] : []);
  const successorsOf = (x: Unit) => x.successor_ids;
  for (const [next, what] of [
    [parentOf, "cấp trên"],
    [successorsOf, "kế thừa"],
  ] as const) {
    for (const u of units) if (reaches(byId, next, u)) errors.push(`${label(u)}: liên kết ${what} tạo thành vòng.`);
  }

  const groups = new Map<string, Unit[]>();
  for (const u of units) push(groups, `${u.level}|${u.code}`, u);
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.valid_from < (b.valid_to ?? END) && b.valid_from < (a.valid_to ?? END)) {
          errors.push(`Mã ${a.code} (${LEVEL_VI[a.level]}) dùng cho hai đơn vị cùng lúc: ${a.id}, ${b.id}.`);
        }
      }
    }
  }
  return errors;
}

/** Whether following `next` from `u` leads back to `u`. */
function reaches(byId: Map<string, Unit>, next: (x: Unit) => readonly string[], u: Unit): boolean {
  const stack = [...next(u)];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === u.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const x = byId.get(id);
    if (x) stack.push(...next(x));
  }
  return false;
}

/**
 * One administrative unit version: levels, GSO code shapes, the zod schema, ids, labels and
 * validity. Dates are "yyyy-MM-dd" strings (calendar days in Vietnam), compared as strings.
 */
import { nfc } from "../text";
import * as z from "../zod-vi";

export const UNIT_LEVELS = ["province", "district", "commune", "village"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export type RollupMode = "as_was" | "current";

export const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };
const LEVEL_LETTER: Record<UnitLevel, string> = { province: "P", district: "D", commune: "C", village: "V" };
export const LEVEL_VI: Record<UnitLevel, string> = { province: "tỉnh", district: "huyện", commune: "xã", village: "thôn" };

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
/** Text stored as NFC, trimmed, single spaces (see `nfc` in ../text). */
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

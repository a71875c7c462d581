/**
 * "Chuyển đổi thôn": where each village of a commune split by the 2025 reform went. The conversion
 * table of 1 July 2025 names the new communes that each took part of an old one ("Nhập một phần"),
 * not which villages went where; the commune's clerk (in the add-on) or an operator (admin API) says
 * so once, village by village, choosing only among those successors. Here: the API's shapes, how a
 * choice is written in a cell, and the one check both the add-on (on the sheet's cells) and the worker
 * (on the request) run. The rollups that follow the mapping: worker/src/rollup/groups.ts.
 */
import type { Issue } from "./issues";
import { fold, nfc } from "./text";
import * as z from "./zod-vi";

/** The add-on's sheet. Not a template of ./templates.ts: it is sent on its own, not in the weekly envelope. */
export const VILLAGE_MOVES_SHEET = {
  title: "Chuyển đổi thôn",
  columns: {
    village_code: { header: "Mã thôn", width: 90 },
    village_name: { header: "Tên thôn", width: 180 },
    successor: {
      header: "Đơn vị mới",
      width: 280,
      note: 'Chọn xã, phường mới mà thôn chuyển về (chỉ các đơn vị nhận một phần xã theo bảng chuyển đổi). Chọn "Chưa rõ" nếu chưa biết.',
    },
  },
} as const;
export type VillageMoveColumn = keyof typeof VILLAGE_MOVES_SHEET.columns;

/** A cell or a request saying the successor is not known yet. */
export const UNKNOWN_SUCCESSOR = "Chưa rõ";

const unitRef = z.strictObject({ id: z.string().min(1).max(80), code: z.string().min(1).max(46), label: z.string().min(1).max(200) });
export type SuccessorRef = z.output<typeof unitRef>;

/** A village code as the register sheets write it (shared/cells/text.ts `code`). */
const villageCode = z
  .string()
  .transform((v) => nfc(v).toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, { error: 'Mã thôn chỉ gồm chữ không dấu, số và dấu "-".' }));

/** `GET /api/village-successors` (commune token) and `POST /api/admin/village-successors/query` (admin). */
export const villageMovesViewSchema = z.strictObject({
  /** The unit that was split (the conversion table's old unit). */
  commune: unitRef.extend({ valid_to: z.string().nullable() }),
  /** The new units that took part of it: the only choices. */
  successors: z.array(unitRef),
  /** Its villages (from its registers) with the successor each went to, null while unknown. */
  villages: z.array(
    z.strictObject({
      village_code: z.string(),
      village_name: z.string().nullable(),
      successor_id: z.string().nullable(),
      /** Who said so and when: "commune" (the clerk's add-on) or "admin" (an operator). */
      set_by: z.string().nullable(),
      set_at: z.string().nullable(),
    }),
  ),
});
export type VillageMovesView = z.output<typeof villageMovesViewSchema>;

/** One village in a request: its code, the successor (unit id, GSO code or the choice text; null = not known yet). */
export const villageMoveSchema = z.strictObject({
  village_code: villageCode,
  successor: z.string().max(200).nullable(),
  /** The sheet row it came from, so a refusal names the cell. */
  row: z.number().int().min(2).max(100_000).optional(),
});

/**
 * `PUT /api/village-successors` (commune token): the whole mapping of the commune's villages; a village
 * left out is "not known yet". `POST /api/admin/village-successors` adds the commune's unit id.
 */
export const villageMovesBodySchema = z.strictObject({ villages: z.array(villageMoveSchema).max(2000) });
export const villageMovesAdminBodySchema = villageMovesBodySchema.extend({ commune_id: z.string().min(1).max(80) });

/** The answer of a PUT: the mapping as stored. */
export const villageMovesResultSchema = z.strictObject({
  commune_id: z.string(),
  mapped: z.number().int().min(0),
  unknown: z.number().int().min(0),
});
export type VillageMovesResult = z.output<typeof villageMovesResultSchema>;

/** How a successor is written in the sheet's dropdown: "Phường Ngọc Hà (00008)". */
export const successorChoice = (s: Pick<SuccessorRef, "code" | "label">) => `${s.label} (${s.code})`;

const blank = (s: string) => s === "" || fold(s) === fold(UNKNOWN_SUCCESSOR);

/**
 * The successor a cell or a request names — by unit id, by GSO code, or by its choice text (and a code in
 * brackets) — among `successors`; null for a blank cell or "Chưa rõ"; undefined when it names none of them.
 */
export function resolveSuccessor(value: string | null, successors: readonly SuccessorRef[]): SuccessorRef | null | undefined {
  const s = nfc(value ?? "").trim();
  if (blank(s)) return null;
  const code = /\((\d{5})\)\s*$/.exec(s)?.[1] ?? (/^\d{5}$/.test(s) ? s : undefined);
  const folded = fold(s);
  return successors.find((u) => u.id === s || u.code === code || fold(successorChoice(u)) === folded || fold(u.label) === folded);
}

export interface VillageMoveRow {
  /** Sheet row, or null for a request without rows. */
  row: number | null;
  village_code: string;
  successor: string | null;
}

export interface VillageMoveContext {
  /** "Phường Cống Vị": the unit that was split. */
  commune: string;
  successors: readonly SuccessorRef[];
  /** The commune's village codes (from its registers); null: not known, not checked. */
  villages: ReadonlySet<string> | null;
}

export interface VillageMoveCheck {
  issues: Issue[];
  /** The mapping the rows say, when there is no error: village code → successor id (null: not known yet). */
  moves: { village_code: string; successor_id: string | null }[];
}

/**
 * Check a mapping: every village once and known, every successor one of the conversion's. Issues carry
 * `sheet: null` (the sheet is not a template of the weekly envelope), the row and the column key of
 * VILLAGE_MOVES_SHEET, with the sheet named in the message.
 */
export function checkVillageMoves(rows: readonly VillageMoveRow[], ctx: VillageMoveContext): VillageMoveCheck {
  const issues: Issue[] = [];
  const seen = new Map<string, number | null>();
  const moves: VillageMoveCheck["moves"] = [];
  const where = (row: number | null, column: VillageMoveColumn) =>
    `Trang "${VILLAGE_MOVES_SHEET.title}"${row !== null ? `, dòng ${row}` : ""}, cột "${VILLAGE_MOVES_SHEET.columns[column].header}"`;
  const issue = (row: number | null, column: VillageMoveColumn, code: string, message: string) =>
    issues.push({ sheet: null, row, column, code, severity: "error", message_vi: `${where(row, column)}: ${message}` });
  const choices = [...ctx.successors.map(successorChoice), UNKNOWN_SUCCESSOR].join("; ");

  for (const r of rows) {
    const code = nfc(r.village_code).toUpperCase();
    if (!code) {
      issue(r.row, "village_code", "required", "Chưa có mã thôn.");
      continue;
    }
    if (seen.has(code)) {
      const first = seen.get(code);
      issue(r.row, "village_code", "duplicate", `Thôn "${code}" đã có${first !== null && first !== undefined ? ` ở dòng ${first}` : ""}.`);
      continue;
    }
    seen.set(code, r.row);
    if (ctx.villages && !ctx.villages.has(code)) {
      issue(r.row, "village_code", "unknown_village", `Thôn "${code}" không có trong danh sách thôn của ${ctx.commune}.`);
    }
    const successor = resolveSuccessor(r.successor, ctx.successors);
    if (successor === undefined) {
      issue(
        r.row,
        "successor",
        "not_a_successor",
        `"${nfc(r.successor ?? "").trim()}" không phải đơn vị nhận một phần ${ctx.commune} theo bảng chuyển đổi ngày 01/07/2025. Chọn một trong: ${choices}.`,
      );
      continue;
    }
    moves.push({ village_code: code, successor_id: successor?.id ?? null });
  }
  return { issues, moves: issues.length ? [] : moves };
}

/**
 * Column types: how one cell is read, checked and normalised. Each builder returns a
 * `ColumnSpec` that carries the header, the help note, what the add-on needs to build data
 * validation, and the zod schema both the add-on and the worker parse the cell with — a column
 * is defined once. Schemas are idempotent: a parsed value parses to itself, so the worker can
 * re-validate what the add-on sent.
 */

import { TZDate } from "@date-fns/tz";
import { isExists, isValid, lightFormat } from "date-fns";
import { codesOf, type Vocabulary } from "./enums";
import { type PeriodKind, parsePeriodKey } from "./periods";
import { fold, nfc } from "./text";
import * as z from "./zod-vi";

export type ColumnType = "text" | "name" | "names" | "code" | "phone" | "int" | "date" | "enum" | "bool" | "period";

/** The zod schema of a column: required columns give T, optional ones T | undefined (key optional). */
export type ColumnSchema<T, R extends boolean> = R extends true ? z.ZodType<T, unknown> : z.ZodOptional<z.ZodType<T, unknown>>;

export interface ColumnSpec<T = unknown, S extends z.ZodType = z.ZodType> {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  /** Labels offered in a dropdown (enum, bool). */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Period kinds accepted by a `period` column. */
  periodKinds?: readonly PeriodKind[];
  /** Help note shown on the header cell. */
  note: string;
  /** Column width in pixels for the sheet. */
  width: number;
  schema: S;
  /** Phantom: the value type. */
  readonly _value?: T;
}

interface Base {
  header: string;
  note?: string;
  width?: number;
}

/** Blank cells ("", spaces, invisible characters only, null) read as undefined. */
export function blankToUndefined(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" && nfc(v) === "") return undefined;
  return v;
}

function msgRequired(header: string) {
  return `Chưa nhập "${header}".`;
}

/** Wrap a value schema as required or optional, with a Vietnamese message for a blank cell. */
function finish<T, R extends boolean>(
  key: string,
  base: Base,
  type: ColumnType,
  required: R,
  inner: z.ZodType<T>,
  extra: Partial<ColumnSpec<T>> = {},
  defaultNote = "",
): Col<R, T> {
  const requiredSchema = z.preprocess(
    blankToUndefined,
    z
      .unknown()
      .superRefine((v, ctx) => {
        if (v === undefined) ctx.addIssue({ code: "custom", message: msgRequired(base.header), params: { code: "required" } });
      })
      .pipe(inner),
  ) as unknown as z.ZodType<T>;
  const optionalSchema = z.preprocess(blankToUndefined, inner.optional()) as unknown as z.ZodType<T>;
  return {
    key,
    header: base.header,
    type,
    required,
    note: base.note ?? defaultNote,
    width: base.width ?? 140,
    ...extra,
    schema: (required ? requiredSchema : optionalSchema) as ColumnSchema<T, R>,
  } as Col<R, T>;
}

/** What a column builder returns. */
export type Col<R extends boolean, T> = ColumnSpec<T, ColumnSchema<T, R>>;

// ---------- text ----------

export function text<R extends boolean>(key: string, required: R, base: Base & { max?: number }): Col<R, string> {
  const max = base.max ?? 1000;
  const inner = z
    .union([z.string(), z.number()], { error: `"${base.header}" phải là chữ.` })
    .transform((v) => nfc(String(v)))
    .pipe(z.string().max(max, { error: `"${base.header}" dài quá ${max} ký tự.` }));
  return finish(key, base, "text", required, inner, {}, `Tối đa ${max} ký tự.`);
}

/** Letters a name needs at least ("x" is not a name; "Tư" is). Two words are asked for by a warning (shared/rules/names.ts). */
export const NAME_MIN_LETTERS = 2;

/**
 * What is wrong with a person's name, in Vietnamese, saying which problem it is: a formula pasted
 * as text, digits, symbols, not starting with a letter, too short; null when nothing is. A name
 * holds letters (with their diacritics), spaces, and . ' - between them.
 */
export function nameProblem(header: string, v: string): string | null {
  const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  if (v.startsWith("=")) return `"${header}" là một công thức ("${shown}"), không phải họ tên: hãy gõ họ tên bằng chữ.`;
  const digits = v.match(/\p{N}/gu);
  if (digits) return `"${header}" có chữ số ("${shown}"): họ tên chỉ gồm chữ cái, không có số.`;
  const symbols = [...new Set(v.match(/[^\p{L}\p{M} .'-]/gu) ?? [])];
  if (symbols.length) {
    return `"${header}" có ký hiệu không dùng trong họ tên: ${symbols.map((c) => `"${c}"`).join(", ")}. Họ tên chỉ gồm chữ cái và dấu cách.`;
  }
  if (!/^\p{L}/u.test(v)) return `"${header}" phải bắt đầu bằng chữ cái ("${shown}").`;
  if ((v.match(/\p{L}/gu) ?? []).length < NAME_MIN_LETTERS) {
    return `"${header}" quá ngắn ("${shown}"): hãy ghi đủ họ và tên, ví dụ Nguyễn Văn An.`;
  }
  return null;
}

/** A zod check that reports `nameProblem` (code invalid_format, as the API has always said). */
const nameCheck = (header: string, suffix = "") =>
  z.string().superRefine((v, ctx) => {
    const problem = nameProblem(header, v);
    if (problem) ctx.addIssue({ code: "custom", message: problem + suffix, params: { code: "invalid_format" } });
  });

/** A person's name: NFC, single spaces, letters (see `nameProblem`). */
export function name<R extends boolean>(key: string, required: R, base: Base): Col<R, string> {
  const inner = z
    .string({ error: `"${base.header}" phải là họ và tên (chữ).` })
    .transform((v) => nfc(v))
    .pipe(
      z
        .string()
        .max(100, { error: `"${base.header}" dài quá 100 ký tự.` })
        .pipe(nameCheck(base.header)),
    );
  return finish(key, base, "name", required, inner, {}, "Họ và tên đầy đủ, có dấu.");
}

/**
 * A list of people in one cell, as the plan's form writes it: "1. Nguyễn Thị A; 2. Hoàng Văn B:".
 * Numbering and trailing colons are dropped; separators are ";", newline or ",".
 */
export function splitNames(cell: string): string[] {
  return cell
    .split(/[;\n,]+/)
    .map((p) => nfc(p.replace(/^\s*\d+\s*[.)/-]?\s*/, "").replace(/[:.]+\s*$/, "")))
    .filter((p) => p.length > 0);
}

export function names<R extends boolean>(key: string, required: R, base: Base): Col<R, string[]> {
  const person = z
    .string()
    .max(100, { error: `"${base.header}": mỗi họ tên tối đa 100 ký tự.` })
    .pipe(nameCheck(base.header, ' Mỗi người là một họ tên, cách nhau bởi dấu ";".'));
  const inner = z
    .union([z.string(), z.array(z.string())], { error: `"${base.header}" phải là danh sách họ tên.` })
    .transform((v) => (Array.isArray(v) ? v.map(nfc).filter(Boolean) : splitNames(v)))
    .pipe(
      z
        .array(person)
        .min(1, { error: msgRequired(base.header) })
        .max(5, { error: `"${base.header}": tối đa 5 người.` }),
    );
  return finish(key, base, "names", required, inner, {}, 'Ví dụ: "1. Nguyễn Thị A; 2. Hoàng Văn B".');
}

/** A short identifier (team code, household code): letters, digits, - _ . ; stored upper-case. */
export function code<R extends boolean>(key: string, required: R, base: Base): Col<R, string> {
  const inner = z
    .union([z.string(), z.number()], { error: `"${base.header}" phải là mã.` })
    .transform((v) => nfc(String(v)).toUpperCase())
    .pipe(
      z
        .string()
        .regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, { error: `"${base.header}" chỉ gồm chữ không dấu, số và dấu "-" (tối đa 40 ký tự).` }),
    );
  return finish(key, base, "code", required, inner, {}, 'Chữ không dấu, số và dấu "-".');
}

/** Vietnamese phone number: 10 digits starting with 0 (a leading 0 lost by a number cell is restored), or +84. */
export function phone<R extends boolean>(key: string, required: R, base: Base): Col<R, string> {
  const inner = z
    .union([z.string(), z.number()], { error: `"${base.header}" phải là số điện thoại.` })
    .transform((v) => {
      let s = String(v).replace(/[\s.()-]/g, "");
      if (s.startsWith("+84")) s = `0${s.slice(3)}`;
      if (/^[1-9]\d{8}$/.test(s)) s = `0${s}`;
      return s;
    })
    .pipe(z.string().regex(/^0\d{9}$/, { error: `"${base.header}" phải có 10 chữ số, bắt đầu bằng 0.` }));
  return finish(key, base, "phone", required, inner, {}, "10 chữ số, ví dụ 0912345678.");
}

// ---------- numbers ----------

/**
 * Read a number as typed in a Vietnamese sheet: " 4 " → 4, "1.975" → 1975 (dot as thousands
 * separator), "1,975" → 1975. Anything else that is not a plain number stays as it is and fails.
 */
export function readNumber(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = v.trim().replace(/\s+/g, "");
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ""));
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return v;
}

/**
 * The message for a year below `min`: a year needs its 4 digits, and a 2-digit one ("75") gets the
 * years it may mean (1975; for 00–29 also 20xx). The cell is never changed: the clerk decides.
 */
export function shortYearMessage(header: string, v: unknown, min: number, max: number): string {
  const n = typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 100 ? v : null;
  const base = `"${header}" phải ghi đủ 4 chữ số (từ ${min} đến ${max})`;
  if (n === null) return `${base}.`;
  const yy = String(n).padStart(2, "0");
  const guesses = n < 30 ? `19${yy} hay 20${yy}` : `19${yy}`;
  return `${base}: "${n}" có phải là năm ${guesses}? Hãy sửa lại trong ô.`;
}

export function int<R extends boolean>(
  key: string,
  required: R,
  base: Base & { min: number; max: number; year?: boolean },
): Col<R, number> {
  const { header, min, max } = base;
  const tooSmall = (v: unknown) =>
    base.year ? shortYearMessage(header, v, min, max) : min === 0 ? `"${header}" không được âm.` : `"${header}" phải từ ${min} đến ${max}.`;
  const inner = z.preprocess(
    readNumber,
    z
      .number({ error: `"${header}" phải là số.` })
      .int({ error: `"${header}" phải là số nguyên.` })
      .min(min, { error: (iss) => tooSmall(iss.input) })
      .max(max, { error: `"${header}" phải từ ${min} đến ${max}.` }),
  ) as unknown as z.ZodType<number>;
  return finish(key, base, "int", required, inner, { min, max }, `Số nguyên từ ${min} đến ${max}.`);
}

// ---------- dates ----------

const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * The typed forms date-fns' `parse` read here with "yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"
 * (1–2 digit day and month, one separator): matched directly, so the add-on bundle does not carry
 * every date-fns parser (issue 18: ~40 KB); `isExists` refuses days like 31/02.
 */
const YMD = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/;
const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{1,4})$/;

/**
 * Read a date cell as a calendar date 'yyyy-MM-dd' in Vietnam time: a Date (what Sheets'
 * getValues returns), 'yyyy-MM-dd', 'd/M/yyyy' or a Sheets serial day number.
 */
export function readDate(v: unknown): unknown {
  if (v instanceof Date) {
    return isValid(v) ? lightFormat(new TZDate(v.getTime(), "Asia/Ho_Chi_Minh"), "yyyy-MM-dd") : v;
  }
  if (typeof v === "number" && Number.isInteger(v) && v > 0 && v < 100000) {
    return new Date(SHEETS_EPOCH_MS + v * 86400000).toISOString().slice(0, 10);
  }
  if (typeof v !== "string") return v;
  const s = v.trim();
  const ymd = YMD.exec(s);
  const dmy = ymd ? null : DMY.exec(s);
  const [y, m, d] = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[4], dmy[3], dmy[1]] : [];
  if (y && Number(y) >= 1000 && isExists(Number(y), Number(m) - 1, Number(d))) return `${y}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
  return v;
}

export function date<R extends boolean>(key: string, required: R, base: Base): Col<R, string> {
  const inner = z.preprocess(
    readDate,
    z
      .string({ error: `"${base.header}" phải là ngày (dd/MM/yyyy).` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `"${base.header}" phải là ngày dạng dd/MM/yyyy.` })
      .refine((s) => s >= "2000-01-01" && s <= "2100-12-31", { error: `"${base.header}" nằm ngoài khoảng 2000–2100.` }),
  ) as unknown as z.ZodType<string>;
  return finish(key, base, "date", required, inner, {}, "Ngày dạng dd/MM/yyyy.");
}

// ---------- choices ----------

/** Match a cell against a vocabulary by code or by label, ignoring case and diacritics. */
export function readChoice<C extends string>(vocab: Vocabulary<C>): (v: unknown) => unknown {
  const index = new Map<string, C>();
  for (const [c, label] of Object.entries(vocab) as [C, string][]) {
    index.set(fold(c), c);
    index.set(fold(label), c);
  }
  return (v) => (typeof v === "string" ? (index.get(fold(v)) ?? v) : v);
}

export function choice<C extends string, R extends boolean>(key: string, required: R, base: Base & { vocab: Vocabulary<C> }): Col<R, C> {
  const labels = Object.values(base.vocab) as string[];
  const inner = z.preprocess(
    readChoice(base.vocab),
    z.enum(codesOf(base.vocab), { error: `"${base.header}" phải là một trong: ${labels.join("; ")}.` }),
  ) as unknown as z.ZodType<C>;
  return finish(key, base, "enum", required, inner, { values: labels }, `Chọn trong danh sách: ${labels.join("; ")}.`);
}

export const YES_NO = { yes: "Có", no: "Không" } as const;

function readBool(v: unknown): unknown {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : v;
  if (typeof v !== "string") return v;
  const f = fold(v);
  if (["co", "yes", "x", "true", "1", "c"].includes(f)) return true;
  if (["khong", "no", "false", "0", "k"].includes(f)) return false;
  return v;
}

export function bool<R extends boolean>(key: string, required: R, base: Base): Col<R, boolean> {
  const inner = z.preprocess(
    readBool,
    z.boolean({ error: `"${base.header}" phải là "Có" hoặc "Không".` }),
  ) as unknown as z.ZodType<boolean>;
  return finish(key, base, "bool", required, inner, { values: [YES_NO.yes, YES_NO.no] }, 'Chọn "Có" hoặc "Không".');
}

/** A reporting period key of the given kinds, e.g. '2022-W03', '2022-Q1', '2022'. */
export function period<R extends boolean>(
  key: string,
  required: R,
  base: Base & { kinds: readonly PeriodKind[]; example: string },
): Col<R, string> {
  const inner = z.union([z.string(), z.number()], { error: `"${base.header}" phải là kỳ, ví dụ ${base.example}.` }).transform((v, ctx) => {
    const p = parsePeriodKey(String(v));
    if (!p || !base.kinds.includes(p.kind)) {
      ctx.addIssue({
        code: "custom",
        message: `"${base.header}" không đúng dạng kỳ, ví dụ ${base.example}.`,
        params: { code: "invalid_period" },
      });
      return z.NEVER;
    }
    return p.key;
  });
  return finish(key, base, "period", required, inner, { periodKinds: base.kinds }, `Ví dụ ${base.example}.`);
}

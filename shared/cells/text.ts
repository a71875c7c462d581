/** Text-like columns: free text, a person's name, a list of names, a code, a phone number. */
import { nfc } from "../text";
import * as z from "../zod-vi";
import { type Base, type Col, finish, msgRequired } from "./spec";

const fmt = (n: number) => n.toLocaleString("vi-VN");

/** Free text of at most `max` characters (default 1,000), NFC; the limit is in the header's note. */
export function text<R extends boolean>(key: string, required: R, base: Base & { max?: number }): Col<R, string> {
  const max = base.max ?? 1000;
  const inner = z
    .union([z.string(), z.number()], { error: `"${base.header}" phải là chữ.` })
    .transform((v) => nfc(String(v)))
    .pipe(
      z.string().max(max, {
        error: (iss) => `"${base.header}" dài quá ${fmt(max)} ký tự (ô đang có ${fmt(String(iss.input).length)} ký tự): hãy viết gọn lại.`,
      }),
    );
  return finish(key, base, "text", required, inner, { max }, `Tối đa ${fmt(max)} ký tự.`);
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

/** Whole-number columns, and numbers as typed in a Vietnamese sheet ("1.975" → 1975). */
import * as z from "../zod-vi";
import { type Base, type Col, finish } from "./spec";

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

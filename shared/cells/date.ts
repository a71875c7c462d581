/** Date columns: a calendar day in Vietnam time from a Sheets date, a serial day or typed text. */
import { TZDate } from "@date-fns/tz";
import { isExists, isValid, lightFormat } from "date-fns";
import * as z from "../zod-vi";
import { type Base, type Col, finish } from "./spec";

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

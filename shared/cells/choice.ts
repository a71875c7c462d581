/** Columns with a closed set of answers: a vocabulary (by code or label) and yes/no. */
import { codesOf, type Vocabulary } from "../enums";
import { fold } from "../text";
import * as z from "../zod-vi";
import { type Base, type Col, finish } from "./spec";

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

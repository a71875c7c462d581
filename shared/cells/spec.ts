/**
 * What every column type shares: the `ColumnSpec` a builder returns (header, help note, what the
 * add-on needs for data validation, and the zod schema both the add-on and the worker parse the cell
 * with), blank cells, and the required/optional wrapper the builders finish with.
 */

import type { FigureGroup } from "../enums";
import type { PeriodKind } from "../periods";
import { nfc } from "../text";
import * as z from "../zod-vi";

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
  /** A count the rollup sums, and where (./count.ts). */
  figure?: CountFigure;
  schema: S;
  /** Phantom: the value type. */
  readonly _value?: T;
}

export interface Base {
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

export function msgRequired(header: string) {
  return `Chưa nhập "${header}".`;
}

/** Wrap a value schema as required or optional, with a Vietnamese message for a blank cell. */
export function finish<T, R extends boolean>(
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

/** Where the rollup sums a count column (./count.ts). */
export interface CountFigure<G extends FigureGroup = FigureGroup> {
  /** Where the rollup sums the count. */
  group: G;
  /** A short header for narrow tables (the page's breakdown); the header otherwise. */
  short?: string;
  /** Shown as a bar chart per commune, village or team on the page. */
  chart?: boolean;
  /** Its line in the team's weekly Zalo message, without ":" (shared/zalo/form.ts); the header otherwise. */
  zalo?: string;
  /** Other ways team leaders write it in a Zalo reply, compared without case, diacritics or punctuation (shared/zalo/labels.ts). */
  words?: readonly string[];
  /**
   * The evaluation draft's activity criterion that sums it per week (shared/evaluation/criteria.ts):
   * "TT" propaganda on loudspeakers and Zalo, "HO" households visited.
   */
  criterion?: "TT" | "HO";
}

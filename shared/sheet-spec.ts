/**
 * The shape of a sheet's spec (./templates.ts lists every sheet): its title, part, natural key and
 * columns built with ./cells. Apart from templates.ts so a sheet may be specified in its own module
 * (./report-sheet.ts) without an import cycle.
 */
import type { ColumnSpec } from "./cells";
import type * as z from "./zod-vi";

// biome-ignore lint/suspicious/noExplicitAny: a sheet's columns hold specs of different value types; `unknown` would make ColumnSpec<string> not assignable (parameter variance).
export type Columns = Record<string, ColumnSpec<any, z.ZodType>>;

export interface SheetSpec<K extends string = string, C extends Columns = Columns> {
  key: K;
  /** Sheet (tab) name in the spreadsheet. */
  title: string;
  /** Heading above the table, as on the plan's forms. */
  description: string;
  /** Part of the commune register (replaced whole on each submission) or a log (upserted). */
  part: "register" | "log";
  /** Column keys that identify a row (natural key). */
  naturalKey: readonly (keyof C & string)[];
  columns: C;
}

/** A sheet spec, its key and columns kept as literal types. */
export function sheet<K extends string, C extends Columns>(spec: SheetSpec<K, C>): SheetSpec<K, C> {
  return spec;
}

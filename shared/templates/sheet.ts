/** What a sheet's spec is (../templates.ts lists every sheet): its title, part, natural key and columns. */
import type { ColumnSpec } from "../cells";
import type * as z from "../zod-vi";

// biome-ignore lint/suspicious/noExplicitAny: a sheet's columns hold specs of different value types; `unknown` would make ColumnSpec<string> not assignable (parameter variance).
export type Columns = Record<string, ColumnSpec<any, z.ZodType>>;

export interface SheetSpec<K extends string = string, C extends Columns = Columns> {
  key: K;
  /** Sheet (tab) name in the spreadsheet. */
  title: string;
  /** Heading above the table, as on the plan's forms. */
  description: string;
  /**
   * "register": the commune register, replaced whole on each submission, which must carry it;
   * "roster": a small list (the steering committee) replaced whole when its sheet is sent — a sheet
   * not sent (a spreadsheet set up before the sheet existed) leaves it as it is, and a spreadsheet
   * without it is warned, not refused; "log": rows upserted by natural key.
   */
  part: "register" | "roster" | "log";
  /** Column keys that identify a row (natural key). */
  naturalKey: readonly (keyof C & string)[];
  columns: C;
}

export function sheet<K extends string, C extends Columns>(spec: SheetSpec<K, C>): SheetSpec<K, C> {
  return spec;
}

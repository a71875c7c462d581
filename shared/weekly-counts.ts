/**
 * The weekly sheet's counts — the columns of `weeklySheet` built with `count` (./templates.ts) —
 * as the one list every part derives from: the aggregate columns and their SQL
 * (worker/src/aggregates), the rollup's figure groups and their sums (worker/src/rollup/figures.ts,
 * types.ts), the CSV headers (worker/src/rollup/csv.ts), the page's tables (worker/src/views/rollup)
 * and the rule on ethnic counts (./rules/logs.ts). Adding a count is one line in `weeklySheet` and one
 * migration (ARCHITECTURE.md, "Where to add a new figure"); tests/shared/weekly-counts.test.ts fails
 * when a module lists counts by hand.
 */
import type { CountFigure } from "./cells";
import { FIGURE_GROUPS, type FigureGroup } from "./enums";
import { weeklySheet } from "./templates";
import type { Columns } from "./templates/sheet";

type WeeklyColumns = (typeof weeklySheet)["columns"];

/** The key of a weekly count column. */
export type WeeklyCount = {
  [K in keyof WeeklyColumns]: WeeklyColumns[K] extends { figure: CountFigure } ? K : never;
}[keyof WeeklyColumns] &
  string;

/** The keys of the weekly counts summed under group `G`. */
export type CountsOf<G extends FigureGroup> = {
  [K in keyof WeeklyColumns]: WeeklyColumns[K] extends { figure: CountFigure<G> } ? K : never;
}[keyof WeeklyColumns] &
  string;

export interface CountColumn<K extends string = string> {
  key: K;
  header: string;
  figure: CountFigure;
}

/** The count columns of a sheet's columns, in column order. */
export function countColumnsOf(columns: Columns): CountColumn[] {
  return Object.values(columns).flatMap((c) => (c.figure ? [{ key: c.key, header: c.header, figure: c.figure }] : []));
}

/** Count columns by figure group, every group present (empty when it has no count), groups in FIGURE_GROUPS order. */
export function groupCounts<C extends CountColumn>(columns: readonly C[]): Record<FigureGroup, C[]> {
  const out = Object.fromEntries(Object.keys(FIGURE_GROUPS).map((g) => [g, [] as C[]])) as Record<FigureGroup, C[]>;
  for (const c of columns) out[c.figure.group].push(c);
  return out;
}

/** The weekly counts, in template order. */
export const WEEKLY_COUNT_COLUMNS = countColumnsOf(weeklySheet.columns) as CountColumn<WeeklyCount>[];
export const WEEKLY_COUNTS: readonly WeeklyCount[] = WEEKLY_COUNT_COLUMNS.map((c) => c.key);
/** The weekly counts of each figure group. */
export const WEEKLY_COUNT_GROUPS = groupCounts(WEEKLY_COUNT_COLUMNS) as { [G in FigureGroup]: CountColumn<CountsOf<G>>[] };

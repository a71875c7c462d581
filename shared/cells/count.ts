/**
 * A count column: a whole number from 0 that the rollup sums under a figure group (../enums.ts
 * FIGURE_GROUPS). The weekly sheet's counts are the one list the worker's aggregate columns, figures,
 * CSV headers and page tables are derived from (../weekly-counts.ts).
 */
import type { FigureGroup } from "../enums";
import { int } from "./number";
import type { Col, CountFigure } from "./spec";

export function count<G extends FigureGroup>(
  key: string,
  header: string,
  figure: CountFigure<G>,
  note?: string,
): Col<false, number> & { figure: CountFigure<G> } {
  return { ...int(key, false, { header, min: 0, max: 100000, width: 90, ...(note ? { note } : {}) }), figure };
}

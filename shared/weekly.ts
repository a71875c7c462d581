/**
 * The weekly report's figures, derived from the template (./templates.ts weeklySheet): its
 * whole-number columns, in sheet order, and which of them belong to the ethnic-identity task.
 */
import type { ColumnSpec } from "./cells";
import { columnsOf } from "./templates";

/** Column keys of the weekly figures (every int column of the weekly sheet), in sheet order. */
export const WEEKLY_FIGURES: readonly string[] = columnsOf("weekly")
  .filter((c: ColumnSpec) => c.type === "int")
  .map((c) => c.key);

/** Figures reported only where the village has the ethnic-identity task (shared/rules/logs.ts). */
export const isEthnicFigure = (key: string) => key.startsWith("ethnic_");

/** Text columns of the weekly report a team writes in words. */
export const WEEKLY_TEXTS = ["difficulties", "proposals"] as const;
export type WeeklyText = (typeof WEEKLY_TEXTS)[number];

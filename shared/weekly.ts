/**
 * What the team tools need of the weekly report beyond ./weekly-counts.ts: which counts belong to the
 * ethnic-identity task (asked only where the village has it), and the text columns a team writes.
 */
import { WEEKLY_COUNT_GROUPS, WEEKLY_COUNTS } from "./weekly-counts";

/** The weekly counts, in sheet order (./weekly-counts.ts). */
export const WEEKLY_FIGURES: readonly string[] = WEEKLY_COUNTS;

const ETHNIC = new Set<string>(WEEKLY_COUNT_GROUPS.ethnic.map((c) => c.key));
/** Counts reported only where the village has the ethnic-identity task (shared/rules/logs.ts). */
export const isEthnicFigure = (key: string) => ETHNIC.has(key);

/** Text columns of the weekly report a team writes in words. */
export const WEEKLY_TEXTS = ["difficulties", "proposals"] as const;
export type WeeklyText = (typeof WEEKLY_TEXTS)[number];

/**
 * Bench sections beyond the core measures of bench/main.ts (validation, add-on calls, worker
 * ingest/rollups/page weight). Each is a module exporting a `BenchSection` (./section.ts, a module of
 * its own so a section can import the type without an import cycle), listed in SECTIONS below;
 * `BENCH_ONLY=name[,name…]` runs only those ("core" names the measures of main.ts).
 */
import { bundleSection } from "./addon-bundle";
import { deltaSection } from "./ingest-delta";
import { mondayPeakSection } from "./monday-peak";
import { provisionSection } from "./provision";
import { scaleRollupSection } from "./scale-rollup";
import type { BenchSection } from "./section";
import { teamsSection } from "./teams";
import { unitsSection } from "./units";

export type { BenchContext, BenchSection } from "./section";

/** Every section, in the order they run (after the core measures). */
export const SECTIONS: BenchSection[] = [
  bundleSection,
  unitsSection,
  provisionSection,
  teamsSection,
  deltaSection,
  mondayPeakSection,
  scaleRollupSection,
];

/**
 * Bench sections beyond the core measures of bench/main.ts (validation, add-on calls, worker
 * ingest/rollups/page weight). Each is a module exporting a `BenchSection` (bench/section.ts), listed
 * in SECTIONS below; `BENCH_ONLY=name[,name…]` runs only those ("core" names the measures of main.ts).
 */
import { bundleSection } from "./addon-bundle";
import type { BenchSection } from "./section";

/** Every section, in the order they run (after the core measures). */
export const SECTIONS: BenchSection[] = [bundleSection];

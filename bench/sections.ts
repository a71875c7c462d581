/**
 * Bench sections beyond the core measures of bench/main.ts (validation, add-on calls, worker
 * ingest/rollups/page weight). Each is a module exporting a `BenchSection`, listed in SECTIONS below;
 * `BENCH_ONLY=name[,name…]` runs only those ("core" names the measures of main.ts).
 */
import { provisionSection } from "./provision";

export interface BenchContext {
  root: string;
  log: (line: string) => void;
  /** Push one object per measure; it goes into the JSON report. */
  measures: (Record<string, unknown> & { measure: string })[];
  notes: string[];
  /** Seconds left of the run's budget (BENCH_BUDGET_S). */
  leftS: () => number;
}

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

/** Every section, in the order they run (after the core measures). */
export const SECTIONS: BenchSection[] = [provisionSection];

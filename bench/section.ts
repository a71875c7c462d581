/**
 * What a bench section is (bench/sections.ts lists them): a name for BENCH_ONLY and a run over the
 * bench's context. Apart from the list, so a section module can import it without an import cycle.
 */
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

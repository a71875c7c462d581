/** What a bench section is given and must provide (the sections are listed in ./sections.ts). */
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

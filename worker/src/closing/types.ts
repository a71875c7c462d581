/**
 * What a closing adds to a district or province rollup (JSON and page): per commune, whether the
 * period is closed and, after a correction, what differs; the totals of closed communes apart from
 * open ones. Filled by ./overlay.ts; read by views/rollup/closing.tsx (types only).
 */
import type { ClosingState } from "../../../shared/closing";
import type { Figures } from "../rollup/types";

/** One figure that changed after closing: the closed value (shown to the district) and the current one. */
export interface FigureDiff {
  key: string;
  label_vi: string;
  closed: number;
  current: number;
}

/** A commune's closing of the rollup's period. Who closed it is not here: a name the commune typed stays off district links (console only). */
export interface CommuneClosing {
  commune_id: string;
  commune: string;
  /** "open": never closed, or reopened. */
  state: ClosingState | "open";
  closed_at: string | null;
  accepted_at: string | null;
  /** True when the figures shown are the closed ones (the commune's live figures are not). */
  shows_closed: boolean;
  /** Figures that changed after closing ("có điều chỉnh sau khi chốt"); empty when none. */
  corrections: FigureDiff[];
}

/** On a rollup of a month or a quarter above commune level. */
export interface ClosingPart {
  /** "exact": the rollup's period can be closed; each commune's state is given. */
  kind: "exact";
  communes: CommuneClosing[];
  /** Totals of the communes whose period is closed (or accepted), and of the others. */
  closed_totals: Figures;
  open_totals: Figures;
  closed_count: number;
  open_count: number;
  /** Communes shown with live figures because several old communes are merged into them ("current" mode). */
  merged: string[];
}

/** On a longer period (a half-year, a year, a phase): closings are per month or quarter, so the figures are live. */
export interface ClosingNote {
  kind: "live";
  /** Months and quarters of the period that communes of the rollup closed, e.g. ["2022-01", "2022-Q1"]. */
  closed_periods: string[];
}

export type RollupClosing = ClosingPart | ClosingNote;

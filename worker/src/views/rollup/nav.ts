/** What the links route (worker/src/links/routes.ts) gives the rollup page besides the rollup: addresses and the period form's choices. */
import type { RollupMode } from "../../rollup/types";
import type { ClosingForms } from "./closing";
import type { PrivacyPart } from "./privacy";

export const MODE_LABELS: Record<RollupMode, string> = {
  as_was: "Theo địa giới hành chính tại thời điểm báo cáo",
  current: "Theo địa giới hành chính hiện nay",
};

export interface PeriodChoice {
  value: string;
  label: string;
}

export interface PageNav {
  /** The period key and mode shown, for the form. */
  periodKey: string;
  kind: string;
  mode: RollupMode;
  kinds: PeriodChoice[];
  /** Period keys offered in the form's suggestion list. */
  suggestions: PeriodChoice[];
  prev?: string | undefined;
  next?: string | undefined;
  json: string;
  csv: string;
  /** The CSV's absolute address, for =IMPORTDATA in Google Sheets. */
  importUrl?: string | undefined;
  mau01?: string | undefined;
  mau02?: string | undefined;
  /** The period's report as a document (printable page; .docx from there). */
  report?: string | undefined;
  /** The teams' weekly report forms as Zalo messages (commune links). */
  zalo?: string | undefined;
  /** Shown above the figures, e.g. when the requested period could not be read. */
  notice?: string | undefined;
  /** The drill-down address of a commune (a row of a page above commune level). */
  communeHref?: ((communeId: string) => string) | undefined;
  /** On a drill-down: the page of the whole unit. */
  up?: { href: string; label: string } | undefined;
  /** Kept by the period form (e.g. the drill-down's commune). */
  hidden?: Record<string, string> | undefined;
  /**
   * On a drill-down the mode is fixed in the form (a commune's grouping depends on it); this link
   * shows the other mode: the same commune's drill-down, or the whole unit where it has none.
   */
  otherMode?: string | undefined;
  /** A district or province link with the acceptance right: accept and reopen forms (./closing.tsx). */
  closingForms?: ClosingForms | undefined;
  /** A commune's own (detail) link: the privacy notice and who looked (./privacy.tsx). */
  privacy?: PrivacyPart | undefined;
}

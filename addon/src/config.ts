/** Names and constants the add-on shares between its modules. Everything a user sees is Vietnamese. */

/** Layout constants shared with tools/district (the settings sheet's name, header style and protection). */
export { HEADER_BACKGROUND, HEADER_PROTECTION, SETTINGS_SHEET } from "../../shared/template-plan";

/** Document property keys. */
export const PROP = {
  communeCode: "DV_COMMUNE_CODE",
  communeName: "DV_COMMUNE_NAME",
  workerUrl: "DV_WORKER_URL",
  token: "DV_TOKEN",
  /** JSON {submission_id, content_hash, generated_at} of a submission sent but not yet acknowledged. */
  pending: "DV_PENDING_SUBMISSION",
  /** JSON of the last receipt's summary. */
  lastReceipt: "DV_LAST_RECEIPT",
  /** JSON {sheetTitle: {rows, cols}}: how far the last check's marks reached, to clear them later. */
  markExtent: "DV_MARK_EXTENT",
} as const;

/** User property holding the spreadsheets the weekly automatic submission runs for (JSON). */
export const USER_PROP_AUTO = "DV_AUTO_SUBMIT";

/** Name of the time-driven trigger's handler (a top-level function of the bundle). */
export const AUTO_HANDLER = "autoSubmitWeekly";

/** Cell colours of check marks. Only cells with exactly these colours are cleared by a later check. */
export const MARK_COLORS = { error: "#f4cccc", warning: "#fff2cc" } as const;

/** Notes the check writes start with one of these; a later check removes only such lines. */
export const NOTE_PREFIX = { error: "[Kiểm tra] Lỗi: ", warning: "[Kiểm tra] Cảnh báo: " } as const;

/** At most this many issues are listed per sheet in the sidebar (all are marked in the sheet). */
export const SIDEBAR_ISSUES_PER_SHEET = 200;

export const ADDON_TITLE = "Dân vận";

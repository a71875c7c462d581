/**
 * Entry of the "Dân vận" Google Sheets Editor add-on. Every export here becomes a top-level
 * function of the Apps Script bundle (scripts/build-addon.mjs): triggers, menu handlers and the
 * functions sidebars and dialogs call through google.script.run. One module per menu area in ./menu.
 */

export { autoSubmitWeekly, menuAutoOff, menuAutoOn } from "./menu/auto";
export { fillUnknownAndCheck, jumpToCell, menuCheck, runCheckNow } from "./menu/check";
export { type ClosingReport, menuClosePeriod } from "./menu/closing";
export { type ConnectionView, getConnectionSettings, menuConnection, saveConnectionSettings } from "./menu/connection";
export { menuDecision } from "./menu/decision";
export { menuEvaluationDraft } from "./menu/evaluation";
export { getImportOptions, importList, menuImport } from "./menu/import";
export { onInstall, onOpen } from "./menu/open";
export { menuSetup } from "./menu/setup";
export { menuSubmit, type SubmitReport } from "./menu/submit";
export { menuVillageMoves, type VillageMovesReport } from "./menu/village-moves";
export { menuNewWeek } from "./menu/week";
export { applyZaloPaste, getZaloForms, menuZaloForms, menuZaloPaste, previewZaloPaste } from "./menu/zalo";

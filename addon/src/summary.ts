/** The check's summary as the sidebar shows it: counts per sheet and clickable problems. Pure. */
import { describeIssue, type Issue, type Severity } from "../../shared/issues";
import { a1 } from "../../shared/sheet-model";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { SIDEBAR_ISSUES_PER_SHEET } from "./config";
import { UNKNOWN_FILL } from "./unknown-fill";

export interface SummaryItem {
  severity: Severity;
  text: string;
  /** Where to jump; null for sheet-level problems. */
  row: number | null;
  col: number | null;
  a1: string | null;
}

export interface SheetSummary {
  key: SheetKey;
  title: string;
  errors: number;
  warnings: number;
  items: SummaryItem[];
  /** Problems not listed (only the first SIDEBAR_ISSUES_PER_SHEET are). */
  more: number;
}

export interface CheckSummary {
  ok: boolean;
  errors: number;
  warnings: number;
  /** Rows read per sheet (non-blank). */
  rows: Record<string, number>;
  sheets: SheetSummary[];
  general: SummaryItem[];
  /** Codes the check filled in (household / ad-hoc report codes). */
  generatedCodes: number;
  /** Blank cells the one-click "Chưa rõ" fill would answer (unknown-fill.ts: Zalo membership). */
  unknownFill: number;
  checkedAt: string;
}

export function summarize(
  issues: readonly Issue[],
  colOf: Partial<Record<SheetKey, Readonly<Record<string, number>>>>,
  rows: Record<string, number>,
  generatedCodes: number,
  checkedAt: string,
): CheckSummary {
  const sheets: SheetSummary[] = [];
  const general: SummaryItem[] = [];
  const bySheet = new Map<SheetKey, Issue[]>();
  for (const i of issues) {
    if (!i.sheet) {
      general.push({ severity: i.severity, text: describeIssue(i), row: null, col: null, a1: null });
      continue;
    }
    const list = bySheet.get(i.sheet);
    if (list) list.push(i);
    else bySheet.set(i.sheet, [i]);
  }
  for (const key of SHEET_KEYS) {
    const list = bySheet.get(key) ?? [];
    const sorted = [...list].sort((a, b) => (a.severity === b.severity ? (a.row ?? 0) - (b.row ?? 0) : a.severity === "error" ? -1 : 1));
    const cols = colOf[key] ?? {};
    const items = sorted.slice(0, SIDEBAR_ISSUES_PER_SHEET).map((i): SummaryItem => {
      const col = i.row !== null ? ((i.column !== null ? cols[i.column] : undefined) ?? 0) : null;
      return {
        severity: i.severity,
        text: describeIssue(i),
        row: i.row,
        col,
        a1: i.row !== null && col !== null ? a1(i.row, col) : null,
      };
    });
    sheets.push({
      key,
      title: SHEETS[key].title,
      errors: list.filter((i) => i.severity === "error").length,
      warnings: list.filter((i) => i.severity === "warning").length,
      items,
      more: Math.max(0, list.length - items.length),
    });
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  const unknownFill = issues.filter(
    (i) => i.sheet === UNKNOWN_FILL.sheet && i.column === UNKNOWN_FILL.column && i.code === "required" && i.row !== null,
  ).length;
  return { ok: errors === 0, errors, warnings: issues.length - errors, rows, sheets, general, generatedCodes, unknownFill, checkedAt };
}

/** One paragraph for an alert: how many problems, where. */
export function summaryText(s: CheckSummary): string {
  if (s.errors === 0 && s.warnings === 0) return "Dữ liệu hợp lệ, không có lỗi.";
  const parts = s.sheets.filter((x) => x.errors || x.warnings).map((x) => `• ${x.title}: ${x.errors} lỗi, ${x.warnings} cảnh báo`);
  return [`Có ${s.errors} lỗi và ${s.warnings} cảnh báo.`, ...parts].join("\n");
}

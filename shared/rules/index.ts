/**
 * Check a workbook: every row against its sheet's schema (cell errors), then the cross-row
 * rules on the rows that parsed. Errors block a submission; warnings do not.
 */

import type { ColumnSpec } from "../cells";
import { type Issue, rowIssues, sheetRow } from "../issues";
import { ROW_SCHEMAS, type Workbook } from "../schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../templates";
import { makeContext, type RowsWithErrors, type Rule, type RuleOptions } from "./context";
import { birthYear, duplicateHousehold, householdsPerTeam, householdTeam } from "./households";
import { uniqueKeys } from "./keys";
import { changeHousehold, ethnicOnlyWhereEnabled, logTeams, meetingAttendance, weeklyDates } from "./logs";
import { fullNames } from "./names";
import { memberInOneTeam, rosterReferences, teamComposition } from "./roster";
import { steeringComposition } from "./steering";
import { isUnreportedWeekly, unreportedIssue } from "./weekly-draft";

export type { RuleOptions } from "./context";
export { HOUSEHOLDS_PER_TEAM } from "./households";

export const RULES: readonly Rule[] = [
  uniqueKeys,
  teamComposition,
  rosterReferences,
  memberInOneTeam,
  householdsPerTeam,
  householdTeam,
  birthYear,
  duplicateHousehold,
  changeHousehold,
  logTeams,
  weeklyDates,
  ethnicOnlyWhereEnabled,
  meetingAttendance,
  fullNames,
  steeringComposition,
];

/**
 * Cross-row rules on an already parsed workbook. `withErrors`: the rows left out of it for cell
 * errors, so rules count them and do not call a row that refers to one "unknown".
 */
export function checkRules(wb: Workbook, opts: RuleOptions, withErrors: RowsWithErrors = {}): Issue[] {
  const ctx = makeContext(wb, opts, withErrors);
  return RULES.flatMap((rule) => rule(ctx));
}

/** The cells of a row that read on their own (each column's schema alone): what a row with errors still says. */
export function readableCells(sheet: SheetKey, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { _row: row._row };
  for (const [key, col] of Object.entries(SHEETS[sheet].columns) as [string, ColumnSpec][]) {
    const r = col.schema.safeParse(row[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out;
}

export interface CheckResult {
  /** Rows that parsed (rows with cell errors are left out), normalised. */
  workbook: Workbook;
  issues: Issue[];
  ok: boolean;
}

/** A row is blank when every cell is empty; blank rows are skipped, as a clerk expects. */
export function isBlankRow(row: Record<string, unknown>): boolean {
  return Object.entries(row).every(([k, v]) => k === "_row" || v === null || v === undefined || (typeof v === "string" && v.trim() === ""));
}

/** Parse every row of every sheet, then run the rules. `input` is raw cells keyed by column. */
export function checkWorkbook(input: Record<string, unknown>, opts: RuleOptions): CheckResult {
  const issues: Issue[] = [];
  const workbook = Object.fromEntries(SHEET_KEYS.map((k) => [k, []])) as unknown as Workbook;
  const withErrors: RowsWithErrors = {};
  for (const key of Object.keys(input)) {
    if (!(key in SHEETS)) {
      issues.push({
        sheet: null,
        row: null,
        column: key,
        code: "unknown_sheet",
        severity: "error",
        message_vi: `Trang "${key}" không có trong mẫu.`,
      });
    }
  }
  for (const sheet of SHEET_KEYS) {
    const rows = input[sheet];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      issues.push({
        sheet,
        row: null,
        column: null,
        code: "invalid_type",
        severity: "error",
        message_vi: `Trang "${SHEETS[sheet].title}" phải là danh sách dòng.`,
      });
      continue;
    }
    const schema = ROW_SCHEMAS[sheet];
    const out = workbook[sheet] as unknown[];
    const errored: Record<string, unknown>[] = [];
    withErrors[sheet] = errored;
    rows.forEach((row, i) => {
      if (row && typeof row === "object" && isBlankRow(row as Record<string, unknown>)) return;
      // A weekly row made ahead ("Tạo báo cáo tuần mới") that the team has not reported yet: not sent, said once.
      if (sheet === "weekly" && isUnreportedWeekly(row)) {
        issues.push(unreportedIssue(row as Record<string, unknown>, i));
        return;
      }
      const r = schema.safeParse(row);
      if (r.success) out.push(r.data);
      else {
        issues.push(...rowIssues(r.error, sheet, sheetRow(row, i)));
        if (row && typeof row === "object") errored.push(readableCells(sheet, row as Record<string, unknown>));
      }
    });
  }
  issues.push(...checkRules(workbook, opts, withErrors));
  return { workbook, issues, ok: !issues.some((i) => i.severity === "error") };
}

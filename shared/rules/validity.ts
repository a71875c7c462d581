/**
 * A commune reports only for the time it exists. A unit merged or dissolved (the 2025 reform ended
 * every pilot commune on 1 July 2025) may still send late corrections, but only rows of periods that
 * overlap its validity [valid_from, valid_to): a week, month or quarter on the boundary belongs to
 * both. A row dated outside is an error on its cell; the worker then refuses the whole submission.
 */

import { type Issue, sheetRow } from "../issues";
import { parsePeriodKey } from "../periods";
import type { Workbook } from "../schemas";
import { headerOf, type SheetKey } from "../templates";
import { formatDateVi } from "../text";

export interface UnitValidity {
  /** "Xã Quý Sơn". */
  label: string;
  valid_from: string;
  /** Exclusive; null while the unit exists. */
  valid_to: string | null;
}

/** The dated column of each log sheet; a period column counts from its first to its last day. */
const DATED: Partial<Record<SheetKey, string>> = {
  changes: "change_date",
  weekly: "week",
  adhoc: "report_date",
  meetings: "meeting_date",
  evaluations: "period",
};

function spanOf(value: string): { start: string; end: string } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { start: value, end: value };
  const p = parsePeriodKey(value);
  return p ? { start: p.start, end: p.end } : null;
}

export function outsideValidity(wb: Workbook, unit: UnitValidity): Issue[] {
  const issues: Issue[] = [];
  for (const [sheet, column] of Object.entries(DATED) as [SheetKey, string][]) {
    const rows = wb[sheet] as readonly Record<string, unknown>[];
    rows.forEach((row, i) => {
      const span = spanOf(String(row[column] ?? ""));
      if (!span) return;
      const before = span.end < unit.valid_from;
      const after = unit.valid_to !== null && span.start >= unit.valid_to;
      if (!before && !after) return;
      const message_vi = after
        ? `${unit.label} đã kết thúc từ ngày ${formatDateVi(unit.valid_to!)}; máy chủ chỉ nhận sửa số liệu các kỳ trước ngày đó ("${headerOf(sheet, column)}" là ${String(row[column])}).`
        : `${unit.label} bắt đầu từ ngày ${formatDateVi(unit.valid_from)}; số liệu các kỳ trước ngày đó thuộc đơn vị cũ ("${headerOf(sheet, column)}" là ${String(row[column])}).`;
      issues.push({ sheet, row: sheetRow(row, i), column, code: "outside_unit_validity", severity: "error", message_vi });
    });
  }
  return issues;
}

/** The receipt's note for a unit with an end date: what was accepted. */
export function lateCorrectionNotice(unit: UnitValidity): Issue {
  return {
    sheet: null,
    row: null,
    column: null,
    code: "unit_ended",
    severity: "warning",
    message_vi: `${unit.label} kết thúc từ ngày ${formatDateVi(unit.valid_to ?? "")}: máy chủ chỉ nhận số liệu (kể cả sửa muộn) của các kỳ trước ngày đó.`,
  };
}

/**
 * A problem found in a submitted workbook: where (sheet, row, column), what (a stable machine
 * code), how bad (errors block a submission, warnings do not) and a Vietnamese message.
 */
import type { z } from "zod";
import type { issueSchema, SEVERITIES } from "./contract";
import { headerOf, SHEETS, type SheetKey } from "./templates";

export type Severity = (typeof SEVERITIES)[number];

/** The issue shape is part of the API contract (./contract.ts `issueSchema`). */
export type Issue = z.output<typeof issueSchema>;

export const hasErrors = (issues: readonly Issue[]) => issues.some((i) => i.severity === "error");

/** The sheet row of the i-th row of a sheet: its `_row` when given, else counted from the header. */
export function sheetRow(row: unknown, index: number): number {
  const r = (row as { _row?: unknown } | null)?._row;
  return typeof r === "number" ? r : index + 2;
}

/** A stable machine code for a zod issue. */
function codeOf(iss: z.core.$ZodIssue): string {
  if (iss.code === "custom") return String((iss.params as { code?: string } | undefined)?.code ?? "invalid");
  switch (iss.code) {
    case "invalid_type":
      return "invalid_type";
    case "too_small":
    case "too_big":
      return "out_of_range";
    case "invalid_value":
    case "invalid_union":
      return "not_allowed";
    case "invalid_format":
      return "invalid_format";
    case "unrecognized_keys":
      return "unknown_field";
    default:
      return iss.code;
  }
}

/** Issues of one row of a sheet from its zod error (paths start at the column). */
export function rowIssues(error: z.ZodError, sheet: SheetKey, row: number): Issue[] {
  return error.issues.flatMap((iss) => fromZodIssue(iss, iss.path, sheet, row));
}

function fromZodIssue(iss: z.core.$ZodIssue, path: readonly PropertyKey[], sheet: SheetKey, row: number): Issue[] {
  if (iss.code === "unrecognized_keys") {
    return iss.keys.map((k) => ({
      sheet,
      row,
      column: k,
      code: "unknown_field",
      severity: "error" as const,
      message_vi: `Cột "${k}" không có trong mẫu.`,
    }));
  }
  const col = typeof path[0] === "string" ? path[0] : null;
  const code = codeOf(iss);
  const message_vi = code === "required" && col ? `Chưa nhập "${headerOf(sheet, col)}".` : iss.message;
  return [{ sheet, row, column: col, code, severity: "error", message_vi }];
}

/**
 * Turn a zod error on a whole envelope or workbook into issues. Paths under `prefix` (where the
 * workbook sits, e.g. ["sheets"]) look like [sheet, index, column]; `workbook` is the raw input
 * there, read for each row's `_row`.
 */
export function issuesFromZod(error: z.ZodError, workbook: unknown, prefix: readonly PropertyKey[] = []): Issue[] {
  return error.issues.flatMap((iss): Issue[] => {
    const inWorkbook = prefix.every((p, i) => iss.path[i] === p);
    const [sheetKey, index, ...rest] = inWorkbook ? iss.path.slice(prefix.length) : [];
    const sheet = typeof sheetKey === "string" && sheetKey in SHEETS ? (sheetKey as SheetKey) : null;
    if (!sheet || typeof index !== "number") {
      return [
        {
          sheet,
          row: null,
          column: sheet ? null : iss.path.join(".") || null,
          code: codeOf(iss),
          severity: "error",
          message_vi: iss.message,
        },
      ];
    }
    const rows = (workbook as Record<string, unknown> | null)?.[sheet];
    return fromZodIssue(iss, rest, sheet, sheetRow(Array.isArray(rows) ? rows[index] : undefined, index));
  });
}

/** "Trang Hộ gia đình, dòng 7, cột Năm sinh: …" — how an issue is shown in one line. */
export function describeIssue(i: Issue): string {
  const where = [
    i.sheet ? `Trang "${SHEETS[i.sheet].title}"` : null,
    i.row !== null ? `dòng ${i.row}` : null,
    i.sheet && i.column ? `cột "${headerOf(i.sheet, i.column)}"` : null,
  ].filter(Boolean);
  return where.length ? `${where.join(", ")}: ${i.message_vi}` : i.message_vi;
}

/**
 * What a submission changes, worked out before anything is written: each sheet's incoming rows
 * compared by natural key with the rows the commune has now. Pure — no database access.
 */
import type { SheetKey } from "../../../shared/templates";
import type { DbValue } from "../db/sql";
import { dbRow, naturalKeyOf, sameRow } from "./tables";

export interface SheetCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export type StoredRow = Record<string, DbValue>;

export interface SheetPlan {
  sheet: SheetKey;
  /** Rows with a key the commune does not have yet. */
  inserted: StoredRow[];
  /** Rows whose key exists with other values: the stored row and the incoming one. */
  updated: { old: StoredRow; row: StoredRow; key: string }[];
  unchanged: number;
  /** Stored rows whose key is not in the submission (only the register deletes them). */
  missing: StoredRow[];
  /** Every incoming row, in sheet order (the register is rewritten from these). */
  rows: StoredRow[];
}

export function planSheet(sheet: SheetKey, stored: readonly StoredRow[], incoming: readonly Record<string, unknown>[]): SheetPlan {
  const byKey = new Map(stored.map((r) => [naturalKeyOf(sheet, r), r]));
  const plan: SheetPlan = { sheet, inserted: [], updated: [], unchanged: 0, missing: [], rows: [] };
  const seen = new Set<string>();
  for (const input of incoming) {
    const row = dbRow(sheet, input);
    const key = naturalKeyOf(sheet, row);
    seen.add(key);
    plan.rows.push(row);
    const old = byKey.get(key);
    if (!old) plan.inserted.push(row);
    else if (sameRow(sheet, old, row)) plan.unchanged++;
    else plan.updated.push({ old, row, key });
  }
  for (const [key, old] of byKey) if (!seen.has(key)) plan.missing.push(old);
  return plan;
}

/** Receipt counts of a plan; `deleted` counts only where rows are deleted (the register). */
export function countsOf(plan: SheetPlan, deletes: boolean): SheetCounts {
  return {
    inserted: plan.inserted.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    deleted: deletes ? plan.missing.length : 0,
  };
}

/** True when the sheet's stored rows already equal the incoming ones. */
export const isUnchanged = (plan: SheetPlan) => plan.inserted.length === 0 && plan.updated.length === 0 && plan.missing.length === 0;

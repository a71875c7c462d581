/**
 * What a submission changes, worked out before anything is written: each sheet's incoming rows
 * compared by natural key with the rows the commune has now. Pure — no database access.
 * Register sheets are replaced whole (rows not sent are deleted). Log rows are never deleted: a row
 * the commune removed from a sheet it sent is marked withdrawn (it leaves every page; its versions stay
 * in `revisions`), and comes back as an update if the commune sends it again. A log sheet not sent at
 * all is left as it is.
 */
import type { SheetCounts } from "../../../shared/contract";
import { SHEETS, type SheetKey } from "../../../shared/templates";
import type { DbValue } from "../db/sql";
import { dbRow, naturalKeyOf, sameRow } from "./tables";

export type StoredRow = Record<string, DbValue>;

export interface SheetPlan {
  sheet: SheetKey;
  /** Rows with a key the commune does not have yet. */
  inserted: StoredRow[];
  /** Rows whose key exists with other values (or withdrawn, sent again): the stored row and the incoming one. */
  updated: { old: StoredRow; row: StoredRow; key: string }[];
  unchanged: number;
  /** Register: stored rows whose key is not in the submission (deleted). */
  missing: StoredRow[];
  /** Logs: stored rows, not withdrawn yet, whose key is not in the sheet sent (marked withdrawn). */
  withdrawn: { old: StoredRow; key: string }[];
  /** Every incoming row, in sheet order (the register is rewritten from these). */
  rows: StoredRow[];
}

export const isWithdrawn = (r: StoredRow) => r.withdrawn_at !== null && r.withdrawn_at !== undefined;

/** A plan that changes nothing (a sheet not sent; counts filled in by the caller). */
export const emptyPlan = (sheet: SheetKey): SheetPlan => ({
  sheet,
  inserted: [],
  updated: [],
  unchanged: 0,
  missing: [],
  withdrawn: [],
  rows: [],
});

/**
 * `incoming` is undefined for a sheet the envelope did not carry (only a log sheet can be absent:
 * the envelope check refuses a missing register sheet).
 */
export function planSheet(
  sheet: SheetKey,
  stored: readonly StoredRow[],
  incoming: readonly Record<string, unknown>[] | undefined,
): SheetPlan {
  const plan = emptyPlan(sheet);
  if (incoming === undefined) return plan;
  const log = SHEETS[sheet].part === "log";
  const byKey = new Map(stored.map((r) => [naturalKeyOf(sheet, r), r]));
  const seen = new Set<string>();
  for (const input of incoming) {
    const row = dbRow(sheet, input);
    const key = naturalKeyOf(sheet, row);
    seen.add(key);
    plan.rows.push(row);
    const old = byKey.get(key);
    if (!old) plan.inserted.push(row);
    else if (sameRow(sheet, old, row) && !(log && isWithdrawn(old))) plan.unchanged++;
    else plan.updated.push({ old, row, key });
  }
  for (const [key, old] of byKey) {
    if (seen.has(key)) continue;
    if (!log) plan.missing.push(old);
    else if (!isWithdrawn(old)) plan.withdrawn.push({ old, key });
  }
  return plan;
}

/** Receipt counts of a plan. */
export function countsOf(plan: SheetPlan): SheetCounts {
  return {
    inserted: plan.inserted.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    deleted: plan.missing.length,
    withdrawn: plan.withdrawn.length,
  };
}

/** True when the sheet's stored rows already equal the incoming ones. */
export const isUnchanged = (plan: SheetPlan) =>
  plan.inserted.length === 0 && plan.updated.length === 0 && plan.missing.length === 0 && plan.withdrawn.length === 0;

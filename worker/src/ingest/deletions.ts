/**
 * The register is replaced whole by each submission, so a sheet sent empty by mistake (a filter left
 * on, rows cut instead of copied, the wrong tab pasted) would delete it. A submission that deletes
 * more than a set share of a register sheet, or every team, is refused with
 * `confirm_deletions_required` — nothing written — until the envelope carries the same deletion counts
 * in `confirm_deletions`, which the add-on sends only after the clerk said yes (addon/src/gas/submission.ts).
 * Pure: the counts come from the ingest plan.
 */
import { type DeletionCounts, REGISTER_SHEET_KEYS, type RegisterSheetKey } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";
import { SHEETS } from "../../../shared/templates";
import type { SheetPlan } from "./plan";
import { type Refusal, refuse } from "./refusal";

/**
 * A weekly submission changes a few register rows; a quarter of a sheet gone at once is what a
 * lost or filtered sheet looks like, while a real reorganisation (teams merged, households moved to a
 * new commune) still goes through once the clerk confirms it. Deleting every team is always asked.
 */
export const MAX_UNCONFIRMED_DELETE_SHARE = 0.25;
/** Fewer deletions than this never need a confirmation (one or two rows of a small sheet are ordinary edits). */
export const MIN_DELETIONS_TO_CONFIRM = 3;

/** Rows a plan deletes, per register sheet. */
export const deletedCounts = (plans: Record<RegisterSheetKey, SheetPlan>): DeletionCounts =>
  Object.fromEntries(REGISTER_SHEET_KEYS.map((k) => [k, plans[k as RegisterSheetKey].missing.length])) as DeletionCounts;

/** The register sheets whose deletions need the clerk's confirmation. */
export function needsConfirmation(deleted: DeletionCounts, stored: DeletionCounts, incomingTeams: number): RegisterSheetKey[] {
  return (REGISTER_SHEET_KEYS as RegisterSheetKey[]).filter((k) => {
    const d = deleted[k];
    if (d === 0) return false;
    if (k === "teams" && incomingTeams === 0) return true;
    return d >= MIN_DELETIONS_TO_CONFIRM && d > MAX_UNCONFIRMED_DELETE_SHARE * stored[k];
  });
}

const sameCounts = (a: DeletionCounts | undefined, b: DeletionCounts) =>
  !!a && (REGISTER_SHEET_KEYS as RegisterSheetKey[]).every((k) => a[k] === b[k]);

/**
 * A `confirm_deletions_required` refusal (422) when the deletions need a confirmation the envelope does
 * not carry (or carries for other counts: the register changed since the clerk was asked); null otherwise.
 */
export function guardDeletions(
  plans: Record<RegisterSheetKey, SheetPlan>,
  stored: DeletionCounts,
  confirmed: DeletionCounts | undefined,
): Refusal | null {
  const deleted = deletedCounts(plans);
  const sheets = needsConfirmation(deleted, stored, plans.teams.rows.length);
  if (!sheets.length || sameCounts(confirmed, deleted)) return null;
  const details: Issue[] = (REGISTER_SHEET_KEYS as RegisterSheetKey[])
    .filter((k) => deleted[k] > 0)
    .map((k) => ({
      sheet: k,
      row: null,
      column: null,
      code: "deletes_rows",
      severity: sheets.includes(k) ? ("error" as const) : ("warning" as const),
      message_vi: `Lần gửi này xóa ${deleted[k]} trong số ${stored[k]} dòng của trang "${SHEETS[k].title}".`,
    }));
  return refuse(
    "confirm_deletions_required",
    `Lần gửi này xóa nhiều dòng khỏi danh sách của xã (${details.map((d) => d.message_vi.replace(/^Lần gửi này xóa /, "").replace(/\.$/, "")).join("; ")}). ` +
      "Chưa ghi gì. Nếu đúng là xã muốn xóa, hãy xác nhận rồi gửi lại; nếu không, hãy kiểm tra các trang (bộ lọc, dòng bị cắt, dán nhầm).",
    details,
    { confirm_deletions: deleted, stored },
  );
}

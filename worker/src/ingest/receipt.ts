/** The receipt of an accepted submission, stored with it and returned as is when it is sent again. */
import type { Issue } from "../../../shared/issues";
import type { SheetKey } from "../../../shared/templates";
import type { SheetCounts } from "./plan";

export interface Receipt {
  submission_id: string;
  commune_id: string;
  received_at: string;
  duplicate: boolean;
  counts: Record<SheetKey, SheetCounts>;
  /** The first RECEIPT_MAX_WARNINGS warnings; `warnings_total` says how many there were. */
  warnings: Issue[];
  warnings_total: number;
}

/** Keeps the stored receipt well under a D1 row's 2 MB whatever the workbook. */
export const RECEIPT_MAX_WARNINGS = 200;

export interface StoredSubmission {
  submission_id: string;
  commune_id: string;
  content_hash: string;
  receipt: string;
}

export async function findSubmission(db: D1Database, submissionId: string): Promise<StoredSubmission | null> {
  return db
    .prepare("SELECT submission_id, commune_id, content_hash, receipt FROM submissions WHERE submission_id = ?")
    .bind(submissionId)
    .first<StoredSubmission>();
}

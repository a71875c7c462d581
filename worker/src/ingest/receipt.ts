/**
 * The receipt of an accepted submission (its shape: shared/contract.ts `receiptSchema`), stored with
 * it and returned as is when the same submission id comes again.
 */
export { RECEIPT_MAX_WARNINGS, type Receipt } from "../../../shared/contract";

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

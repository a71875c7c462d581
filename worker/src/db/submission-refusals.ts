/**
 * Refused submissions (0014_submission_refusals.sql): written after the answer by
 * worker/src/http/refusals.ts, read by the console's week page (worker/src/rollout/week.ts).
 * Codes only: the error code, the reason a token was refused, how many issues of each code.
 */

export type TokenRefusalReason = "missing" | "unknown" | "revoked" | "expired";

export interface SubmissionRefusal {
  at?: string;
  communeId: string | null;
  tokenPrefix: string | null;
  status: number;
  code: string;
  reason?: TokenRefusalReason | null;
  issueCodes?: Record<string, number>;
}

export async function writeSubmissionRefusal(db: D1Database, r: SubmissionRefusal): Promise<void> {
  const codes = r.issueCodes ?? {};
  const issues = Object.values(codes).reduce((n, k) => n + k, 0);
  await db
    .prepare(
      `INSERT INTO submission_refusals (at, commune_id, token_prefix, status, code, reason, issues, issue_codes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      r.at ?? new Date().toISOString(),
      r.communeId,
      r.tokenPrefix,
      r.status,
      r.code,
      r.reason ?? null,
      issues,
      issues ? JSON.stringify(codes) : null,
    )
    .run();
}

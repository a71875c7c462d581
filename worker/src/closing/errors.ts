/**
 * Whether a commune's current data has check errors, from what is stored: its last attempt refused
 * for its content (invalid cells, cross-row rules, a hash that does not match) after its latest
 * accepted submission — `submission_refusals` (0014) keeps the refusal's issue codes and how many.
 * Accepted data has no errors (a submission with one is refused whole), so nothing else is checked
 * again here; the add-on runs the whole check before asking to close (addon/src/menu/closing.ts).
 */
import type { Issue } from "../../../shared/issues";
import { formatDateTimeVi } from "../../../shared/text";

const CONTENT_CODES = ["invalid_envelope", "rule_violation", "hash_mismatch"];

/** The issues of the commune's last refused attempt after its last accepted one (one per issue code), or []. */
export async function currentErrors(db: D1Database, communeId: string): Promise<Issue[]> {
  const row = await db
    .prepare(
      `SELECT at, code, issue_codes FROM submission_refusals
       WHERE commune_id = ?1 AND code IN (SELECT value FROM json_each(?2))
         AND at > coalesce((SELECT max(at) FROM commune_versions WHERE commune_id = ?1), '')
       ORDER BY at DESC LIMIT 1`,
    )
    .bind(communeId, JSON.stringify(CONTENT_CODES))
    .first<{ at: string; code: string; issue_codes: string | null }>();
  if (!row) return [];
  const when = formatDateTimeVi(row.at);
  const codes = Object.entries(JSON.parse(row.issue_codes ?? "{}") as Record<string, number>);
  if (!codes.length) codes.push([row.code, 1]);
  return codes.map(([code, n]) => ({
    sheet: null,
    row: null,
    column: null,
    code,
    severity: "error" as const,
    message_vi: `Lần gửi lúc ${when} bị từ chối: ${n} lỗi loại "${code}". Sửa các ô được đánh dấu (Dân vận → Kiểm tra dữ liệu) rồi gửi lại trước khi chốt.`,
  }));
}

/**
 * From a parsed request body to a receipt — the path shared by `POST /api/submissions` (a commune
 * token) and `POST /api/admin/import` (the admin, loading history). Nothing is written unless the
 * envelope passes every check; a submission id seen before answers with its stored receipt. A
 * refusal is returned (./refusal.ts), never thrown: the HTTP layer maps it (../http/ingest.ts).
 */
import { checkEnvelope, type EnvelopeErrorCode } from "../../../shared/envelope";
import { type Issue, sheetRow } from "../../../shared/issues";
import { ERASED_HOUSEHOLD_WARNING } from "../../../shared/privacy";
import { lateCorrectionNotice, outsideValidity, type UnitValidity } from "../../../shared/rules/validity";
import type { Workbook } from "../../../shared/schemas";
import { erasedHouseholds } from "../db/erasures";
import { duplicateReceipt, type IngestOutcome, type IngestRequest, ingest } from "./ingest";
import { findSubmission } from "./receipt";
import { refuse, submissionIdConflict } from "./refusal";

export interface AcceptRequest extends Pick<IngestRequest, "receivedAt" | "actor" | "action" | "audit"> {
  /** The parsed body and its raw text. */
  body: unknown;
  raw: string;
  /** The commune the caller may write: its unit id, GSO code and validity (rows outside it are refused). */
  commune: { id: string; code: string } & UnitValidity;
  /** 'yyyy-MM-dd' in Vietnam time: the day rules like "not in the future" are judged against. */
  today: string;
}

/** At most this many issues go back in `details` (the message gives the total). */
const MAX_DETAILS = 1000;

const REFUSAL: Record<EnvelopeErrorCode, (issues: Issue[]) => string> = {
  stale_schema_version: (i) => i[0]?.message_vi ?? "Phiên bản mẫu đã cũ; hãy cập nhật tiện ích.",
  schema_version_too_new: (i) => i[0]?.message_vi ?? "Phiên bản mẫu mới hơn máy chủ này.",
  invalid_envelope: (i) => `Dữ liệu gửi lên có ${errors(i)} lỗi; xem chi tiết từng trang, từng dòng.`,
  hash_mismatch: (i) => i[0]?.message_vi ?? "Nội dung gửi lên không khớp mã băm. Hãy gửi lại.",
  rule_violation: (i) => `Dữ liệu vi phạm ${errors(i)} quy định; xem chi tiết từng trang, từng dòng.`,
};
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error").length;

const field = (body: unknown, key: string): unknown =>
  body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;

export async function accept(db: D1Database, req: AcceptRequest): Promise<IngestOutcome> {
  const code = field(req.body, "commune_code");
  if (typeof code === "string" && code !== req.commune.code) {
    return refuse("commune_mismatch", `Mã xã trong dữ liệu (${code}) không khớp với xã của mã truy cập (${req.commune.code}).`);
  }

  // A retry of an accepted submission is answered before any check, so it succeeds even if the
  // rules (or today's date) have moved on since.
  const id = field(req.body, "submission_id");
  if (typeof id === "string") {
    const stored = await findSubmission(db, id);
    if (stored) {
      if (stored.commune_id !== req.commune.id || stored.content_hash !== field(req.body, "content_hash")) {
        return submissionIdConflict();
      }
      return { ok: true, receipt: duplicateReceipt(stored), created: false };
    }
  }

  const check = checkEnvelope(req.body, { today: req.today });
  if (!check.ok) return refuse(check.code, REFUSAL[check.code](check.issues), check.issues.slice(0, MAX_DETAILS));
  // Rows of periods when the commune did not exist (a merged commune's late corrections included).
  const outside = outsideValidity(check.envelope.sheets, req.commune);
  if (outside.length) return refuse("rule_violation", REFUSAL.rule_violation(outside), outside.slice(0, MAX_DETAILS));
  const warnings = [
    ...check.issues.filter((i) => i.severity === "warning"),
    ...erasedStill(check.envelope.sheets, await erasedHouseholds(db, req.commune.id)),
  ];
  return ingest(db, {
    envelope: check.envelope,
    present: check.present,
    unitValidTo: req.commune.valid_to,
    payload: req.raw,
    communeId: req.commune.id,
    receivedAt: req.receivedAt,
    actor: req.actor,
    action: req.action,
    audit: req.audit,
    warnings: req.commune.valid_to ? [lateCorrectionNotice(req.commune), ...warnings] : warnings,
  });
}

/**
 * A household erased on request (worker/src/privacy/erase.ts) that the sheet still holds: accepted,
 * and the clerk is told on the row so that the name and birth year are removed from the sheet too.
 */
function erasedStill(sheets: Partial<Workbook>, erased: ReadonlySet<string>): Issue[] {
  if (!erased.size) return [];
  return (sheets.households ?? []).flatMap((h, i) =>
    erased.has(h.household_code)
      ? [
          {
            sheet: "households" as const,
            row: sheetRow(h, i),
            column: "head_name",
            code: "household_erased",
            severity: "warning" as const,
            message_vi: `Hộ ${h.household_code}: ${ERASED_HOUSEHOLD_WARNING}. Hãy xóa họ tên, năm sinh, dân tộc của hộ này trên trang tính.`,
          },
        ]
      : [],
  );
}

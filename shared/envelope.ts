/**
 * The submission envelope: what the add-on sends and the worker receives. Both sides call
 * `checkEnvelope`, so the worker never trusts the client's own check.
 */
import { contentHash } from "./hash";
import { type Issue, issuesFromZod } from "./issues";
import { checkRules, type RuleOptions } from "./rules/index";
import { type Envelope, envelopeSchema, SCHEMA_VERSION, type Workbook } from "./schemas";

export interface EnvelopeMeta {
  commune_code: string;
  commune_name?: string;
  spreadsheet_id: string;
  /** A UUID chosen once per submission attempt and reused on retry, so a retry counts once. */
  submission_id: string;
  /** ISO instant. */
  generated_at: string;
}

/** Wrap checked sheets into an envelope, with the content hash over their canonical JSON. */
export function buildEnvelope(meta: EnvelopeMeta, sheets: Workbook): Envelope {
  return { schema_version: SCHEMA_VERSION, ...meta, content_hash: contentHash(sheets), sheets };
}

export type EnvelopeCheck = { ok: true; envelope: Envelope; issues: Issue[] } | { ok: false; code: EnvelopeErrorCode; issues: Issue[] };

/** Stable machine codes for a refused envelope. */
export type EnvelopeErrorCode = "stale_schema_version" | "invalid_envelope" | "hash_mismatch" | "rule_violation";

/**
 * Check a received envelope: version, shape and every cell (zod), content hash, then the
 * cross-row rules. Warnings pass; any error refuses the whole envelope.
 */
export function checkEnvelope(input: unknown, opts: RuleOptions): EnvelopeCheck {
  const version = (input as { schema_version?: unknown } | null)?.schema_version;
  if (typeof version === "number" && version !== SCHEMA_VERSION) {
    return {
      ok: false,
      code: "stale_schema_version",
      issues: [
        {
          sheet: null,
          row: null,
          column: "schema_version",
          code: "stale_schema_version",
          severity: "error",
          message_vi: `Phiên bản mẫu ${version} đã cũ; hãy cập nhật tiện ích (phiên bản hiện tại: ${SCHEMA_VERSION}).`,
        },
      ],
    };
  }
  const parsed = envelopeSchema.safeParse(input);
  if (!parsed.success) {
    const sheets = (input as { sheets?: unknown } | null)?.sheets;
    return { ok: false, code: "invalid_envelope", issues: issuesFromZod(parsed.error, sheets, ["sheets"]) };
  }
  const raw = (input as { sheets: unknown }).sheets;
  if (contentHash(raw) !== parsed.data.content_hash) {
    return {
      ok: false,
      code: "hash_mismatch",
      issues: [
        {
          sheet: null,
          row: null,
          column: "content_hash",
          code: "hash_mismatch",
          severity: "error",
          message_vi: "Nội dung gửi lên không khớp mã băm; dữ liệu có thể bị hỏng trên đường truyền. Hãy gửi lại.",
        },
      ],
    };
  }
  const issues = checkRules(parsed.data.sheets, opts);
  if (issues.some((i) => i.severity === "error")) return { ok: false, code: "rule_violation", issues };
  return { ok: true, envelope: parsed.data, issues };
}

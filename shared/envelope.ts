/**
 * The submission envelope: what the add-on sends and the worker receives. Both sides call
 * `checkEnvelope`, so the worker never trusts the client's own check.
 */
import type { DeletionCounts, EnvelopeErrorCode } from "./contract";
import { contentHash } from "./hash";
import { type Issue, issuesFromZod } from "./issues";
import { checkRules, type RuleOptions } from "./rules/index";
import { type Envelope, envelopeSchema, MIN_SCHEMA_VERSION, SCHEMA_VERSION, type Workbook } from "./schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "./templates";

export interface EnvelopeMeta {
  commune_code: string;
  commune_name?: string;
  spreadsheet_id: string;
  /** A UUID chosen once per submission attempt and reused on retry, so a retry counts once. */
  submission_id: string;
  /** ISO instant. */
  generated_at: string;
  /** Register deletions the clerk confirmed (see the worker's `confirm_deletions_required`). */
  confirm_deletions?: DeletionCounts;
}

/** Wrap checked sheets into an envelope, with the content hash over their canonical JSON. */
export function buildEnvelope(meta: EnvelopeMeta, sheets: Workbook): Envelope {
  return { schema_version: SCHEMA_VERSION, ...meta, content_hash: contentHash(sheets), sheets };
}

export type EnvelopeCheck =
  | {
      ok: true;
      envelope: Envelope;
      issues: Issue[];
      /** The sheets the envelope holds: a log sheet left out is not touched (a register sheet left out is refused). */
      present: ReadonlySet<SheetKey>;
    }
  | { ok: false; code: EnvelopeErrorCode; issues: Issue[] };

export type { EnvelopeErrorCode };

const envelopeIssue = (column: string, code: string, message_vi: string): Issue => ({
  sheet: null,
  row: null,
  column,
  code,
  severity: "error",
  message_vi,
});

/**
 * Check a received envelope: version, every register sheet present (an absent sheet must never read
 * as an empty one: that would delete the register), shape and every cell (zod), content hash, then
 * the cross-row rules. Warnings pass; any error refuses the whole envelope.
 */
export function checkEnvelope(input: unknown, opts: RuleOptions): EnvelopeCheck {
  const version = (input as { schema_version?: unknown } | null)?.schema_version;
  if (typeof version === "number" && version < MIN_SCHEMA_VERSION) {
    return {
      ok: false,
      code: "stale_schema_version",
      issues: [
        envelopeIssue(
          "schema_version",
          "stale_schema_version",
          `Phiên bản mẫu ${version} đã cũ; hãy cập nhật tiện ích (phiên bản hiện tại: ${SCHEMA_VERSION}).`,
        ),
      ],
    };
  }
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    return {
      ok: false,
      code: "schema_version_too_new",
      issues: [
        envelopeIssue(
          "schema_version",
          "schema_version_too_new",
          `Phiên bản mẫu ${version} mới hơn máy chủ này (máy chủ nhận đến phiên bản ${SCHEMA_VERSION}); báo huyện cập nhật máy chủ.`,
        ),
      ],
    };
  }
  const sheets = (input as { sheets?: unknown } | null)?.sheets;
  const given = sheets && typeof sheets === "object" && !Array.isArray(sheets) ? new Set(Object.keys(sheets)) : null;
  const missing: Issue[] = given
    ? SHEET_KEYS.filter((k) => SHEETS[k].part === "register" && !given.has(k)).map((k) => ({
        sheet: k,
        row: null,
        column: null,
        code: "missing_sheet",
        severity: "error" as const,
        message_vi: `Thiếu trang "${SHEETS[k].title}" trong dữ liệu gửi lên. Trang không có mặt không được hiểu là trang trống; hãy gửi lại đủ các trang.`,
      }))
    : [];
  const parsed = envelopeSchema.safeParse(input);
  if (!parsed.success || missing.length) {
    return {
      ok: false,
      code: "invalid_envelope",
      issues: [...missing, ...(parsed.success ? [] : issuesFromZod(parsed.error, sheets, ["sheets"]))],
    };
  }
  if (contentHash(sheets) !== parsed.data.content_hash) {
    return {
      ok: false,
      code: "hash_mismatch",
      issues: [
        envelopeIssue(
          "content_hash",
          "hash_mismatch",
          "Nội dung gửi lên không khớp mã băm; dữ liệu có thể bị hỏng trên đường truyền. Hãy gửi lại.",
        ),
      ],
    };
  }
  const issues = checkRules(parsed.data.sheets, opts);
  if (issues.some((i) => i.severity === "error")) return { ok: false, code: "rule_violation", issues };
  return { ok: true, envelope: parsed.data, issues, present: new Set(SHEET_KEYS.filter((k) => given?.has(k))) };
}

/**
 * The HTTP API contract between the add-on and the worker, defined once: the receipt of an accepted
 * submission and its per-sheet counts, the error body and every error code, the token format.
 * Zod schemas; the types are inferred from them. The worker answers with these shapes, the add-on
 * parses answers with them, and the tests validate their fake answers against them
 * (tests/shared/contract.test.ts fails if another module declares one of these types by hand).
 */
import { ROSTER_SHEET_KEYS, type RosterSheetKey, SHEET_KEYS, SHEETS, type SheetKey } from "./templates";
import * as z from "./zod-vi";

// ---------------------------------------------------------------- tokens

/**
 * Tokens: a kind prefix and 128 random bits as 32 hex digits. `dvc_` is a commune's write token (the
 * add-on's "Cài đặt kết nối"), `dvl_` a read-only rollup link (`/r/<token>`).
 */
export const TOKEN_PREFIX = { commune: "dvc_", link: "dvl_" } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;
/** Any token; anything else is never looked up. */
export const TOKEN_PATTERN = /^dv[cl]_[0-9a-f]{32}$/;
export const COMMUNE_TOKEN_PATTERN = /^dvc_[0-9a-f]{32}$/;
/** Hex digits after the prefix. */
export const TOKEN_HEX_DIGITS = 32;

// ---------------------------------------------------------------- issues

export const SEVERITIES = ["error", "warning"] as const;

/** A problem found in a workbook (shared/issues.ts builds them): where, what, how bad, in Vietnamese. */
export const issueSchema = z.strictObject({
  sheet: z.enum(SHEET_KEYS as [SheetKey, ...SheetKey[]]).nullable(),
  /** Sheet row (1 = header row), or null when the issue is about the whole sheet. */
  row: z.number().int().nullable(),
  /** Column key (see templates), or null. */
  column: z.string().nullable(),
  code: z.string(),
  severity: z.enum(SEVERITIES),
  message_vi: z.string(),
});

// ---------------------------------------------------------------- receipt

/** What one submission did to one sheet. */
export const sheetCountsSchema = z.strictObject({
  inserted: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  /** Register rows deleted (a register sheet is replaced whole). */
  deleted: z.number().int().min(0),
  /** Log rows the commune removed from its sheet: marked withdrawn, off every page. Absent in receipts before it existed. */
  withdrawn: z.number().int().min(0).default(0),
});
export type SheetCounts = z.output<typeof sheetCountsSchema>;

/**
 * Counts per sheet. A roster sheet (the steering committee) is counted only when the envelope carried
 * it, so an add-on older than that sheet, whose contract does not know its key, reads every receipt.
 */
const sheetCountsOf = Object.fromEntries(
  SHEET_KEYS.map((k) => [k, (ROSTER_SHEET_KEYS as readonly string[]).includes(k) ? sheetCountsSchema.optional() : sheetCountsSchema]),
) as { [K in Exclude<SheetKey, RosterSheetKey>]: typeof sheetCountsSchema } & {
  [K in RosterSheetKey]: z.ZodOptional<typeof sheetCountsSchema>;
};

/** At most this many warnings are listed in a receipt (`warnings_total` says how many there were). */
export const RECEIPT_MAX_WARNINGS = 200;

export const receiptSchema = z.strictObject({
  submission_id: z.string().min(1),
  commune_id: z.string().min(1),
  /** ISO instant. */
  received_at: z.string().min(1),
  /** True when the same submission id had already been accepted: this is the stored receipt. */
  duplicate: z.boolean(),
  counts: z.strictObject(sheetCountsOf),
  warnings: z.array(issueSchema).max(RECEIPT_MAX_WARNINGS),
  warnings_total: z.number().int().min(0),
  /**
   * Set when the commune's unit has an end ('yyyy-MM-dd', exclusive: merged or dissolved): only rows of
   * periods inside the unit's validity were accepted (late corrections).
   */
  unit_valid_to: z.string().optional(),
});
export type Receipt = z.output<typeof receiptSchema>;

/** The body of a 200/201 answer of `POST /api/submissions` and `POST /api/admin/import`. */
export const receiptBodySchema = z.strictObject({ receipt: receiptSchema });

// ---------------------------------------------------------------- errors

/**
 * Every `error.code` the API answers with, and its HTTP status. Programs key on the code; people read
 * `message` (Vietnamese).
 */
export const ERROR_STATUS = {
  malformed_json: 400,
  invalid_period: 400,
  unauthorized: 401,
  commune_mismatch: 403,
  not_found: 404,
  unit_not_found: 404,
  token_not_found: 404,
  stale_schema_version: 409,
  schema_version_too_new: 409,
  submission_id_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 422,
  invalid_envelope: 422,
  hash_mismatch: 422,
  rule_violation: 422,
  confirm_deletions_required: 422,
  unit_level_not_allowed: 422,
  unit_ended: 422,
  invalid_units: 422,
  /** "Chuyển đổi thôn" (shared/village-moves.ts): the commune was not split, or the mapping has errors (details per cell). */
  not_split: 422,
  invalid_village_moves: 422,
  /** "Chốt số liệu kỳ" (shared/closing.ts): the commune's latest data has errors; the district accepted the period; nothing to accept or reopen; no data sent yet; a link or operator without the acceptance right. */
  period_has_errors: 422,
  period_accepted: 409,
  period_not_closed: 409,
  no_submission: 409,
  forbidden: 403,
  too_many_attempts: 429,
  http_error: 400,
  internal_error: 500,
  busy: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The codes of a refused envelope (shared/envelope.ts checkEnvelope). */
export const ENVELOPE_ERROR_CODES = [
  "stale_schema_version",
  "schema_version_too_new",
  "invalid_envelope",
  "hash_mismatch",
  "rule_violation",
] as const satisfies readonly ErrorCode[];
export type EnvelopeErrorCode = (typeof ENVELOPE_ERROR_CODES)[number];

/** The register sheets: a submission replaces them whole. */
export const REGISTER_SHEET_KEYS = SHEET_KEYS.filter((k) => SHEETS[k].part === "register");

/**
 * Register rows a submission deletes, per register sheet: in a `confirm_deletions_required` refusal
 * the worker says how many; the add-on asks the clerk and sends the same object back in the
 * envelope's `confirm_deletions`.
 */
export const deletionCountsSchema = z.strictObject({
  villages: z.number().int().min(0),
  teams: z.number().int().min(0),
  members: z.number().int().min(0),
  households: z.number().int().min(0),
});
export type DeletionCounts = z.output<typeof deletionCountsSchema>;
export type RegisterSheetKey = keyof DeletionCounts;

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Issues ({sheet, row, column, code, severity, message_vi}) where there are any, else empty. */
    details: z.array(issueSchema),
    /** `confirm_deletions_required` only: the deletions to confirm (with the rows each register sheet holds now). */
    confirm_deletions: deletionCountsSchema.optional(),
    stored: deletionCountsSchema.optional(),
  }),
});
export type ErrorBody = z.output<typeof errorBodySchema>;
/** Fields some refusals add next to code, message and details. */
export type ErrorExtra = Omit<ErrorBody["error"], "code" | "message" | "details">;

// ---------------------------------------------------------------- connection code

/**
 * The connection code: what a commune's setup sheet prints (the console, worker/src/console) and the
 * add-on's "Cài đặt kết nối" takes in one paste — a version word, the commune's GSO code, the
 * worker's address and the commune's write token, separated by spaces:
 *   DV1 07525 https://dan-van.example.workers.dev dvc_0123456789abcdef0123456789abcdef
 * Read back leniently: line breaks and runs of spaces (a copy out of a PDF or a Zalo message) are
 * one space, and words before "DV1" (a label copied with it) are ignored.
 */
export const CONNECTION_CODE_VERSION = "DV1";

/** http:// only for this machine (local development and tests); anything else must be https://. */
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/\S*)?$/i;
export const workerUrlSchema = z
  .string()
  .max(500)
  .refine((u) => /^https:\/\/[^\s/]+(\/\S*)?$/i.test(u) || LOOPBACK_HTTP.test(u), {
    error: "Địa chỉ máy chủ trong mã kết nối không đúng (phải bắt đầu bằng https://).",
  })
  .transform((u) => u.replace(/\/+$/, ""));

export const connectionSchema = z.strictObject({
  commune_code: z.string().regex(/^\d{5}$/, { error: "Mã xã trong mã kết nối phải gồm đúng 5 chữ số." }),
  worker_url: workerUrlSchema,
  token: z.string().regex(COMMUNE_TOKEN_PATTERN, {
    error:
      'Mã truy cập trong mã kết nối không đúng (bắt đầu bằng "dvc_", thêm 32 chữ số/chữ cái a–f): có thể đã dán thiếu hoặc thừa ký tự.',
  }),
});
export type Connection = z.output<typeof connectionSchema>;

/** The connection code of a commune. Throws if a part is not what `connectionSchema` accepts. */
export function connectionCode(c: Connection): string {
  const v = connectionSchema.parse(c);
  return `${CONNECTION_CODE_VERSION} ${v.commune_code} ${v.worker_url} ${v.token}`;
}

/** A pasted connection code read back, or a Vietnamese message saying what is wrong with it. */
export function parseConnectionCode(text: string): { ok: true; connection: Connection } | { ok: false; message: string } {
  const words = String(text ?? "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return { ok: false, message: "Chưa dán mã kết nối." };
  const at = words.indexOf(CONNECTION_CODE_VERSION);
  if (at < 0) {
    if (words.length === 1 && COMMUNE_TOKEN_PATTERN.test(words[0]!)) {
      return {
        ok: false,
        message: `Đây là mã truy cập, chưa phải mã kết nối. Hãy dán cả dòng mã kết nối trên phiếu cài đặt (bắt đầu bằng "${CONNECTION_CODE_VERSION}").`,
      };
    }
    return {
      ok: false,
      message: `Không phải mã kết nối: mã kết nối bắt đầu bằng "${CONNECTION_CODE_VERSION}" (xem phiếu cài đặt của xã).`,
    };
  }
  const parts = words.slice(at + 1);
  if (parts.length !== 3) {
    return {
      ok: false,
      message: `Mã kết nối ${parts.length < 3 ? "bị thiếu" : "bị thừa"}: sau "${CONNECTION_CODE_VERSION}" phải có đúng 3 phần — mã xã, địa chỉ máy chủ, mã truy cập. Hãy dán lại cả dòng.`,
    };
  }
  const [commune_code, worker_url, token] = parts as [string, string, string];
  const r = connectionSchema.safeParse({ commune_code, worker_url, token });
  if (!r.success) return { ok: false, message: r.error.issues[0]!.message };
  return { ok: true, connection: r.data };
}

/**
 * The submission envelope: what the add-on sends and the worker receives. Both sides check it, so the
 * worker never trusts the client's own check: `checkEnvelope` whole, or, in the worker, the head (version,
 * fields, hashes computed again) first and the sheets after, against what the commune already has
 * (worker/src/ingest/delta.ts).
 */
import type { DeletionCounts, EnvelopeErrorCode } from "./contract";
import { contentHash } from "./hash";
import { type Issue, issuesFromZod } from "./issues";
import { checkRules, type RuleOptions } from "./rules/index";
import { type Envelope, envelopeSchema, MIN_SCHEMA_VERSION, SCHEMA_VERSION, type Workbook } from "./schemas";
import { sha256Hex } from "./sha256";
import { type Digest, type EnvelopeHashes, envelopeHashes, hashesOfTexts, plainRowTexts } from "./sheet-hash";
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

/** Wrap checked sheets into an envelope, with the hash of each sheet and the content hash over them. */
export function buildEnvelope(meta: EnvelopeMeta, sheets: Workbook, digest: Digest = sha256Hex): Envelope {
  const { content_hash, sheet_hashes } = envelopeHashes(sheets, digest);
  return { schema_version: SCHEMA_VERSION, ...meta, content_hash, sheet_hashes, sheets };
}

export type EnvelopeRefusal = { ok: false; code: EnvelopeErrorCode; issues: Issue[] };

export type EnvelopeCheck =
  | {
      ok: true;
      envelope: Envelope;
      issues: Issue[];
      /** The sheets the envelope holds: a log sheet left out is not touched (a register sheet left out is refused). */
      present: ReadonlySet<SheetKey>;
      hashes: EnvelopeHashes;
    }
  | EnvelopeRefusal;

/** An envelope whose fields and hashes are right; its sheets are not checked yet. */
export interface EnvelopeHead {
  ok: true;
  /** The envelope as received. */
  input: unknown;
  /** Its fields but the sheets, parsed. */
  fields: Omit<Envelope, "sheets">;
  /** Its sheets as received: not checked yet. */
  sheets: Record<string, unknown>;
  present: ReadonlySet<SheetKey>;
  /** Computed here, equal to the ones sent. */
  hashes: EnvelopeHashes;
  /** Each row's text per sheet (shared/sheet-hash.ts), as hashed. */
  rowTexts: Record<string, string[]>;
}

export type { EnvelopeErrorCode };

const envelopeIssue = (column: string, code: string, message_vi: string): Issue => ({
  sheet: null,
  row: null,
  column,
  code,
  severity: "error",
  message_vi,
});

const hashMismatch = (column: string): EnvelopeRefusal => ({
  ok: false,
  code: "hash_mismatch",
  issues: [
    envelopeIssue(column, "hash_mismatch", "Nội dung gửi lên không khớp mã băm; dữ liệu có thể bị hỏng trên đường truyền. Hãy gửi lại."),
  ],
});

/** Everything but the sheets, parsed alone (cheap). */
const headSchema = envelopeSchema.omit({ sheets: true });

/**
 * The head of a received envelope: version, every register sheet present (an absent sheet must never
 * read as an empty one: that would delete the register), every field but the sheets' cells, and the
 * hashes — computed again with `digest`, never taken on trust: with `sheet_hashes`, each sent sheet's
 * and the content hash over them; without (versions 1–2), the content hash over the sheets' canonical JSON.
 */
export function checkEnvelopeHead(input: unknown, digest: Digest = sha256Hex): EnvelopeHead | EnvelopeRefusal {
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
  const unknownSheet = given ? [...given].some((k) => !(k in SHEETS)) : true;
  const { sheets: _, ...fields } = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const head = headSchema.safeParse(fields);
  const rowTexts = given && !unknownSheet ? plainRowTexts(sheets as Record<string, unknown>) : null;
  if (missing.length || !rowTexts || !head.success) {
    // The whole parse, for every issue at once (only on the way to a refusal).
    const parsed = envelopeSchema.safeParse(input);
    const issues = [...missing, ...(parsed.success ? [] : issuesFromZod(parsed.error, sheets, ["sheets"]))];
    return {
      ok: false,
      code: "invalid_envelope",
      issues: issues.length ? issues : [envelopeIssue("sheets", "invalid_type", "Dữ liệu các trang không đúng dạng danh sách dòng.")],
    };
  }
  const hashes = hashesOfTexts(sheets as Record<string, unknown>, rowTexts, digest);
  const sent = fields.sheet_hashes as Record<string, string> | undefined;
  if (sent) {
    const keys = Object.keys(hashes.sheet_hashes);
    if (Object.keys(sent).length !== keys.length || keys.some((k) => sent[k] !== hashes.sheet_hashes[k]))
      return hashMismatch("sheet_hashes");
    if (fields.content_hash !== hashes.content_hash) return hashMismatch("content_hash");
  } else if (contentHash(sheets) !== fields.content_hash) return hashMismatch("content_hash");
  return {
    ok: true,
    input,
    fields: head.data,
    sheets: sheets as Record<string, unknown>,
    present: new Set(SHEET_KEYS.filter((k) => given?.has(k))),
    hashes,
    rowTexts,
  };
}

/** The sheets of an envelope whose head passed: every cell (zod), then the cross-row rules. Warnings pass. */
export function checkEnvelopeSheets(head: EnvelopeHead, opts: RuleOptions): EnvelopeCheck {
  const parsed = envelopeSchema.safeParse(head.input);
  if (!parsed.success) return { ok: false, code: "invalid_envelope", issues: issuesFromZod(parsed.error, head.sheets, ["sheets"]) };
  const issues = checkRules(parsed.data.sheets, opts);
  if (issues.some((i) => i.severity === "error")) return { ok: false, code: "rule_violation", issues };
  return { ok: true, envelope: parsed.data, issues, present: head.present, hashes: head.hashes };
}

/** Check a received envelope whole: its head, then its sheets. Any error refuses the whole envelope. */
export function checkEnvelope(input: unknown, opts: RuleOptions, digest: Digest = sha256Hex): EnvelopeCheck {
  const head = checkEnvelopeHead(input, digest);
  return head.ok ? checkEnvelopeSheets(head, opts) : head;
}

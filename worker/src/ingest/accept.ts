/**
 * From a parsed request body to a receipt — the path shared by `POST /api/submissions` (a commune
 * token) and `POST /api/admin/import` (the admin, loading history). Nothing is written unless the
 * envelope passes every check; a submission id seen before answers with its stored receipt. A
 * refusal is returned (./refusal.ts), never thrown: the HTTP layer maps it (../http/ingest.ts).
 * Here the envelope's head (fields, version, hashes computed again); its sheets are checked by the
 * ingest against what the commune holds (./check.ts), since what is unchanged needs no check.
 */
import { checkEnvelopeHead } from "../../../shared/envelope";
import { type Issue, sheetRow } from "../../../shared/issues";
import { ERASED_HOUSEHOLD_WARNING } from "../../../shared/privacy";
import { lateCorrectionNotice, type UnitValidity } from "../../../shared/rules/validity";
import { envelopeSchema } from "../../../shared/schemas";
import { SHEETS } from "../../../shared/templates";
import { erasedHouseholds } from "../db/erasures";
import { putPayload } from "../db/payloads";
import { sha256 } from "./digest";
import { duplicateReceipt, type IngestOutcome, type IngestRequest, ingest } from "./ingest";
import { findSubmission } from "./receipt";
import { envelopeMessage, MAX_DETAILS, refuse, submissionIdConflict } from "./refusal";
import { readCommuneState } from "./sheet-state";

export interface AcceptRequest extends Pick<IngestRequest, "receivedAt" | "actor" | "action" | "audit" | "payloads"> {
  /** The parsed body and its raw text. */
  body: unknown;
  raw: string;
  /** The commune the caller may write: its unit id, GSO code and validity (rows outside it are refused). */
  commune: { id: string; code: string } & UnitValidity;
  /** 'yyyy-MM-dd' in Vietnam time: the day rules like "not in the future" are judged against. */
  today: string;
}

/** The envelope's submission id as its schema has it (a UUID): the R2 key is made of it. */
const SUBMISSION_ID = envelopeSchema.shape.submission_id;

const field = (body: unknown, key: string): unknown =>
  body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;

export async function accept(db: D1Database, req: AcceptRequest): Promise<IngestOutcome> {
  const code = field(req.body, "commune_code");
  if (typeof code === "string" && code !== req.commune.code) {
    return refuse("commune_mismatch", `Mã xã trong dữ liệu (${code}) không khớp với xã của mã truy cập (${req.commune.code}).`);
  }

  // A retry of an accepted submission is answered before any check, so it succeeds even if the
  // rules (or today's date) have moved on since. The households erased on request are read at the
  // same time (one wait on D1, not three).
  // The commune's version and sheet states too, for the first plan (a retry does not use them).
  const id = field(req.body, "submission_id");
  const state = readCommuneState(db, req.commune.id);
  state.catch(() => undefined); // a refusal below does not wait for it; the ingest awaits it
  const [stored, erasedCodes] = await Promise.all([
    typeof id === "string" ? findSubmission(db, id) : null,
    erasedHouseholds(db, req.commune.id),
  ]);
  if (stored) {
    if (stored.commune_id !== req.commune.id || stored.content_hash !== field(req.body, "content_hash")) {
      return submissionIdConflict();
    }
    return { ok: true, receipt: duplicateReceipt(stored), created: false };
  }

  // Not a retry: the payload's put into R2 starts now, while the head and the sheets are checked
  // (awaited before the D1 batch; a refusal leaves an object no receipt names: ./ingest.ts).
  const put = SUBMISSION_ID.safeParse(id).success ? putPayload(req.payloads, req.commune.id, id as string, req.raw) : undefined;
  put?.catch(() => undefined);
  const check = checkEnvelopeHead(req.body, sha256);
  if (!check.ok) {
    await put?.catch(() => undefined);
    return refuse(check.code, envelopeMessage(check.code, check.issues), check.issues.slice(0, MAX_DETAILS));
  }
  const erased = erasedStill(check.sheets.households, erasedCodes);
  return ingest(db, {
    head: check,
    rules: { today: req.today },
    unit: req.commune,
    payload: req.raw,
    payloads: req.payloads,
    put,
    communeId: req.commune.id,
    state,
    receivedAt: req.receivedAt,
    actor: req.actor,
    action: req.action,
    audit: req.audit,
    notices: [...(req.commune.valid_to ? [lateCorrectionNotice(req.commune)] : []), ...erased],
  });
}

/**
 * A household erased on request (worker/src/privacy/erase.ts) that the sheet still holds: accepted,
 * and the clerk is told on the row so that the name and birth year are removed from the sheet too.
 */
function erasedStill(rows: unknown, erased: ReadonlySet<string>): Issue[] {
  if (!erased.size || !Array.isArray(rows)) return [];
  // The sheet is not checked yet (it may be skipped as unchanged): each code read as its cell reads it.
  const code = SHEETS.households.columns.household_code.schema;
  return rows.flatMap((raw, i) => {
    const h = {
      household_code: code.safeParse((raw as Record<string, unknown> | null)?.household_code).data,
      _row: (raw as { _row?: number } | null)?._row,
    };
    return h.household_code !== undefined && erased.has(h.household_code)
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
      : [];
  });
}

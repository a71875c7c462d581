/**
 * "Gửi báo cáo": check first (errors → nothing is sent), build the envelope, keep its submission
 * id in properties BEFORE sending, POST it to the worker, and clear the id only once a receipt
 * arrives — so a retry after a failure reuses the id and the worker counts the submission once.
 * A worker busy with another submission of the commune (503 + Retry-After) is asked again a few
 * times (BUSY_RETRY). When the worker asks to confirm deleting many register rows, the clerk is asked
 * (`confirm`); only a yes sends the same envelope again with the worker's counts in
 * `confirm_deletions`. The weekly trigger has nobody to ask: it records that a confirmation is needed.
 */
import { buildEnvelope } from "../../../shared/envelope";
import { BUSY_RETRY, retryDelaySeconds } from "../busy-retry";
import { PROP } from "../config";
import { chooseSubmission, interpretResponse, networkFailure, parsePending, type SubmitOutcome, submissionsUrl } from "../submit";
import { type CheckRun, runCheck } from "./check";
import { type KV, missingSettings, type Settings } from "./props";
import { recordLastSubmission } from "./setup";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type SubmitResult =
  | { status: "blocked_errors"; check: CheckRun }
  | { status: "blocked_settings"; missing: string[]; check: CheckRun }
  | {
      status: "sent";
      check: CheckRun;
      outcome: SubmitOutcome;
      submissionId: string;
      retry: boolean;
      /** HTTP requests made (busy retries and a confirmed resend included). */
      requests: number;
      /** Seconds waited for a busy worker. */
      waitedSeconds: number;
      /** The clerk was asked to confirm deletions: their answer. */
      confirmed?: boolean;
    };

export interface SubmitContext {
  ss: Spreadsheet;
  /** Where marks' extent and the pending submission are kept. */
  kv: KV;
  settings: Settings;
  today: string;
  /** Asks the clerk a yes/no question (title, message); absent when nobody is there (the weekly trigger). */
  confirm?: (title: string, message: string) => boolean;
}

/** One POST, and the busy retries it may need. */
function post(ctx: SubmitContext, payload: string, tally: { requests: number; waitedSeconds: number }): SubmitOutcome {
  for (let attempt = 1; ; attempt++) {
    tally.requests++;
    let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      res = UrlFetchApp.fetch(submissionsUrl(ctx.settings.workerUrl), {
        method: "post",
        contentType: "application/json",
        headers: { Authorization: `Bearer ${ctx.settings.token}` },
        payload,
        muteHttpExceptions: true,
      });
    } catch (e) {
      return networkFailure(e);
    }
    const status = res.getResponseCode();
    const wait =
      attempt < BUSY_RETRY.attempts ? retryDelaySeconds(status, res.getHeaders() as Record<string, unknown>, tally.waitedSeconds) : null;
    if (wait === null) return interpretResponse(status, res.getContentText());
    Utilities.sleep(wait * 1000);
    tally.waitedSeconds += wait;
  }
}

export function submitWorkbook(ctx: SubmitContext): SubmitResult {
  const check = runCheck(ctx.ss, ctx.kv, { today: ctx.today });
  if (!check.result.ok) return { status: "blocked_errors", check };
  const missing = missingSettings(ctx.settings);
  if (missing.length) return { status: "blocked_settings", missing, check };

  const meta = {
    commune_code: ctx.settings.communeCode,
    ...(ctx.settings.communeName ? { commune_name: ctx.settings.communeName } : {}),
    spreadsheet_id: ctx.ss.getId(),
  };
  const envelope = buildEnvelope({ ...meta, submission_id: "", generated_at: "" }, check.result.workbook);
  const { pending, retry } = chooseSubmission(
    parsePending(ctx.kv.get(PROP.pending)),
    envelope.content_hash,
    () => Utilities.getUuid(),
    () => new Date().toISOString(),
  );
  envelope.submission_id = pending.submission_id;
  envelope.generated_at = pending.generated_at;
  // Saved before sending: if the request dies half-way, the next attempt sends the same id.
  ctx.kv.set(PROP.pending, JSON.stringify(pending));

  const tally = { requests: 0, waitedSeconds: 0 };
  let outcome = post(ctx, JSON.stringify(envelope), tally);
  let confirmed: boolean | undefined;
  if (outcome.kind === "confirm" && ctx.confirm) {
    confirmed = ctx.confirm(outcome.title, outcome.message);
    // Nothing was written by the refused attempt: the same id goes again, now with the clerk's yes.
    if (confirmed) outcome = post(ctx, JSON.stringify({ ...envelope, confirm_deletions: outcome.confirm }), tally);
  }
  const when = new Date().toISOString();
  if (outcome.kind === "accepted") {
    ctx.kv.del(PROP.pending);
    ctx.kv.set(PROP.lastReceipt, JSON.stringify({ ...outcome.receipt, warnings: outcome.receipt.warnings_total }));
    recordLastSubmission(ctx.ss, when, `Đã gửi (mã lần gửi ${pending.submission_id})`);
  } else {
    // The id was used for other content (should not happen: a changed content gets a new id); let the next attempt start afresh.
    if (outcome.code === "submission_id_conflict") ctx.kv.del(PROP.pending);
    const note =
      outcome.kind === "confirm"
        ? confirmed === false
          ? "Chưa gửi: không xác nhận xóa dữ liệu"
          : "Chưa gửi: cần xác nhận xóa dữ liệu (mở bảng tính, bấm Gửi báo cáo)"
        : `${outcome.title}${outcome.status ? ` (mã ${outcome.status})` : ""}`;
    recordLastSubmission(ctx.ss, when, note);
  }
  return {
    status: "sent",
    check,
    outcome,
    submissionId: pending.submission_id,
    retry,
    ...tally,
    ...(confirmed === undefined ? {} : { confirmed }),
  };
}

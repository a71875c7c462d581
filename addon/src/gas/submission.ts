/**
 * "Gửi báo cáo": check first (errors → nothing is sent), build the envelope, keep its submission
 * id in properties BEFORE sending, POST it to the worker, and clear the id only once a receipt
 * arrives — so a retry after a failure reuses the id and the worker counts the submission once.
 */
import { buildEnvelope } from "../../../shared/envelope";
import { PROP } from "../config";
import { chooseSubmission, interpretResponse, networkFailure, parsePending, type SubmitOutcome, submissionsUrl } from "../submit";
import { type CheckRun, runCheck } from "./check";
import { type KV, missingSettings, type Settings } from "./props";
import { recordLastSubmission } from "./setup";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type SubmitResult =
  | { status: "blocked_errors"; check: CheckRun }
  | { status: "blocked_settings"; missing: string[]; check: CheckRun }
  | { status: "sent"; check: CheckRun; outcome: SubmitOutcome; submissionId: string; retry: boolean };

export interface SubmitContext {
  ss: Spreadsheet;
  /** Where marks' extent and the pending submission are kept. */
  kv: KV;
  settings: Settings;
  today: string;
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

  let outcome: SubmitOutcome;
  try {
    const res = UrlFetchApp.fetch(submissionsUrl(ctx.settings.workerUrl), {
      method: "post",
      contentType: "application/json",
      headers: { Authorization: `Bearer ${ctx.settings.token}` },
      payload: JSON.stringify(envelope),
      muteHttpExceptions: true,
    });
    outcome = interpretResponse(res.getResponseCode(), res.getContentText());
  } catch (e) {
    outcome = networkFailure(e);
  }
  const when = new Date().toISOString();
  if (outcome.kind === "accepted") {
    ctx.kv.del(PROP.pending);
    ctx.kv.set(PROP.lastReceipt, JSON.stringify({ ...outcome.receipt, warnings: (outcome.receipt.warnings ?? []).length }));
    recordLastSubmission(ctx.ss, when, `Đã gửi (mã lần gửi ${pending.submission_id})`);
  } else {
    // The id was used for other content (should not happen: a changed content gets a new id); let the next attempt start afresh.
    if (outcome.code === "submission_id_conflict") ctx.kv.del(PROP.pending);
    recordLastSubmission(ctx.ss, when, `${outcome.title}${outcome.status ? ` (mã ${outcome.status})` : ""}`);
  }
  return { status: "sent", check, outcome, submissionId: pending.submission_id, retry };
}

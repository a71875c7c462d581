/**
 * `pull`: read a commune's template sheets with ONE values.batchGet, turn them into the workbook
 * with the add-on's own reader (shared/workbook-read.ts) and checks, build the envelope with the
 * shared code (shared/envelope.ts) and submit it — with the commune's token (POST
 * /api/submissions) or the admin import. A commune whose sheets have errors gets a report (sheet,
 * row, column, message) and nothing is sent for it. The submission id is kept in the state file
 * before sending and reused while the content is the same, so a retry is counted once.
 */
import { randomUUID } from "node:crypto";
import type { DeletionCounts } from "../../shared/contract";
import { buildEnvelope } from "../../shared/envelope";
import { contentHash } from "../../shared/hash";
import { todayVi } from "../../shared/periods";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { readWorkbook, type SheetValues, sheetValues } from "../../shared/workbook-read";
import type { Commune } from "./communes";
import { type Google, sheetRange } from "./google";
import { type IssueLine, issueLine } from "./report";
import { statusOf } from "./retry";
import type { StateStore } from "./state";
import { type WorkerClient, WorkerError, type WorkerReceipt } from "./worker-client";

export interface PullContext {
  google: Google;
  state: StateStore;
  worker: WorkerClient;
  /** "token": the commune's write token (from the communes file); "admin": the admin import. */
  via: "token" | "admin" | "auto";
  /** Read and check only; send nothing. */
  dryRun: boolean;
  /** Register deletions the operator confirmed, by commune code (./confirm.ts). */
  confirmDeletions?: ReadonlyMap<string, DeletionCounts>;
  now?: () => Date;
}

export type PullStatus = "accepted" | "duplicate" | "sheet_errors" | "refused" | "no_spreadsheet" | "checked";

export interface PullResult {
  status: PullStatus;
  spreadsheetId?: string;
  rows?: Partial<Record<SheetKey, number>>;
  /** Errors (and warnings) to show the operator, in Vietnamese. */
  issues: IssueLine[];
  warnings: number;
  receipt?: WorkerReceipt;
  refusal?: { status: number; code: string; message: string; confirmDeletions?: DeletionCounts };
}

/** Every template sheet's values in one read; a sheet the spreadsheet lacks is null. */
export async function readTemplateSheets(google: Google, spreadsheetId: string): Promise<Record<SheetKey, SheetValues>> {
  const titles = SHEET_KEYS.map((k) => SHEETS[k].title);
  let present = titles;
  let res: Awaited<ReturnType<Google["readRanges"]>>;
  try {
    res = await google.readRanges(spreadsheetId, titles.map(sheetRange));
  } catch (e) {
    // "Unable to parse range" names a sheet the spreadsheet does not have: read the ones it has.
    if (statusOf(e) !== 400) throw e;
    const meta = await google.getLayout(spreadsheetId);
    const have = new Set((meta.sheets ?? []).map((s) => s.properties?.title ?? ""));
    present = titles.filter((t) => have.has(t));
    res = present.length ? await google.readRanges(spreadsheetId, present.map(sheetRange)) : { valueRanges: [] };
  }
  const byTitle = new Map(present.map((t, i) => [t, (res.valueRanges?.[i]?.values ?? []) as unknown[][]]));
  return Object.fromEntries(SHEET_KEYS.map((k) => [k, sheetValues(k, byTitle.get(SHEETS[k].title) ?? null)])) as Record<
    SheetKey,
    SheetValues
  >;
}

export async function pullCommune(ctx: PullContext, c: Commune): Promise<PullResult> {
  const now = (ctx.now ?? (() => new Date()))();
  const base = { code: c.code, name: c.name };
  const st = ctx.state.get(c.unitId);
  const spreadsheetId = c.spreadsheetId ?? st?.spreadsheet_id;
  if (!spreadsheetId) return { status: "no_spreadsheet", issues: [], warnings: 0 };

  const data = await readTemplateSheets(ctx.google, spreadsheetId);
  // The Sheets API gives date cells as day numbers (read by the shared cell parser), never Dates.
  const { result, rows } = readWorkbook(data, { today: todayVi(now), read: { dateToIso: (d) => d.toISOString().slice(0, 10) } });
  const warnings = result.issues.filter((i) => i.severity === "warning").length;
  if (!result.ok) {
    if (!ctx.dryRun) await ctx.state.update(c.unitId, base, { last_pull_at: now.toISOString(), last_pull_result: "sheet_errors" });
    return {
      status: "sheet_errors",
      spreadsheetId,
      rows,
      issues: result.issues.filter((i) => i.severity === "error").map((i) => issueLine(i, data)),
      warnings,
    };
  }
  if (ctx.dryRun) return { status: "checked", spreadsheetId, rows, issues: [], warnings };

  const hash = contentHash(result.workbook);
  const pending =
    st?.pending?.content_hash === hash ? st.pending : { submission_id: randomUUID(), content_hash: hash, generated_at: now.toISOString() };
  const envelope = buildEnvelope(
    {
      commune_code: c.code,
      commune_name: c.name,
      spreadsheet_id: spreadsheetId,
      submission_id: pending.submission_id,
      generated_at: pending.generated_at,
      ...(ctx.confirmDeletions?.has(c.code) ? { confirm_deletions: ctx.confirmDeletions.get(c.code)! } : {}),
    },
    result.workbook,
  );
  // Kept before sending: if the answer is lost, the next run sends the same id.
  await ctx.state.update(c.unitId, base, { pending });
  const via = ctx.via === "auto" ? (c.token ? "token" : "admin") : ctx.via;
  try {
    if (via === "token" && !c.token) throw new WorkerError(0, "no_token", `Chưa có mã truy cập của ${c.name} trong tệp danh sách xã.`);
    const receipt = via === "token" ? await ctx.worker.submit(envelope, c.token!) : await ctx.worker.importSubmission(c.unitId, envelope);
    const at = new Date().toISOString();
    await ctx.state.update(c.unitId, base, {
      pending: undefined,
      last_pull_at: at,
      last_pull_result: receipt.duplicate ? "duplicate" : "accepted",
      last_accepted_at: receipt.received_at,
      last_submission_id: receipt.submission_id,
    });
    try {
      await ctx.worker.upsertRecords([{ unit_id: c.unitId, last_pulled_at: at }]);
    } catch {
      // The receipt is what counts; the record's pull time is informative (status shows the state file's).
    }
    return { status: receipt.duplicate ? "duplicate" : "accepted", spreadsheetId, rows, issues: [], warnings, receipt };
  } catch (e) {
    if (!(e instanceof WorkerError) || e.status === 0 || e.status >= 500 || e.status === 429) throw e;
    // Refused (4xx): nothing was written. A conflicting id is dropped so the next run starts afresh.
    await ctx.state.update(c.unitId, base, {
      last_pull_at: now.toISOString(),
      last_pull_result: "refused",
      ...(e.code === "submission_id_conflict" ? { pending: undefined } : {}),
    });
    const details = (e.details as Parameters<typeof issueLine>[0][]).filter((d) => d && typeof d === "object" && "message_vi" in d);
    return {
      status: "refused",
      spreadsheetId,
      rows,
      issues: details.map((d) => issueLine(d, data)),
      warnings,
      refusal: {
        status: e.status,
        code: e.code,
        message: e.message,
        ...(e.confirmDeletions ? { confirmDeletions: e.confirmDeletions } : {}),
      },
    };
  }
}

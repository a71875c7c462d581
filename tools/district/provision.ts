/**
 * `provision`: for each commune, its spreadsheet — created (or copied from a template) in the
 * folder or Shared Drive, every template sheet built with ONE batchUpdate (./layout.ts, the shared
 * plan), shared with the clerk as writer, its id recorded in the state file and the worker's
 * commune record. Idempotent and resumable:
 *  - a commune done in the state file is skipped;
 *  - each file carries the commune's unit id in appProperties, so a file created by a run that
 *    died before writing the state (or whose create answered 5xx after creating it) is found again
 *    instead of created twice;
 *  - a batchUpdate is atomic; after a failure the layout is read again and planned afresh;
 *  - sharing the same user again is harmless (Drive keeps one permission per user).
 */
import type { sheets_v4 } from "googleapis";
import { SETTINGS_SHEET } from "../../shared/template-plan";
import { SHEET_KEYS, SHEETS } from "../../shared/templates";
import type { Commune } from "./communes";
import { type CommuneFile, type Google, sheetRange } from "./google";
import { type ExistingSheet, type LayoutPlan, planLayout } from "./layout";
import { DEFAULT_RETRY, type RetryPolicy, retrying } from "./retry";
import type { StateStore } from "./state";
import type { WorkerClient } from "./worker-client";

export interface ProvisionContext {
  google: Google;
  state: StateStore;
  /** The worker, when reachable with the admin secret; else records stay in the state file only. */
  worker: WorkerClient | null;
  folderId?: string;
  templateId?: string;
  /** Send Drive's sharing email (one per clerk, with a Vietnamese message); default: no email. */
  notify: boolean;
  dryRun: boolean;
  /** Files already in Drive by unit id (one files.list at the start of the run). */
  existing: Map<string, CommuneFile[]>;
  retry?: RetryPolicy;
  /** Where --dry-run writes the requests it would send. */
  print: (line: string) => void;
  now?: () => Date;
}

export type ProvisionAction = "skipped" | "provisioned" | "repaired" | "dry_run";

export interface ProvisionResult {
  action: ProvisionAction;
  spreadsheetId?: string;
  url?: string;
  /** Sheets created / columns added by this run. */
  created: string[];
  notes: string[];
}

export const spreadsheetName = (c: Pick<Commune, "code" | "name">) => `Dân vận — ${c.name} (${c.code})`;

export const shareMessage = (c: Pick<Commune, "name">) =>
  `Bảng tính báo cáo Tổ Dân vận cộng đồng của ${c.name}. Mở bảng tính và làm theo hướng dẫn của Ban Dân vận để cài tiện ích Dân vận.`;

/** The sheets of a spreadsheet and the first rows of its template and settings sheets (one get, at most one batchGet). */
export async function readLayout(google: Google, spreadsheetId: string): Promise<ExistingSheet[]> {
  const meta: sheets_v4.Schema$Spreadsheet = await google.getLayout(spreadsheetId);
  const sheets: ExistingSheet[] = (meta.sheets ?? []).map((s) => ({
    sheetId: s.properties?.sheetId ?? 0,
    title: s.properties?.title ?? "",
    rowCount: s.properties?.gridProperties?.rowCount ?? 1000,
    columnCount: s.properties?.gridProperties?.columnCount ?? 26,
    frozenRowCount: s.properties?.gridProperties?.frozenRowCount ?? 0,
    protections: (s.protectedRanges ?? []).map((p) => ({ protectedRangeId: p.protectedRangeId ?? 0, description: p.description ?? "" })),
    values: [],
  }));
  const wanted = new Set<string>([...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET]);
  const toRead = sheets.filter((s) => wanted.has(s.title));
  if (toRead.length) {
    const ranges = toRead.map((s) => `${sheetRange(s.title)}!${s.title === SETTINGS_SHEET ? "A1:B7" : "1:1"}`);
    const res = await google.readRanges(spreadsheetId, ranges);
    toRead.forEach((s, i) => {
      s.values = (res.valueRanges?.[i]?.values ?? []) as unknown[][];
    });
  }
  return sheets;
}

async function plan(ctx: ProvisionContext, c: Commune, spreadsheetId: string, dropDefaultSheet: boolean): Promise<LayoutPlan> {
  return planLayout({ sheets: await readLayout(ctx.google, spreadsheetId), commune: { code: c.code, name: c.name }, dropDefaultSheet });
}

/** Find the commune's file, or create it; a create that failed in a retryable way looks again before trying again. */
async function ensureFile(ctx: ProvisionContext, c: Commune): Promise<{ file: CommuneFile; created: boolean; notes: string[] }> {
  const notes: string[] = [];
  const found = ctx.existing.get(c.unitId) ?? [];
  if (found.length > 1) notes.push(`Có ${found.length} bảng tính mang mã xã này; dùng ${found[0]!.id}, hãy xóa các bản còn lại.`);
  if (found.length) return { file: found[0]!, created: false, notes };
  let attempt = 0;
  let created = true;
  const file = await retrying(async () => {
    if (attempt++ > 0) {
      const again = await ctx.google.findCommuneFiles(c.unitId);
      if (again.length) {
        created = false;
        return again[0]!;
      }
    }
    return ctx.google.createCommuneFile({
      name: spreadsheetName(c),
      unitId: c.unitId,
      ...(ctx.folderId ? { folderId: ctx.folderId } : {}),
      ...(ctx.templateId ? { templateId: ctx.templateId } : {}),
    });
  }, ctx.retry ?? DEFAULT_RETRY);
  return { file, created, notes };
}

function dryRunOutput(ctx: ProvisionContext, c: Commune, steps: unknown[]): ProvisionResult {
  ctx.print(JSON.stringify({ commune: { unit_id: c.unitId, code: c.code, name: c.name }, requests: steps }, null, 2));
  return { action: "dry_run", created: [], notes: [] };
}

/** An empty new spreadsheet as Sheets makes it: one default sheet, sheetId 0. */
const EMPTY: ExistingSheet[] = [
  { sheetId: 0, title: "Sheet1", rowCount: 1000, columnCount: 26, frozenRowCount: 0, protections: [], values: [] },
];

export async function provisionCommune(ctx: ProvisionContext, c: Commune): Promise<ProvisionResult> {
  const now = () => (ctx.now ?? (() => new Date()))().toISOString();
  const before = ctx.state.get(c.unitId);
  const base = { code: c.code, name: c.name };
  const emailDone = !c.clerkEmail || before?.shared_with === c.clerkEmail;
  if (before?.provisioned_at && before.spreadsheet_id && emailDone && (before.worker_synced || !ctx.worker)) {
    return {
      action: "skipped",
      spreadsheetId: before.spreadsheet_id,
      ...(before.spreadsheet_url ? { url: before.spreadsheet_url } : {}),
      created: [],
      notes: [],
    };
  }

  if (ctx.dryRun) {
    const steps: unknown[] = [];
    let id = before?.spreadsheet_id ?? ctx.existing.get(c.unitId)?.[0]?.id;
    if (!id) {
      steps.push({
        method: ctx.templateId ? "drive.files.copy" : "drive.files.create",
        body: {
          name: spreadsheetName(c),
          appProperties: { danVanCommune: c.unitId },
          ...(ctx.folderId ? { parents: [ctx.folderId] } : {}),
        },
      });
      id = "(bảng tính mới)";
    }
    const sheets = id === "(bảng tính mới)" ? EMPTY : await readLayout(ctx.google, id);
    const p = planLayout({ sheets, commune: base, dropDefaultSheet: !before?.shared_at });
    if (!p.complete) steps.push({ method: "sheets.spreadsheets.batchUpdate", spreadsheetId: id, requests: p.requests });
    if (c.clerkEmail && !emailDone)
      steps.push({
        method: "drive.permissions.create",
        fileId: id,
        body: { type: "user", role: "writer", emailAddress: c.clerkEmail },
        sendNotificationEmail: ctx.notify,
      });
    return dryRunOutput(ctx, c, steps);
  }

  const notes: string[] = [];
  // 1. The file.
  let id = before?.spreadsheet_id;
  let url = before?.spreadsheet_url;
  let createdNow = false;
  if (!id) {
    const r = await ensureFile(ctx, c);
    notes.push(...r.notes);
    id = r.file.id;
    url = r.file.webViewLink ?? `https://docs.google.com/spreadsheets/d/${id}/edit`;
    createdNow = r.created;
    await ctx.state.update(c.unitId, base, { spreadsheet_id: id, spreadsheet_url: url, created_at: now() });
  }
  // 2. The layout: one batchUpdate, planned again after a failure (it may have been applied).
  let layout: LayoutPlan | null = null;
  if (!before?.built_at) {
    const dropDefault = !before?.shared_at;
    await retrying(async () => {
      layout = await plan(ctx, c, id!, dropDefault);
      if (layout.complete) return;
      await ctx.google.batchUpdate(id!, layout.requests);
    }, ctx.retry ?? DEFAULT_RETRY);
    await ctx.state.update(c.unitId, base, { built_at: now() });
  }
  // 3. Sharing with the clerk.
  if (c.clerkEmail && !emailDone) {
    const already = !createdNow && (await ctx.google.writers(id)).includes(c.clerkEmail);
    if (!already) await ctx.google.share(id, c.clerkEmail, ctx.notify ? { message: shareMessage(c) } : null);
    await ctx.state.update(c.unitId, base, { shared_with: c.clerkEmail, shared_at: now() });
  }
  // 4. Records: the state file, then the worker (best effort: a later run sends what is missing).
  const provisionedAt = before?.provisioned_at ?? now();
  await ctx.state.update(c.unitId, base, { provisioned_at: provisionedAt });
  if (ctx.worker) {
    try {
      await ctx.worker.upsertRecords([
        {
          unit_id: c.unitId,
          spreadsheet_id: id,
          spreadsheet_url: url ?? null,
          provisioned_at: provisionedAt,
          ...(c.clerkEmail ? { clerk_email: c.clerkEmail } : {}),
        },
      ]);
      await ctx.state.update(c.unitId, base, { worker_synced: true });
    } catch (e) {
      await ctx.state.update(c.unitId, base, { worker_synced: false });
      notes.push(`Chưa ghi được vào máy chủ: ${(e as Error).message}`);
    }
  }
  const built = layout as LayoutPlan | null;
  const created = built ? [...built.created, ...built.repaired.map((r) => `${r.title} (+${r.added.length} cột)`)] : [];
  return { action: createdNow ? "provisioned" : "repaired", spreadsheetId: id, ...(url ? { url } : {}), created, notes };
}

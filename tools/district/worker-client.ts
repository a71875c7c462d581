/**
 * The worker's API as the tool uses it: a commune's submission (POST /api/submissions with its
 * token, or the admin import POST /api/admin/import), and the commune records
 * (POST /api/admin/commune-records[/query]). Errors keep the worker's `{error: {code, message,
 * details}}`; 429/5xx and network failures are retried (a submission keeps its id, so the worker
 * counts a retried one once). A receipt is read with the API contract (shared/contract.ts).
 */
import { type DeletionCounts, deletionCountsSchema, type Receipt, receiptSchema } from "../../shared/contract";
import type { Envelope } from "../../shared/schemas";
import { DEFAULT_RETRY, type RetryEvents, type RetryPolicy, retrying } from "./retry";

export class WorkerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** `confirm_deletions_required` only: the deletions the worker asks to confirm. */
    readonly confirmDeletions?: DeletionCounts,
  ) {
    super(message);
  }
}

export type WorkerReceipt = Receipt;

export interface CommuneRecord {
  unit_id: string;
  spreadsheet_id?: string | null;
  spreadsheet_url?: string | null;
  clerk_email?: string | null;
  provisioned_at?: string | null;
  last_pulled_at?: string | null;
  last_submission_at?: string | null;
  last_submission_id?: string | null;
}

export interface WorkerOptions {
  baseUrl: string;
  adminSecret?: string;
  retry?: RetryPolicy;
  events?: RetryEvents;
}

export type WorkerClient = ReturnType<typeof workerClient>;

export function workerClient(o: WorkerOptions) {
  const base = o.baseUrl.replace(/\/+$/, "");
  const request = (path: string, body: unknown, bearer: string | undefined) =>
    retrying(
      async () => {
        const res = await fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(120_000),
        });
        const text = await res.text();
        let json: {
          error?: { code?: string; message?: string; details?: unknown; confirm_deletions?: unknown };
          [k: string]: unknown;
        } | null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        if (!res.ok) {
          const e = json?.error;
          throw new WorkerError(
            res.status,
            e?.code ?? "http_error",
            e?.message ?? `Máy chủ trả lời ${res.status}.`,
            Array.isArray(e?.details) ? e.details : [],
            deletionCountsSchema.safeParse(e?.confirm_deletions).data,
          );
        }
        return { status: res.status, body: (json ?? {}) as Record<string, unknown> };
      },
      o.retry ?? DEFAULT_RETRY,
      o.events ?? {},
    );
  const admin = () => {
    if (!o.adminSecret) throw new WorkerError(0, "no_admin_secret", "Chưa có mã quản trị (DAN_VAN_ADMIN_SECRET).");
    return o.adminSecret;
  };

  return {
    async submit(envelope: Envelope, token: string): Promise<WorkerReceipt> {
      return receiptSchema.parse((await request("/api/submissions", envelope, token)).body.receipt);
    },
    async importSubmission(unitId: string, envelope: Envelope): Promise<WorkerReceipt> {
      return receiptSchema.parse((await request("/api/admin/import", { commune_id: unitId, envelope }, admin())).body.receipt);
    },
    async upsertRecords(records: CommuneRecord[]): Promise<void> {
      for (let i = 0; i < records.length; i += 500)
        await request("/api/admin/commune-records", { records: records.slice(i, i + 500) }, admin());
    },
    async queryRecords(unitIds?: string[]): Promise<CommuneRecord[]> {
      return (await request("/api/admin/commune-records/query", unitIds ? { unit_ids: unitIds } : {}, admin())).body
        .records as CommuneRecord[];
    },
  };
}

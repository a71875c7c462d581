/**
 * Shared fixtures for the worker tests: requests through the real app (`exports.default.fetch`),
 * the pilot communes, envelopes, tokens, and table snapshots for "nothing was written" checks.
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { ErrorBody, Receipt } from "../../shared/contract";
import { PILOT } from "../../shared/data/units";
import { buildEnvelope, checkEnvelopeHead } from "../../shared/envelope";
import { todayVi } from "../../shared/periods";
import { type PilotCommune, pilotWorkbooks } from "../../shared/sample/pilot";
import type { Envelope, Workbook } from "../../shared/schemas";
import { seedUnits } from "../../worker/src/db/units";
import type { IngestRequest } from "../../worker/src/ingest/ingest";

export const ADMIN = "test-admin-secret";
export { PILOT };

export const db = () => env.DB;

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`, init));
}

/** POST a JSON body (or a raw string) with a bearer token. */
export function post(path: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const submit = (envelope: unknown, token: string) => post("/api/submissions", envelope, token);

export const receiptOf = async (res: Response) => ((await res.json()) as { receipt: Receipt }).receipt;

/** An error answer: the API contract's error body (shared/contract.ts). */
export type ErrorJson = ErrorBody;

/** The two pilot communes, each with a fresh workbook. */
export function pilot(): { quySon: PilotCommune; hongGiang: PilotCommune } {
  const [quySon, hongGiang] = pilotWorkbooks();
  return { quySon: quySon!, hongGiang: hongGiang! };
}

/** An envelope for a commune's workbook, with a new submission id unless one is given. */
export function envelope(
  c: Pick<PilotCommune, "commune_code" | "commune_name">,
  workbook: Workbook,
  submission_id: string = crypto.randomUUID(),
): Envelope {
  return buildEnvelope(
    {
      commune_code: c.commune_code,
      commune_name: c.commune_name,
      spreadsheet_id: `sheet-${c.commune_code}`,
      submission_id,
      generated_at: new Date().toISOString(),
    },
    workbook,
  );
}

/** Units in D1 (the shared unit data); every test file starts from an empty database. */
export async function seed(): Promise<void> {
  await seedUnits(env.DB);
}

export async function adminPost(path: string, body: unknown): Promise<Response> {
  return post(`/api/admin${path}`, body, ADMIN);
}

/** The pilot communes' whole workbooks imported (admin import), received at the final review (31/10/2022). */
export async function importPilot(communes: readonly PilotCommune[]): Promise<void> {
  for (const c of communes) {
    const res = await adminPost("/import", {
      commune_id: c.unit_id,
      received_at: "2022-10-31T05:00:00.000Z",
      envelope: envelope(c, c.workbook),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

/**
 * A new commune write token (through the admin API). The pilot communes ended on 1 July 2025, so the
 * token is asked for late corrections: their submissions are accepted for periods before that day.
 */
export async function communeToken(unitId: string): Promise<string> {
  const res = await adminPost("/tokens", { unit_id: unitId, label: "test", late_corrections: true });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export const TABLES = [
  "units",
  "unit_successors",
  "villages",
  "teams",
  "members",
  "households",
  "changes",
  "weekly_reports",
  "adhoc_reports",
  "meetings",
  "evaluations",
  "milestones",
  "steering_members",
  "guidance_members",
  "period_reports",
  "revisions",
  "submissions",
  "submission_payload_parts",
  "commune_versions",
  "village_successors",
  "tokens",
  "audit_log",
] as const;

/** Every row of every table, in a stable order: equal snapshots mean nothing was written. */
export async function snapshot(): Promise<Record<string, unknown[]>> {
  const results = await env.DB.batch(TABLES.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`)));
  return Object.fromEntries(TABLES.map((t, i) => [t, results[i]!.results]));
}

export async function count(table: string, communeId?: string): Promise<number> {
  const stmt = communeId
    ? env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE commune_id = ?`).bind(communeId)
    : env.DB.prepare(`SELECT count(*) AS n FROM ${table}`);
  return (await stmt.first<number>("n")) ?? 0;
}

/** A deep copy, so a test can change a workbook without touching another's. */
export const copy = <T>(x: T): T => structuredClone(x);

/**
 * What `accept` hands the ingest (worker/src/ingest/accept.ts) for an envelope, after a JSON round trip:
 * its head checked; the ingest checks the sheets. For tests that call the ingest directly.
 */
export function ingestRequest(communeId: string, e: Envelope): IngestRequest {
  const head = checkEnvelopeHead(JSON.parse(JSON.stringify(e)));
  if (!head.ok) throw new Error(head.code);
  return {
    head,
    rules: { today: todayVi() },
    unit: { label: "test", valid_from: "1900-01-01", valid_to: null },
    payload: "{}",
    payloads: env.PAYLOADS,
    communeId,
    receivedAt: new Date().toISOString(),
    actor: "test",
    action: "submission",
    notices: [],
  };
}

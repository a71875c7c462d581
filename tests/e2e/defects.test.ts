/**
 * Defects found by probing a running worker, checked against a real `wrangler dev` (./server), not
 * only `app.fetch` inside workerd:
 *  - a chunked upload over the body limit used to get 413, then kill wrangler dev (the next request
 *    got 500 and the process exited): now every later request is answered and the process lives;
 *  - an envelope without register sheets used to wipe the register: now 422, nothing written;
 *  - link reads and refused credentials are in `access_log` (read with `wrangler d1 execute`), and
 *    wrangler's request log shows a token's first hex digits only.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { buildEnvelope } from "../../shared/envelope";
import { pilotWorkbooks } from "../../shared/sample/pilot";
import { envelopeHashes } from "../../shared/sheet-hash";
import { call, node22, OFFLINE_ENV, ROOT, startWorker, type WorkerServer } from "./server";

const [, hongGiang] = pilotWorkbooks();
let s: WorkerServer;
let token: string;
let link: string;
let detail: string;

const envelope = (sheets = hongGiang!.workbook) =>
  buildEnvelope(
    {
      commune_code: hongGiang!.commune_code,
      commune_name: hongGiang!.commune_name,
      spreadsheet_id: "e2e-defects",
      submission_id: crypto.randomUUID(),
      generated_at: new Date().toISOString(),
    },
    sheets,
  );

/** A body of `bytes` bytes sent with Transfer-Encoding: chunked (a stream: no Content-Length). */
async function chunkedUpload(bytes: number, auth: string): Promise<{ status: number; text: string }> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= bytes) return c.close();
      c.enqueue(chunk);
      sent += chunk.length;
    },
  });
  const res = await fetch(`${s.base}/api/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${auth}` },
    body,
    duplex: "half",
    signal: AbortSignal.timeout(60_000),
  } as RequestInit);
  return { status: res.status, text: await res.text() };
}

/** Rows of the running worker's local D1, read by `wrangler d1 execute` on its persist directory. */
async function d1(sql: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await promisify(execFile)(
    node22(),
    [
      path.join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      s.persistDir,
      "--json",
      "--command",
      sql,
    ],
    { cwd: ROOT, env: { ...process.env, ...OFFLINE_ENV, CI: "true" }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as { results: Record<string, unknown>[] }[])[0]!.results;
}

beforeAll(async () => {
  s = await startWorker();
  const admin = (route: string, body: unknown) => call(s.base, `/api/admin${route}`, { token: s.adminSecret, body });
  expect((await admin("/units", { units: UNITS })).status).toBe(200);
  const tok = await admin("/tokens", { unit_id: PILOT.hongGiang, label: "e2e", late_corrections: true });
  expect(tok.status, tok.text).toBe(201);
  token = tok.json.token;
  const sub = await call(s.base, "/api/submissions", { token, body: envelope() });
  expect(sub.status, sub.text.slice(0, 300)).toBe(201);
  link = (await admin("/links", { unit_id: PILOT.lucNgan, scope: "aggregate" })).json.token;
  detail = (await admin("/links", { unit_id: PILOT.hongGiang, scope: "detail" })).json.token;
}, 300_000);

afterAll(async () => {
  await s?.stop();
}, 60_000);

describe("wrangler dev after probing", () => {
  it("answers 413 to a chunked upload over the limit, three times, and keeps answering", async () => {
    for (let round = 1; round <= 3; round++) {
      const big = await chunkedUpload(9 * 1024 * 1024, token);
      expect(big.status, big.text.slice(0, 200)).toBe(413);
      expect(JSON.parse(big.text).error.code).toBe("payload_too_large");
      const health = await call(s.base, "/health");
      expect(health.status, `round ${round}: ${health.text.slice(0, 200)}`).toBe(200);
      expect((await call(s.base, `/r/${link}.json?period=2022-Q1`)).status).toBe(200);
    }
    // A chunked body within the limit is read whole and accepted.
    const small = JSON.stringify(envelope());
    const res = await fetch(`${s.base}/api/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: new Blob([small]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(201);
    // The same size with a Content-Length: refused before reading.
    const sized = await call(s.base, "/api/submissions", { token, body: "x".repeat(9 * 1024 * 1024) });
    expect(sized.status).toBe(413);
    expect((await call(s.base, "/health")).status).toBe(200);
  }, 180_000);

  it("refuses an envelope without sheets (correct hash) and the register stays", async () => {
    const before = await call(s.base, `/r/${detail}.json?period=2022-Q1&mode=as_was`);
    const e = { ...envelope(), sheets: {}, ...envelopeHashes({}) };
    const res = await call(s.base, "/api/submissions", { token, body: e });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_envelope");
    const empty = envelope({
      ...hongGiang!.workbook,
      villages: [],
      teams: [],
      members: [],
      households: [],
      changes: [],
      weekly: [],
      adhoc: [],
      meetings: [],
      evaluations: [],
    });
    const asked = await call(s.base, "/api/submissions", { token, body: empty });
    expect([asked.status, asked.json.error.code]).toEqual([422, "confirm_deletions_required"]);
    const after = await call(s.base, `/r/${detail}.json?period=2022-Q1&mode=as_was`);
    expect(after.json.totals.register).toEqual(before.json.totals.register);
    expect(after.json.totals.register.households).toBe(hongGiang!.workbook.households.length);
  }, 60_000);

  it("logs link reads and refused credentials in access_log, never the token; wrangler's log shows a prefix only", async () => {
    for (const ext of ["", ".json", ".csv"]) expect((await call(s.base, `/r/${link}${ext}?period=2022-Q1`)).status).toBe(200);
    expect((await call(s.base, "/api/submissions", { token: `dvc_${"0".repeat(32)}`, body: envelope() })).status).toBe(401);
    expect((await call(s.base, "/api/admin/units", { token: "not-the-admin-secret-0123", body: { units: [] } })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 500)); // waitUntil writes land after the answers
    const hash = createHash("sha256").update(link).digest("hex");
    const rows = await d1(
      `SELECT kind, route, status, outcome, token_hash, token_prefix, client_ip FROM access_log WHERE token_hash = '${hash}' OR outcome = 'refused' ORDER BY id`,
    );
    const reads = rows.filter((r) => r.token_hash === hash);
    expect(reads.map((r) => r.route)).toEqual(expect.arrayContaining(["page", "json", "csv"]));
    expect(reads.every((r) => r.status === 200 && r.outcome === "ok" && r.token_prefix === hash.slice(0, 12))).toBe(true);
    expect(reads[0]!.client_ip).toBe("127.0.0.1");
    expect(rows.some((r) => r.kind === "commune" && r.status === 401)).toBe(true);
    expect(rows.some((r) => r.kind === "admin" && r.status === 401)).toBe(true);
    const all = JSON.stringify(await d1("SELECT * FROM access_log"));
    expect(all).not.toContain(link);
    expect(all).not.toContain(token);

    const log = readFileSync(s.logFile, "utf8");
    expect(log).toContain(`/r/dvl_${link.slice(4, 10)}…`);
    expect(log).not.toContain(link);
    expect(log).not.toContain(detail);
  }, 120_000);
});

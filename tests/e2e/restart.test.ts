/**
 * Data survives a restart of `wrangler dev` (local D1 persisted with `--persist-to`).
 *
 * 1. Migrations + `wrangler dev` on a free 127.0.0.1 port with a temporary directory (./server).
 * 2. Units, a commune write token and links through the admin API; one commune's workbook imported
 *    by the admin, the other submitted with its token; the district rollup read as JSON.
 * 3. wrangler and workerd stopped — the whole process group is killed — and the port checked closed.
 * 4. Migrations applied again (nothing to do) and `wrangler dev` started on the SAME directory.
 * 5. The same links give the same rollup; the same write token still works; the same submissions
 *    sent again are recognised (200, duplicate) and counted once; a new submission is accepted.
 *
 * Every process is killed in `finally`/`afterAll` whatever happens; every wait is bounded.
 * Runs with `npm run test:e2e` (tests/e2e/vitest.config.ts), not in `npm test`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { buildEnvelope } from "../../shared/envelope";
import { pilotWorkbooks } from "../../shared/sample/pilot";
import type { Envelope } from "../../shared/schemas";
import { call, startWorker, type WorkerServer } from "./server";

const workDir = mkdtempSync(path.join(os.tmpdir(), "dan-van-restart-"));
const running = new Set<WorkerServer>();

async function start(): Promise<WorkerServer> {
  // ./server copies the worker's sources into <workDir>/src on each start; D1 lives in <workDir>/state.
  rmSync(path.join(workDir, "src"), { recursive: true, force: true });
  const s = await startWorker({ workDir, startTimeoutMs: 120_000 });
  running.add(s);
  return s;
}

async function stop(s: WorkerServer): Promise<void> {
  running.delete(s);
  await s.stop({ keepDir: true });
}

afterAll(async () => {
  for (const s of running) await s.stop({ keepDir: true }).catch(() => undefined);
  running.clear();
  rmSync(workDir, { recursive: true, force: true });
}, 60_000);

const admin = (s: WorkerServer, route: string, body: unknown) =>
  call(s.base, `/api/admin${route}`, { token: s.adminSecret, body, timeoutMs: 60_000 });

async function portClosed(base: string): Promise<boolean> {
  try {
    await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

/** The rollup without what depends on the day it is read. */
const stable = (r: any) => ({ ...r, today: undefined });

describe("restart of wrangler dev keeps the data (local D1 --persist-to)", () => {
  it("keeps units, tokens, links, submissions and rollups across a stop and a start", async () => {
    const [quySon, hongGiang] = pilotWorkbooks();
    const meta = (c: typeof quySon) => ({
      commune_code: c!.commune_code,
      commune_name: c!.commune_name,
      spreadsheet_id: `sheet-${c!.commune_code}`,
      submission_id: crypto.randomUUID(),
      generated_at: "2022-10-31T10:00:00.000Z",
    });
    const imported: Envelope = buildEnvelope(meta(quySon), quySon!.workbook);
    const submitted: Envelope = buildEnvelope(meta(hongGiang), hongGiang!.workbook);
    const Q = "?period=2022-Q2&mode=as_was";

    // ---- first run
    const t0 = Date.now();
    const first = await start();
    const started1 = Date.now() - t0;
    let district: string;
    let detail: string;
    let writeToken: string;
    let before: any;
    let beforeDetail: any;
    try {
      expect((await admin(first, "/units", { units: UNITS })).status).toBe(200);
      const tok = await admin(first, "/tokens", { unit_id: hongGiang!.unit_id, label: "restart", late_corrections: true });
      expect(tok.status, tok.text).toBe(201);
      writeToken = tok.json.token;
      const dl = await admin(first, "/links", { unit_id: PILOT.lucNgan, scope: "aggregate" });
      const cl = await admin(first, "/links", { unit_id: hongGiang!.unit_id, scope: "detail" });
      expect([dl.status, cl.status]).toEqual([201, 201]);
      district = dl.json.token;
      detail = cl.json.token;

      const imp = await admin(first, "/import", { commune_id: quySon!.unit_id, received_at: "2022-10-31T12:00:00Z", envelope: imported });
      expect(imp.status, imp.text.slice(0, 300)).toBe(201);
      const sub = await call(first.base, "/api/submissions", { token: writeToken, body: submitted });
      expect(sub.status, sub.text.slice(0, 300)).toBe(201);

      const r = await call(first.base, `/r/${district}.json${Q}`);
      expect(r.status).toBe(200);
      before = r.json;
      // The rollup holds both communes' registers as sent.
      const households = before.communes.map((c: any) => [c.unit.id, c.register.households]).sort();
      expect(households).toEqual(
        [
          [hongGiang!.unit_id, hongGiang!.workbook.households.length],
          [quySon!.unit_id, quySon!.workbook.households.length],
        ].sort(),
      );
      const d = await call(first.base, `/r/${detail}.json${Q}`);
      expect(d.status).toBe(200);
      beforeDetail = d.json;
    } finally {
      await stop(first);
    }
    expect(await portClosed(first.base), "the first wrangler dev no longer answers").toBe(true);

    // ---- second run, same persist directory
    const t1 = Date.now();
    const second = await start();
    const started2 = Date.now() - t1;
    try {
      const r = await call(second.base, `/r/${district}.json${Q}`);
      expect(r.status, "the district link still opens").toBe(200);
      expect(stable(r.json)).toEqual(stable(before));
      const d = await call(second.base, `/r/${detail}.json${Q}`);
      expect(d.status).toBe(200);
      expect(stable(d.json)).toEqual(stable(beforeDetail));

      // The same submissions again: recognised, stored receipts, counted once.
      const again = await call(second.base, "/api/submissions", { token: writeToken, body: submitted });
      expect(again.status, again.text.slice(0, 300)).toBe(200);
      expect(again.json.receipt).toMatchObject({ submission_id: submitted.submission_id, duplicate: true });
      const reimport = await admin(second, "/import", {
        commune_id: quySon!.unit_id,
        received_at: "2022-10-31T12:00:00Z",
        envelope: imported,
      });
      expect(reimport.status).toBe(200);
      expect(reimport.json.receipt.duplicate).toBe(true);
      const lookup = await admin(second, "/tokens/lookup", { token: writeToken });
      expect(lookup.json).toMatchObject({ kind: "commune", unit_id: hongGiang!.unit_id, active: true });

      // And the database still takes writes: a new submission, everything unchanged.
      const next = buildEnvelope(meta(hongGiang), hongGiang!.workbook);
      const fresh = await call(second.base, "/api/submissions", { token: writeToken, body: next });
      expect(fresh.status, fresh.text.slice(0, 300)).toBe(201);
      expect(fresh.json.receipt.counts.households).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: hongGiang!.workbook.households.length,
        deleted: 0,
        withdrawn: 0,
      });
      const after = await call(second.base, `/r/${district}.json${Q}`);
      expect(after.json.totals.register).toEqual(before.totals.register);
    } finally {
      await stop(second);
    }
    expect(await portClosed(second.base)).toBe(true);
    console.log(
      `restart: wrangler dev up in ${(started1 / 1000).toFixed(1)} s, again in ${(started2 / 1000).toFixed(1)} s; rollup identical after restart`,
    );
  }, 400_000);
});

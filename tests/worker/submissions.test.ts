/** Accepted submissions: the pilot data in, idempotent retries, register replacement, log revisions. */

import { env } from "cloudflare:workers";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { SHEET_KEYS, SHEETS } from "../../shared/templates";
import { communeToken, copy, count, envelope, pilot, receiptOf, seed, submit } from "./helpers";

const TABLE = {
  villages: "villages",
  teams: "teams",
  members: "members",
  households: "households",
  changes: "changes",
  weekly: "weekly_reports",
  adhoc: "adhoc_reports",
  meetings: "meetings",
  evaluations: "evaluations",
  milestones: "milestones",
  steering: "steering_members",
  period_reports: "period_reports",
} as const;

describe("POST /api/submissions", () => {
  const { quySon, hongGiang } = pilot();
  let tokenQS: string;
  let tokenHG: string;

  beforeAll(async () => {
    await seed();
    tokenQS = await communeToken(quySon.unit_id);
    tokenHG = await communeToken(hongGiang.unit_id);
  });

  it("ingests the pilot data: every row counted once and stored", async () => {
    for (const [c, token] of [
      [quySon, tokenQS],
      [hongGiang, tokenHG],
    ] as const) {
      const res = await submit(envelope(c, c.workbook), token);
      expect(res.status).toBe(201);
      const r = await receiptOf(res);
      expect(r.duplicate).toBe(false);
      expect(r.commune_id).toBe(c.unit_id);
      for (const sheet of SHEET_KEYS) {
        const n = c.workbook[sheet].length;
        expect(r.counts[sheet], sheet).toEqual({ inserted: n, updated: 0, unchanged: 0, deleted: 0, withdrawn: 0 });
        expect(await count(TABLE[sheet], c.unit_id), sheet).toBe(n);
      }
    }
    // The fixture is not trivially small: a commune has teams, hundreds of households, a year of weeks.
    expect(quySon.workbook.households.length).toBeGreaterThan(100);
    expect(quySon.workbook.weekly.length).toBeGreaterThan(100);
    const logRows = await env.DB.prepare("SELECT DISTINCT revision FROM weekly_reports").all<{ revision: number }>();
    expect(logRows.results).toEqual([{ revision: 1 }]);
  });

  it("answers a resubmission of the same id with the stored receipt and writes nothing", async () => {
    const env1 = envelope(quySon, quySon.workbook);
    const first = await submit(env1, tokenQS);
    expect(first.status).toBe(201);
    const r1 = await receiptOf(first);
    const submissions = await count("submissions");
    const audit = await count("audit_log");
    const again = await submit(env1, tokenQS);
    expect(again.status).toBe(200);
    const r2 = await receiptOf(again);
    expect(r2).toEqual({ ...r1, duplicate: true });
    expect(await count("submissions")).toBe(submissions);
    expect(await count("audit_log")).toBe(audit);
    expect(await count("weekly_reports", quySon.unit_id)).toBe(quySon.workbook.weekly.length);
  });

  it("counts the same data under a new id as all unchanged", async () => {
    const r = await receiptOf(await submit(envelope(quySon, quySon.workbook), tokenQS));
    for (const sheet of SHEET_KEYS) {
      expect(r.counts[sheet], sheet).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: quySon.workbook[sheet].length,
        deleted: 0,
        withdrawn: 0,
      });
    }
  });

  it("replaces the register whole: a removed household is gone, nothing of the old version remains", async () => {
    const wb = copy(quySon.workbook);
    const referenced = new Set(wb.changes.map((c) => c.household_code));
    const removed = wb.households.find((h) => !referenced.has(h.household_code))!;
    wb.households = wb.households.filter((h) => h !== removed);
    const renamed = wb.households[0]!;
    renamed.note = "Chuyển sang tổ khác quản lý";
    const r = await receiptOf(await submit(envelope(quySon, wb), tokenQS));
    expect(r.counts.households).toEqual({ inserted: 0, updated: 1, unchanged: wb.households.length - 1, deleted: 1, withdrawn: 0 });
    const stored = await env.DB.prepare("SELECT household_code, note FROM households WHERE commune_id = ? ORDER BY household_code")
      .bind(quySon.unit_id)
      .all<{ household_code: string; note: string | null }>();
    expect(stored.results.map((h) => h.household_code)).toEqual(wb.households.map((h) => h.household_code).sort());
    expect(stored.results.find((h) => h.household_code === renamed.household_code)?.note).toBe("Chuyển sang tổ khác quản lý");
    // The other commune is untouched.
    expect(await count("households", hongGiang.unit_id)).toBe(hongGiang.workbook.households.length);
  });

  it("updates a revised report: revision + 1, first_received_at kept, old version in revisions", async () => {
    const key = quySon.workbook.weekly[3]!;
    const before = await env.DB.prepare("SELECT * FROM weekly_reports WHERE commune_id = ? AND team_code = ? AND week = ?")
      .bind(quySon.unit_id, key.team_code, key.week)
      .first<Record<string, unknown>>();
    expect(before?.revision).toBe(1);
    const wb = copy(quySon.workbook);
    wb.weekly[3]!.broadcasts = Number(key.broadcasts ?? 0) + 5;
    wb.weekly[3]!.proposals = "Đề nghị hỗ trợ thêm loa cho thôn.";
    const sent = envelope(quySon, wb);
    const r = await receiptOf(await submit(sent, tokenQS));
    expect(r.counts.weekly).toEqual({ inserted: 0, updated: 1, unchanged: wb.weekly.length - 1, deleted: 0, withdrawn: 0 });
    const after = await env.DB.prepare("SELECT * FROM weekly_reports WHERE commune_id = ? AND team_code = ? AND week = ?")
      .bind(quySon.unit_id, key.team_code, key.week)
      .first<Record<string, unknown>>();
    expect(after).toMatchObject({
      revision: 2,
      broadcasts: Number(key.broadcasts ?? 0) + 5,
      first_received_at: before!.first_received_at,
      submission_id: sent.submission_id,
    });
    const rev = await env.DB.prepare("SELECT * FROM revisions WHERE sheet = 'weekly' AND commune_id = ?")
      .bind(quySon.unit_id)
      .all<Record<string, string | number>>();
    expect(rev.results).toHaveLength(1);
    expect(rev.results[0]).toMatchObject({
      natural_key: JSON.stringify([key.week, key.team_code]),
      revision: 1,
      submission_id: before!.submission_id,
    });
    expect(JSON.parse(String(rev.results[0]!.data))).toMatchObject({ broadcasts: before!.broadcasts, revision: 1 });
  });

  it("keeps log rows that a later submission leaves out (logs are never deleted by a submission)", async () => {
    const wb = copy(quySon.workbook);
    const dropped = wb.adhoc.pop()!;
    const r = await receiptOf(await submit(envelope(quySon, wb), tokenQS));
    expect(r.counts.adhoc.deleted).toBe(0);
    const row = await env.DB.prepare("SELECT report_code FROM adhoc_reports WHERE commune_id = ? AND report_code = ?")
      .bind(quySon.unit_id, dropped.report_code)
      .first();
    expect(row).not.toBeNull();
  });

  it("keeps the raw payload (in R2, its key and SHA-256 in D1) and the receipt of every accepted submission, with an audit row", async () => {
    const sent = envelope(hongGiang, hongGiang.workbook);
    const body = JSON.stringify(sent);
    const res = await submit(body, tokenHG);
    const r = await receiptOf(res);
    const row = await env.DB.prepare("SELECT * FROM submissions WHERE submission_id = ?")
      .bind(sent.submission_id)
      .first<Record<string, string>>();
    expect(row!.payload).toBe("");
    expect(row!.payload_key).toBe(`p/${hongGiang.unit_id}/${sent.submission_id}/${row!.payload_sha256}`);
    expect(await (await env.PAYLOADS.get(row!.payload_key!))!.text()).toBe(body);
    expect(row!.payload_sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(JSON.parse(row!.receipt!)).toEqual(r);
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE detail LIKE ?")
      .bind(`%${sent.submission_id}%`)
      .first<Record<string, string>>();
    expect(audit).toMatchObject({ actor: `commune:${hongGiang.unit_id}`, action: "submission", unit_id: hongGiang.unit_id });
  });

  it("stores each sheet's columns under the same names in its table", async () => {
    for (const sheet of SHEET_KEYS) {
      const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info('${TABLE[sheet]}')`).all<{ name: string }>();
      const names = new Set(cols.results.map((c) => c.name));
      for (const col of Object.keys(SHEETS[sheet].columns)) expect(names.has(col), `${TABLE[sheet]}.${col}`).toBe(true);
    }
  });
});

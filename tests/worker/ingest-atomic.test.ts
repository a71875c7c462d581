/**
 * One submission = one D1 batch = one transaction: a failure in the middle leaves the earlier data
 * exactly as it was, and racing submissions never mix.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkEnvelope } from "../../shared/envelope";
import { todayVi } from "../../shared/periods";
import { ingestOrThrow as ingest } from "../../worker/src/http/ingest";
import { communeToken, copy, count, type ErrorJson, envelope, pilot, receiptOf, seed, snapshot, submit } from "./helpers";

const households = async (communeId: string) =>
  (
    await env.DB.prepare("SELECT household_code FROM households WHERE commune_id = ? ORDER BY household_code")
      .bind(communeId)
      .all<{ household_code: string }>()
  ).results.map((h) => h.household_code);

describe("atomic ingest", () => {
  const { quySon } = pilot();
  let token: string;

  beforeAll(async () => {
    await seed();
    token = await communeToken(quySon.unit_id);
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  it("a statement failing mid-batch leaves every table exactly as it was", async () => {
    const wb = copy(quySon.workbook);
    wb.villages[0]!.village_name = "Thôn Quý Thịnh (đổi tên)";
    wb.teams[0]!.zalo_group = "Nhóm mới";
    wb.households[0]!.note = "Đã chuyển nhà";
    wb.weekly[0]!.broadcasts = 99;
    // A trigger makes the INSERT of one household of the new register fail — after the submission
    // row, the new villages and teams and the DELETE of the old households in the same batch.
    const victim = wb.households[20]!.household_code;
    await env.DB.prepare(
      `CREATE TRIGGER fail_mid_batch BEFORE INSERT ON households WHEN NEW.household_code = '${victim}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    ).run();
    try {
      const before = await snapshot();
      const res = await submit(envelope(quySon, wb), token);
      expect(res.status).toBe(500);
      expect(((await res.json()) as ErrorJson).error.code).toBe("internal_error");
      expect(await snapshot()).toEqual(before);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_mid_batch").run();
    }
  });

  it("two identical submissions in flight: one is accepted, the other gets its receipt; counted once", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[1]!.zalo_posts = 42;
    const e = envelope(quySon, wb);
    const submissionsBefore = await count("submissions");
    const [a, b] = await Promise.all([submit(e, token), submit(e, token)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ra, rb] = [await receiptOf(a), await receiptOf(b)];
    expect({ ...ra, duplicate: false }).toEqual({ ...rb, duplicate: false });
    expect(ra.counts.weekly.updated).toBe(1);
    expect(await count("submissions")).toBe(submissionsBefore + 1);
    expect(await count("revisions")).toBe(1);
  });

  it("identical submissions that both pass the early duplicate check: the batch fails whole, the stored receipt answers", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[2]!.zalo_posts = 77;
    const check = checkEnvelope(JSON.parse(JSON.stringify(envelope(quySon, wb))), { today: todayVi() });
    if (!check.ok) throw new Error(check.code);
    const req = {
      envelope: check.envelope,
      present: check.present,
      payload: "{}",
      communeId: quySon.unit_id,
      receivedAt: new Date().toISOString(),
      actor: "test",
      action: "submission" as const,
      warnings: [],
    };
    const submissionsBefore = await count("submissions");
    const revisionsBefore = await count("revisions");
    const [a, b] = await Promise.all([ingest(env.DB, req), ingest(env.DB, req)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect({ ...a.receipt, duplicate: false }).toEqual({ ...b.receipt, duplicate: false });
    expect(await count("submissions")).toBe(submissionsBefore + 1);
    // The previous test changed weekly[1]; this workbook has the original again: two updates, written once.
    expect(a.receipt.counts.weekly.updated).toBe(2);
    expect(await count("revisions")).toBe(revisionsBefore + 2);
  });

  it("two different register versions in flight: the last committed wins whole, never a mix", async () => {
    const a = copy(quySon.workbook);
    const referenced = new Set(a.changes.map((c) => c.household_code));
    const spare = a.households.filter((h) => !referenced.has(h.household_code));
    a.households = a.households.filter((h) => h !== spare[0]);
    const b = copy(quySon.workbook);
    b.households = b.households.filter((h) => h !== spare[1] && h !== spare[2]);
    const codesA = a.households.map((h) => h.household_code).sort();
    const codesB = b.households.map((h) => h.household_code).sort();
    const results = await Promise.all([
      submit(envelope(quySon, a), token),
      submit(envelope(quySon, b), token),
      submit(envelope(quySon, a), token),
      submit(envelope(quySon, b), token),
    ]);
    const receipts = await Promise.all(results.map(async (r) => ({ status: r.status, receipt: await receiptOf(r) })));
    expect(receipts.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const stored = await households(quySon.unit_id);
    expect([codesA, codesB]).toContainEqual(stored);
    // Counts are exact against the state each one was applied to: the four receipts chain up.
    const deleted = receipts.map((r) => r.receipt.counts.households.deleted).reduce((x, y) => x + y, 0);
    const inserted = receipts.map((r) => r.receipt.counts.households.inserted).reduce((x, y) => x + y, 0);
    expect(quySon.workbook.households.length - deleted + inserted).toBe(stored.length);
  });
});

/**
 * Raw payloads in R2 (worker/src/db/payloads.ts): the object is put before the D1 batch (the put starts
 * before the check, worker/src/ingest/ingest.ts), so a failure between the two, or a refusal, leaves an
 * orphan object (never read, swept) and no receipt — never a receipt
 * without its payload, never a payload counted as a submission; a retry of the same id then counts
 * once. Reads check the SHA-256 D1 recorded: another object, or none, is an error, not served.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PayloadIntegrityError, payloadsContaining } from "../../worker/src/db/payloads";
import { ingestOrThrow as ingest } from "../../worker/src/http/ingest";
import { sweepOrphanPayloads } from "../../worker/src/retention/orphans";
import { communeToken, copy, count, envelope, ingestRequest, pilot, receiptOf, seed, snapshot, submit } from "./helpers";

const { quySon } = pilot();

/** Every object in the bucket: key → text. */
async function objects(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const list = await env.PAYLOADS.list(cursor ? { cursor } : {});
    for (const o of list.objects) out.set(o.key, await (await env.PAYLOADS.get(o.key))!.text());
    cursor = list.truncated ? list.cursor : undefined;
  } while (cursor);
  return out;
}

const keysOf = async (id: string) => [...(await objects()).keys()].filter((k) => k.includes(`/${id}/`));
const row = (id: string) =>
  env.DB.prepare("SELECT payload, payload_key, payload_sha256 FROM submissions WHERE submission_id = ?")
    .bind(id)
    .first<{ payload: string; payload_key: string; payload_sha256: string }>();

/** A bucket that stores the object, then fails as a worker dying right after the put would. */
function dyingAfterPut(bucket: R2Bucket): R2Bucket {
  return new Proxy(bucket, {
    get(target, prop) {
      if (prop === "put")
        return async (...args: Parameters<R2Bucket["put"]>) => {
          await target.put(...args);
          throw new Error("injected: the worker died after the R2 put, before the D1 batch");
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

describe("payloads in R2", () => {
  let token: string;
  beforeAll(async () => {
    await seed();
    token = await communeToken(quySon.unit_id);
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  it("a failure between the R2 write and the D1 batch: no receipt, nothing counted, an orphan the sweep removes; the retry counts once", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[0]!.broadcasts = 71;
    const e = envelope(quySon, wb);
    const before = await snapshot();
    const objectsBefore = await objects();
    await expect(
      ingest(env.DB, { ...ingestRequest(quySon.unit_id, e), payload: JSON.stringify(e), payloads: dyingAfterPut(env.PAYLOADS) }),
    ).rejects.toThrow(/injected/);
    // D1: exactly as before (no receipt, no rows, no aggregates); R2: one object more, named by no row.
    expect(await snapshot()).toEqual(before);
    const orphan = await keysOf(e.submission_id);
    expect(orphan).toHaveLength(1);
    expect((await objects()).size).toBe(objectsBefore.size + 1);
    // Within the grace period the sweep leaves it (its batch could still be on the way); after it, it goes.
    expect((await sweepOrphanPayloads(env, new Date())).deleted).toBe(0);
    const swept = await sweepOrphanPayloads(env, new Date(Date.now() + 2 * 3_600_000));
    expect(swept).toMatchObject({ deleted: 1, done: true });
    expect(await objects()).toEqual(objectsBefore); // every referenced payload stays
    // The add-on retries the same submission id: accepted once, its payload readable.
    const [a, b] = await Promise.all([submit(e, token), submit(e, token)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect((await receiptOf(a)).counts.weekly.updated).toBe(1);
    const r = await row(e.submission_id);
    expect(r!.payload).toBe("");
    expect(await keysOf(e.submission_id)).toEqual([r!.payload_key]);
    expect(JSON.parse((await objects()).get(r!.payload_key)!)).toEqual(e);
  });

  it("a D1 batch that fails (a statement refused): 500, no receipt, the object left for the sweep", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[1]!.broadcasts = 72;
    const e = envelope(quySon, wb);
    await env.DB.prepare(
      `CREATE TRIGGER fail_submission BEFORE INSERT ON submissions WHEN NEW.submission_id = '${e.submission_id}' BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    ).run();
    const submissions = await count("submissions");
    try {
      expect((await submit(e, token)).status).toBe(500);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_submission").run();
    }
    expect(await count("submissions")).toBe(submissions);
    expect(await row(e.submission_id)).toBeNull();
    expect(await keysOf(e.submission_id)).toHaveLength(1);
    expect((await sweepOrphanPayloads(env, new Date(Date.now() + 2 * 3_600_000))).deleted).toBe(1);
    expect(await keysOf(e.submission_id)).toHaveLength(0);
  });

  it("a refused submission (the put runs while the sheets are checked): 422, nothing in D1, its object left for the sweep", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[2]!.broadcasts = -3;
    const e = envelope(quySon, wb);
    const before = await snapshot();
    const res = await submit(e, token);
    expect(res.status).toBe(422);
    expect(await snapshot()).toEqual(before);
    // The put had started before the check refused; the refusal waits for it, so the object is there now.
    expect(await keysOf(e.submission_id)).toHaveLength(1);
    expect((await sweepOrphanPayloads(env, new Date())).deleted).toBe(0);
    expect((await sweepOrphanPayloads(env, new Date(Date.now() + 2 * 3_600_000))).deleted).toBe(1);
    expect(await keysOf(e.submission_id)).toHaveLength(0);
  });

  it("a put that fails (R2 down) while the plan succeeds: the ingest fails, nothing in D1, nothing in R2", async () => {
    const wb = copy(quySon.workbook);
    wb.weekly[3]!.broadcasts = 73;
    const e = envelope(quySon, wb);
    const before = await snapshot();
    const objectsBefore = await objects();
    const down = new Proxy(env.PAYLOADS, {
      get(target, prop) {
        if (prop === "put") return async () => Promise.reject(new Error("injected: R2 unavailable"));
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    await expect(ingest(env.DB, { ...ingestRequest(quySon.unit_id, e), payload: JSON.stringify(e), payloads: down })).rejects.toThrow(
      /R2 unavailable/,
    );
    expect(await snapshot()).toEqual(before);
    expect(await objects()).toEqual(objectsBefore);
  });

  it("reads check the hash: a changed or missing object is an error, never served", async () => {
    const code = JSON.stringify(quySon.workbook.households[0]!.household_code);
    const found = await payloadsContaining(env.DB, env.PAYLOADS, quySon.unit_id, [code]);
    expect(found.length).toBeGreaterThan(0);
    const { key, text } = found[0]!;
    try {
      await env.PAYLOADS.put(key!, text.replace(code, JSON.stringify("QT-9999")));
      await expect(payloadsContaining(env.DB, env.PAYLOADS, quySon.unit_id, [code])).rejects.toThrow(PayloadIntegrityError);
      await env.PAYLOADS.delete(key!);
      await expect(payloadsContaining(env.DB, env.PAYLOADS, quySon.unit_id, [code])).rejects.toThrow(/object missing/);
    } finally {
      await env.PAYLOADS.put(key!, text);
    }
    expect(await payloadsContaining(env.DB, env.PAYLOADS, quySon.unit_id, [code])).toEqual(found);
  });
});

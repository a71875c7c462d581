/**
 * Payloads received before 0033 (in D1: submissions.payload + submission_payload_parts) move to R2
 * (worker/src/db/payload-move.ts): readable before, during and after the move, each moved exactly once
 * even by two runs at once, the D1 copy emptied only once the row points at a checked object.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { movePayloadsToR2 } from "../../worker/src/db/payload-move";
import { payloadsContaining } from "../../worker/src/db/payloads";
import { splitPayload } from "../../worker/src/ingest/payload";
import { householdRecord } from "../../worker/src/privacy/household";
import { adminPost, copy, envelope, pilot, seed } from "./helpers";

const { quySon } = pilot();
const CODE = quySon.workbook.households[0]!.household_code;
/** submission id → the payload text as received. */
const sent = new Map<string, string>();

/** Turn an R2 payload back into what a submission stored before 0033 held: parts in D1, no key, no object. */
async function makeLegacy(id: string): Promise<void> {
  const key = await env.DB.prepare("SELECT payload_key FROM submissions WHERE submission_id = ?").bind(id).first<string>("payload_key");
  const text = await (await env.PAYLOADS.get(key!))!.text();
  const [first, ...rest] = splitPayload(text, 20_000); // several parts, as a large payload had
  expect(rest.length).toBeGreaterThan(1);
  await env.DB.batch([
    env.DB.prepare("UPDATE submissions SET payload = ?2, payload_key = NULL, payload_sha256 = NULL WHERE submission_id = ?1").bind(
      id,
      first,
    ),
    ...rest.map((d, i) =>
      env.DB.prepare("INSERT INTO submission_payload_parts (submission_id, part, data) VALUES (?, ?, ?)").bind(id, i + 1, d),
    ),
  ]);
  await env.PAYLOADS.delete(key!);
}

/** Every stored payload of the commune, by submission id, as the readers see it. */
async function readAll(): Promise<Map<string, string>> {
  const found = await payloadsContaining(env.DB, env.PAYLOADS, quySon.unit_id, [JSON.stringify(CODE)]);
  return new Map(found.map((p) => [p.submission_id, p.text]));
}

const state = async () =>
  (
    await env.DB.prepare(
      `SELECT payload_key IS NULL AS in_d1, length(payload) > 0 AS d1_text,
         (SELECT count(*) FROM submission_payload_parts p WHERE p.submission_id = s.submission_id) AS parts
       FROM submissions s ORDER BY received_at`,
    ).all<{ in_d1: number; d1_text: number; parts: number }>()
  ).results.map((r) => [r.in_d1, r.d1_text, r.parts > 0 ? 1 : 0]);

describe("moving D1 payloads to R2", () => {
  beforeAll(async () => {
    await seed();
    for (const [i, at] of ["2026-01-05T01:00:00.000Z", "2026-02-02T01:00:00.000Z", "2026-03-02T01:00:00.000Z"].entries()) {
      const wb = copy(quySon.workbook);
      for (const r of wb.weekly) r.broadcasts = (r.broadcasts ?? 0) + i;
      const e = envelope(quySon, wb);
      const res = await adminPost("/import", { commune_id: quySon.unit_id, received_at: at, envelope: e });
      expect(res.status, await res.clone().text()).toBe(201);
      sent.set(e.submission_id, JSON.stringify(e));
    }
    // The two oldest as they were stored before 0033.
    for (const id of [...sent.keys()].slice(0, 2)) await makeLegacy(id);
  });

  it("old payloads are readable before, during and after the move; two runs at once move each once", async () => {
    expect(await state()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect(await readAll()).toEqual(sent);
    expect((await householdRecord(env.DB, env.PAYLOADS, quySon.unit_id, CODE))!.submissions).toHaveLength(3);

    expect(await movePayloadsToR2(env.DB, env.PAYLOADS, 1)).toEqual({ moved: 1, left: 1 });
    expect(await state()).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect(await readAll()).toEqual(sent);

    const both = await Promise.all([movePayloadsToR2(env.DB, env.PAYLOADS, 5), movePayloadsToR2(env.DB, env.PAYLOADS, 5)]);
    expect(both[0].moved + both[1].moved).toBe(1);
    expect(both.map((b) => b.left)).toEqual([0, 0]);
    expect(await state()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // Read back through the hash check, and one object per submission: nothing left over.
    expect(await readAll()).toEqual(sent);
    expect((await env.PAYLOADS.list()).objects.map((o) => o.key.split("/")[2]).sort()).toEqual([...sent.keys()].sort());
  });

  it("the admin route runs the job and answers what is left; the audit log records it", async () => {
    const res = await adminPost("/payloads/move", { limit: 10 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ moved: 0, left: 0 });
    expect((await adminPost("/payloads/move", { limit: 0 })).status).toBe(422);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'payloads.move'").all<{ detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail))).toEqual([{ moved: 0, left: 0 }]);
  });
});

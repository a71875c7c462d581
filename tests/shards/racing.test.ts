/**
 * Exactly once with shards: the racing submissions of tests/worker/faults-concurrency.test.ts (two
 * versions of a commune's workbook, A three times and B twice, 50 requests at once) from ten communes,
 * five in each province's shard. Every distinct submission is counted once, in its commune's shard and
 * nowhere else; every repeat answers the same receipt; each register is exactly one of the versions.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "../../shared/contract";
import { PILOT } from "../../shared/data/units";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { communeToken, envelope, submit } from "../worker/helpers";
import { codesOf, householdRows, racingVersions } from "../worker/racing";
import { LANG_SON, post, TEST_UNITS } from "./helpers";

const unit = (code: string, parent: string, i: number): Unit => ({
  id: `C:${code}@2025-07-01`,
  code,
  level: "commune",
  kind_vi: "xã",
  name: `Xã Đua ${i + 1}`,
  parent_id: parent,
  valid_from: "2025-07-01",
  valid_to: null,
  successor_ids: [],
});
const COMMUNES = [
  ...[0, 1, 2, 3, 4].map((i) => ({ unit: unit(`0830${i}`, PILOT.bacNinh, i), shard: "DB_24" })),
  ...[0, 1, 2, 3, 4].map((i) => ({ unit: unit(`0610${i}`, LANG_SON, i + 5), shard: "DB_20" })),
];
const DBS = () => ({ DB: env.DB, DB_24: env.DB_24, DB_20: env.DB_20 }) as Record<string, D1Database>;

interface Sent {
  commune: number;
  id: string;
  status: number;
  receipt?: Receipt;
}

describe("50 racing submissions from ten communes in two shards", () => {
  const versions: { a: Workbook; b: Workbook; idA: string; idB: string; bodyB?: string }[] = [];
  let sent: Sent[] = [];

  beforeAll(async () => {
    expect((await post("shards", "/api/admin/units", { units: [...TEST_UNITS, ...COMMUNES.map((c) => c.unit)] })).status).toBe(200);
    const jobs: { commune: number; id: string; body: string; token: string }[] = [];
    for (const [i, c] of COMMUNES.entries()) {
      const token = await communeToken(c.unit.id);
      const v: (typeof versions)[number] = { ...racingVersions(c.unit, i), idA: crypto.randomUUID(), idB: crypto.randomUUID() };
      versions.push(v);
      const meta = { commune_code: c.unit.code, commune_name: c.unit.name };
      const bodyA = JSON.stringify(envelope(meta, v.a, v.idA));
      const bodyB = JSON.stringify(envelope(meta, v.b, v.idB));
      v.bodyB = bodyB;
      for (let k = 0; k < 3; k++) jobs.push({ commune: i, id: v.idA, body: bodyA, token });
      for (let k = 0; k < 2; k++) jobs.push({ commune: i, id: v.idB, body: bodyB, token });
    }
    jobs.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    expect(jobs).toHaveLength(50);
    const t0 = performance.now();
    sent = await Promise.all(
      jobs.map(async (j) => {
        const res = await submit(j.body, j.token);
        const body = (await res.json()) as { receipt?: Receipt };
        return { commune: j.commune, id: j.id, status: res.status, ...(body.receipt ? { receipt: body.receipt } : {}) };
      }),
    );
    console.log(`shards racing: 50 requests (20 distinct submissions, two shards) in ${(performance.now() - t0).toFixed(0)} ms`);
  }, 90_000);

  it("answers 201 once per submission id and 200 with the same receipt to every repeat", () => {
    expect(sent.filter((s) => s.status !== 201 && s.status !== 200)).toEqual([]);
    const byId = new Map<string, Sent[]>();
    for (const s of sent) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
    expect(byId.size).toBe(20);
    for (const [id, answers] of byId) {
      const created = answers.filter((s) => s.status === 201);
      expect(created, id).toHaveLength(1);
      for (const again of answers.filter((s) => s.status === 200))
        expect(again.receipt).toEqual({ ...created[0]!.receipt, duplicate: true });
    }
  });

  it("stores each submission once, in its commune's shard only, with one version and one audit row", async () => {
    for (const [i, c] of COMMUNES.entries()) {
      const v = versions[i]!;
      for (const [name, db] of Object.entries(DBS())) {
        const ids = (
          await db
            .prepare("SELECT submission_id FROM submissions WHERE commune_id = ? ORDER BY submission_id")
            .bind(c.unit.id)
            .all<{ submission_id: string }>()
        ).results.map((r) => r.submission_id);
        const audit = await db
          .prepare("SELECT count(*) AS n FROM audit_log WHERE unit_id = ? AND action = 'submission'")
          .bind(c.unit.id)
          .first<number>("n");
        const versionsStored = (
          await db
            .prepare("SELECT version FROM commune_versions WHERE commune_id = ? ORDER BY version")
            .bind(c.unit.id)
            .all<{ version: number }>()
        ).results.map((r) => r.version);
        if (name === c.shard) {
          expect(ids, c.unit.id).toEqual([v.idA, v.idB].sort());
          expect(audit).toBe(2);
          expect(versionsStored).toEqual([1, 2]);
        } else {
          expect([ids, audit, versionsStored], `${c.unit.id} in ${name}`).toEqual([[], 0, []]);
        }
      }
    }
  });

  it("keeps each register exactly as one of the two versions: the last committed", async () => {
    for (const [i, c] of COMMUNES.entries()) {
      const db = DBS()[c.shard]!;
      const v = versions[i]!;
      const last = await db
        .prepare("SELECT submission_id FROM commune_versions WHERE commune_id = ? ORDER BY version DESC LIMIT 1")
        .bind(c.unit.id)
        .first<string>("submission_id");
      const winner = last === v.idA ? v.a : v.b;
      const stored = (
        await db
          .prepare("SELECT household_code, members_count FROM households WHERE commune_id = ?")
          .bind(c.unit.id)
          .all<{ household_code: string; members_count: number }>()
      ).results;
      expect(stored.map((h) => `${h.household_code}|${h.members_count}`).sort()).toEqual(householdRows(winner));
      expect(codesOf(v.a)).not.toEqual(codesOf(v.b));
    }
  });

  it("sends a repeat later: 200 with the stored receipt, nothing written anywhere", async () => {
    const c = COMMUNES[7]!;
    const v = versions[7]!;
    const count = async () =>
      Promise.all(Object.values(DBS()).map(async (db) => db.prepare("SELECT count(*) AS n FROM submissions").first<number>("n")));
    const before = await count();
    const token = await communeToken(c.unit.id);
    const res = await submit(v.bodyB!, token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { receipt: Receipt }).receipt.duplicate).toBe(true);
    expect(await count()).toEqual(before);
  });
});

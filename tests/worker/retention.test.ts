/**
 * The retention job (worker/src/retention/prune.ts, run by the cron trigger: worker/src/scheduled.ts):
 * raw payloads and revisions older than RETENTION_MONTHS go, exactly those; receipts, registers and
 * aggregates stay, so every rollup reads the same; a second run, or two at once, removes nothing more.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import { pruneExpired } from "../../worker/src/retention/prune";
import { adminPost, call, copy, db, envelope, PILOT, pilot, seed, snapshot } from "./helpers";

const { quySon } = pilot();
/** Three submissions: two old (2023), one today; each changes the weekly reports, so each writes revisions. */
const OLD = ["2023-03-01T03:00:00.000Z", "2023-06-01T03:00:00.000Z"];
const NOW = new Date("2026-12-01T00:00:00.000Z");
const CUTOFF = "2024-12-01T00:00:00.000Z";
const links: string[] = [];

async function importAt(receivedAt: string | undefined, bump: number) {
  const wb = copy(quySon.workbook);
  for (const r of wb.weekly) r.broadcasts = (r.broadcasts ?? 0) + bump;
  const res = await adminPost("/import", {
    commune_id: quySon.unit_id,
    envelope: envelope(quySon, wb),
    ...(receivedAt ? { received_at: receivedAt } : {}),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Every rollup view of the links, every period kind and both modes. */
async function views(): Promise<string[]> {
  const out: string[] = [];
  for (const link of links)
    for (const period of ["2022-W10", "2022-03", "2022-Q1", "2022-H1", "2022", "P2"])
      for (const mode of ["as_was", "current"])
        for (const ext of [".json", ".csv"]) out.push(await (await call(`/r/${link}${ext}?period=${period}&mode=${mode}`)).text());
  return out;
}

const rows = async (sql: string) => (await db().prepare(sql).all()).results;

describe("retention", () => {
  beforeAll(async () => {
    await seed();
    await importAt(OLD[0], 1);
    await importAt(OLD[1], 2);
    await importAt(undefined, 3);
    for (const [unit, scope] of [
      [PILOT.lucNgan, "aggregate"],
      [PILOT.quySon, "detail"],
    ] as const) {
      links.push(((await (await adminPost("/links", { unit_id: unit, scope })).json()) as { token: string }).token);
    }
  });

  it("removes exactly what is older than the period; receipts, registers and rollups stay", async () => {
    const before = await snapshot();
    const rollups = await views();
    const oldRevisions = (await rows(`SELECT * FROM revisions WHERE replaced_at < '${CUTOFF}'`)).length;
    const newRevisions = (await rows(`SELECT * FROM revisions WHERE replaced_at >= '${CUTOFF}'`)).length;
    expect(oldRevisions).toBeGreaterThan(0); // the 2022-06 import replaced the 2022-03 rows
    expect(newRevisions).toBeGreaterThan(0); // today's import replaced the 2022-06 rows

    const r = await pruneExpired(db(), env.PAYLOADS, 24, NOW);
    expect(r).toMatchObject({ before: CUTOFF, payloads: 2, revisions: oldRevisions });

    const subs = (await rows("SELECT received_at, payload_key, payload_pruned_at, receipt FROM submissions ORDER BY received_at")) as {
      received_at: string;
      payload_key: string;
      payload_pruned_at: string | null;
      receipt: string;
    }[];
    // The payload objects in R2 (worker/src/db/payloads.ts): the old ones deleted, today's kept.
    const inR2 = async (key: string) => (await env.PAYLOADS.head(key)) !== null;
    expect(
      await Promise.all(subs.map(async (s) => [s.received_at < CUTOFF, !(await inR2(s.payload_key)), s.payload_pruned_at !== null])),
    ).toEqual([
      [true, true, true],
      [true, true, true],
      [false, false, false],
    ]);
    expect((await env.PAYLOADS.list()).objects).toHaveLength(1);
    expect(subs.every((s) => JSON.parse(s.receipt).submission_id)).toBe(true); // receipts stay
    expect((await rows(`SELECT * FROM revisions WHERE replaced_at < '${CUTOFF}'`)).length).toBe(0);
    expect((await rows(`SELECT * FROM revisions WHERE replaced_at >= '${CUTOFF}'`)).length).toBe(newRevisions);

    const after = await snapshot();
    for (const t of Object.keys(before)) {
      if (t === "revisions" || t === "submissions" || t === "submission_payload_parts") continue;
      expect(after[t], t).toEqual(before[t]);
    }
    expect(await views()).toEqual(rollups);
  }, 60_000);

  it("is idempotent: a second run, and two runs at once, remove nothing more and do not fail", async () => {
    const before = await snapshot();
    expect(await pruneExpired(db(), env.PAYLOADS, 24, NOW)).toMatchObject({ payloads: 0, revisions: 0 });
    const both = await Promise.all([pruneExpired(db(), env.PAYLOADS, 24, NOW), pruneExpired(db(), env.PAYLOADS, 24, NOW)]);
    expect(both.map((b) => [b.payloads, b.revisions])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("two overlapping runs with work to do prune each payload once, between them", async () => {
    const later = new Date(Date.now() + 25 * 31 * 86_400_000); // today's submission is now past the period
    const both = await Promise.all([pruneExpired(db(), env.PAYLOADS, 24, later), pruneExpired(db(), env.PAYLOADS, 24, later)]);
    expect(both[0]!.payloads + both[1]!.payloads).toBe(1);
    expect((await rows("SELECT * FROM submissions WHERE payload <> '' OR payload_pruned_at IS NULL")).length).toBe(0);
    expect((await env.PAYLOADS.list()).objects).toHaveLength(0);
    expect((await rows("SELECT * FROM revisions")).length).toBe(0);
  });

  it("runs from the cron trigger with RETENTION_MONTHS, and clears access-log IPs past 30 days", async () => {
    expect(env.RETENTION_MONTHS).toBe("24");
    await db()
      .prepare("INSERT INTO access_log (at, kind, route, status, outcome, client_ip) VALUES (?1, 'link', 'page', 200, 'ok', '203.0.113.9')")
      .bind("2026-10-01T00:00:00.000Z")
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: NOW, cron: "0 19 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await rows("SELECT client_ip FROM access_log WHERE client_ip IS NOT NULL")).toEqual([]);
  });
});

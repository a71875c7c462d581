/**
 * Ingest that costs what changed (worker/src/ingest/delta.ts, check.ts): a sheet sent again as stored
 * is skipped — nothing checked, nothing written; a changed log row is the only one written; a client's
 * hashes are never trusted; every cross-row rule still holds for rows that were not parsed again; and
 * racing submissions still count exactly once. Writes are counted by triggers on every sheet table.
 */
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contentHash, sha256Hex } from "../../shared/hash";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import { envelopeHashes } from "../../shared/sheet-hash";
import { SHEET_KEYS } from "../../shared/templates";
import type { Unit } from "../../shared/units";
import { ingestOrThrow } from "../../worker/src/http/ingest";
import { digestAll, sha256 } from "../../worker/src/ingest/digest";
import { TABLE_OF } from "../../worker/src/ingest/tables";
import { adminPost, communeToken, copy, type ErrorJson, envelope, ingestRequest, receiptOf, seed, snapshot, submit } from "./helpers";

const unit: Unit = {
  id: "C:08201@2025-07-01",
  code: "08201",
  level: "commune",
  kind_vi: "xã",
  name: "Xã Thử Băm",
  parent_id: "P:24@2025-07-01",
  valid_from: "2025-07-01",
  valid_to: null,
  successor_ids: [],
};
const commune = { commune_code: unit.code, commune_name: unit.name };
const base = generateCommune({
  seed: 7_2026,
  commune_code: unit.code,
  commune_name: unit.name,
  villages: [
    { village_code: "V1", village_name: "Thôn Một", ethnic_identity: true, teams: 2 },
    { village_code: "V2", village_name: "Thôn Hai", ethnic_identity: false, teams: 2 },
  ],
  founded_on: "2025-07-07",
  until: "2025-12-28",
  reportRate: 1,
});
const WATCHED = [...SHEET_KEYS.map((s) => TABLE_OF[s]), "revisions"];
let token = "";

/** Every INSERT, UPDATE and DELETE on a sheet's table or `revisions` since the last reset, per table. */
async function writes(): Promise<Record<string, number>> {
  const rows = await env.DB.prepare("SELECT tbl, count(*) AS n FROM test_writes GROUP BY tbl").all<{ tbl: string; n: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.tbl, r.n]));
}

/** Straight to the ingest (which says how it checked), as `accept` hands it over. */
const direct = (wb: Workbook) =>
  ingestOrThrow(env.DB, {
    ...ingestRequest(unit.id, envelope(commune, wb)),
    unit: { label: unit.name, valid_from: unit.valid_from, valid_to: null },
  });

const weeklyRow = (wb: Workbook, i: number) => wb.weekly[i]!;
const send = async (wb: Workbook) => {
  const res = await submit(envelope(commune, wb), token);
  return { status: res.status, body: res.status < 300 ? await receiptOf(res) : ((await res.json()) as ErrorJson) };
};

beforeAll(async () => {
  await seed();
  expect((await adminPost("/units", { units: [unit] })).status).toBe(200);
  token = await communeToken(unit.id);
  await env.DB.prepare("CREATE TABLE test_writes (tbl TEXT NOT NULL)").run();
  for (const t of WATCHED) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      await env.DB.prepare(`CREATE TRIGGER test_w_${t}_${op} AFTER ${op} ON ${t} BEGIN INSERT INTO test_writes VALUES ('${t}'); END`).run();
    }
  }
  // The first submission: checked whole, every row written.
  const first = await direct(base);
  expect(first.how).toBe("whole");
  expect(first.receipt.counts.weekly.inserted).toBe(base.weekly.length);
});

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM test_writes").run();
});

describe("the worker's hashes", () => {
  it("node:crypto in the worker gives the shared SHA-256 (@noble/hashes)", () => {
    for (const t of ["", "abc", "Tổ Dân vận — “ngoặc” 😀"]) expect(sha256(t)).toBe(sha256Hex(t));
    expect(envelopeHashes(base, sha256)).toEqual(envelopeHashes(base));
  });

  it("WebCrypto, many texts at once (digestAll), gives the same digests, in order", async () => {
    const texts = ["", "abc", "Tổ Dân vận — “ngoặc” 😀", "lone \ud800 surrogate", "x".repeat(100_000), "abc"];
    expect(await digestAll(texts)).toEqual(texts.map((t) => sha256Hex(t)));
  });
});

describe("a workbook sent again", () => {
  it("skips every sheet: nothing checked again, nothing rewritten, every row counted unchanged", async () => {
    const before = await snapshot();
    const r = await direct(base);
    expect(r.how).toBe("delta");
    for (const s of SHEET_KEYS)
      expect(r.receipt.counts[s], s).toEqual({ inserted: 0, updated: 0, unchanged: base[s].length, deleted: 0, withdrawn: 0 });
    expect(await writes()).toEqual({});
    const after = await snapshot();
    for (const t of WATCHED) expect(after[t], t).toEqual(before[t]);
  });
});

describe("the steering committee (a roster, replaced whole when sent)", () => {
  it("changed: checked whole, only the roster rewritten; sent again: skipped", async () => {
    const wb = copy(base);
    wb.steering[0]!.current_position = "Phó Bí thư Đảng ủy xã (thử)";
    const r = await direct(wb);
    expect(r.how).toBe("whole");
    expect(r.receipt.counts.steering).toEqual({ inserted: 0, updated: 1, unchanged: wb.steering.length - 1, deleted: 0, withdrawn: 0 });
    // Replaced whole: every member deleted and inserted again; no other sheet touched.
    expect(await writes()).toEqual({ steering_members: 2 * wb.steering.length });
    expect(
      await env.DB.prepare("SELECT current_position FROM steering_members WHERE commune_id = ? AND full_name = ?")
        .bind(unit.id, wb.steering[0]!.full_name)
        .first<string>("current_position"),
    ).toBe("Phó Bí thư Đảng ủy xã (thử)");
    base.steering = wb.steering;
    await env.DB.prepare("DELETE FROM test_writes").run();
    const again = await direct(base);
    expect(again.how).toBe("delta");
    expect(again.receipt.counts.steering).toEqual({ inserted: 0, updated: 0, unchanged: base.steering.length, deleted: 0, withdrawn: 0 });
    expect(await writes()).toEqual({});
  });

  it("not sent (a spreadsheet set up before the sheet): left as it is, not counted, the rest still skipped", async () => {
    const { steering: _, ...rest } = copy(base);
    const before = await snapshot();
    const r = await direct(rest as Workbook);
    expect(r.how).toBe("delta");
    expect(r.receipt.counts.steering).toBeUndefined();
    expect(await writes()).toEqual({});
    expect((await snapshot()).steering_members).toEqual(before.steering_members);
  });
});

describe("one weekly row changed", () => {
  it("writes that row alone, with exactly one revision", async () => {
    const wb = copy(base);
    weeklyRow(wb, 5).zalo_posts = (weeklyRow(wb, 5).zalo_posts ?? 0) + 3;
    const revisions = await env.DB.prepare("SELECT count(*) AS n FROM revisions").first<number>("n");
    const { status, body } = await send(wb);
    expect(status).toBe(201);
    const r = body as Awaited<ReturnType<typeof receiptOf>>;
    expect(r.counts.weekly).toEqual({ inserted: 0, updated: 1, unchanged: base.weekly.length - 1, deleted: 0, withdrawn: 0 });
    expect(await writes()).toEqual({ weekly_reports: 1, revisions: 1 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM revisions").first<number>("n")).toBe(revisions! + 1);
    const rows = await env.DB.prepare("SELECT week, team_code, revision, zalo_posts FROM weekly_reports WHERE commune_id = ?")
      .bind(unit.id)
      .all<{ week: string; team_code: string; revision: number; zalo_posts: number }>();
    const changed = rows.results.filter((x) => x.revision !== 1);
    expect(changed).toEqual([
      { week: weeklyRow(wb, 5).week, team_code: weeklyRow(wb, 5).team_code, revision: 2, zalo_posts: weeklyRow(wb, 5).zalo_posts },
    ]);
    base.weekly[5] = weeklyRow(wb, 5); // what the commune now holds
  });

  it("a row removed is withdrawn, and sent again comes back: one write each", async () => {
    const wb = copy(base);
    wb.weekly.splice(7, 1);
    const gone = await send(wb);
    expect((gone.body as Awaited<ReturnType<typeof receiptOf>>).counts.weekly.withdrawn).toBe(1);
    expect(await writes()).toEqual({ weekly_reports: 1, revisions: 1 });
    await env.DB.prepare("DELETE FROM test_writes").run();
    const back = await send(base);
    expect((back.body as Awaited<ReturnType<typeof receiptOf>>).counts.weekly).toMatchObject({
      updated: 1,
      unchanged: base.weekly.length - 1,
    });
    expect(await writes()).toEqual({ weekly_reports: 1, revisions: 1 });
  });
});

describe("a client's hashes are never trusted", () => {
  it("the stored sheet's hashes sent with other rows: refused, nothing written", async () => {
    const wb = copy(base);
    weeklyRow(wb, 9).broadcasts = 999;
    const e = { ...envelope(commune, wb), ...envelopeHashes(base) };
    const before = await snapshot();
    const res = await submit(e, token);
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorJson).error.code).toBe("hash_mismatch");
    expect(await snapshot()).toEqual(before);
  });

  it("an older envelope without sheet hashes: the worker's own hashes find the change", async () => {
    const wb = copy(base);
    weeklyRow(wb, 11).broadcasts = 998;
    const { sheet_hashes: _, ...e } = { ...envelope(commune, wb), schema_version: 2 };
    const res = await submit({ ...e, content_hash: contentHash(wb) }, token);
    expect(res.status).toBe(201);
    expect((await receiptOf(res)).counts.weekly.updated).toBe(1);
    expect(
      await env.DB.prepare("SELECT broadcasts FROM weekly_reports WHERE commune_id = ? AND week = ? AND team_code = ?")
        .bind(unit.id, weeklyRow(wb, 11).week, weeklyRow(wb, 11).team_code)
        .first<number>("broadcasts"),
    ).toBe(998);
    base.weekly[11] = weeklyRow(wb, 11);
  });
});

describe("rules that span rows still hold when the rest is skipped", () => {
  const team = () => base.teams.find((t) => t.village_code === "V2")!.team_code;
  it.each<[string, (wb: Workbook) => unknown, string]>([
    [
      "a changed report names a team not in the register",
      (wb) => {
        weeklyRow(wb, 3).team_code = "ZZ-99";
      },
      "unknown_team",
    ],
    [
      "a new report repeats the week and team of a row not parsed again",
      (wb) => wb.weekly.push({ ...weeklyRow(wb, 4), zalo_posts: 41 }),
      "duplicate_key",
    ],
    ["an exact copy of a stored row", (wb) => wb.weekly.push({ ...weeklyRow(wb, 4) }), "duplicate_key"],
    [
      "a changed meeting with more members present than the team has",
      (wb) => {
        // The cell allows up to 5: a meeting of a team of fewer.
        const size = (code: string) => wb.members.filter((x) => x.team_code === code).length;
        const m = wb.meetings.find((x) => size(x.team_code) < 5)!;
        m.members_present = size(m.team_code) + 1;
      },
      "attendance_over_team_size",
    ],
    [
      "a new change for a household not in the register",
      (wb) => wb.changes.push({ ...wb.changes[0]!, household_code: "KHONG-CO" }),
      "unknown_household",
    ],
    [
      "ethnic figures for a team of a village without that task",
      (wb) => {
        const r = wb.weekly.find((w) => w.team_code === team())!;
        r.ethnic_activities = 2;
      },
      "ethnic_not_enabled",
    ],
    [
      "the register loses a team whose reports are unchanged",
      (wb) => {
        wb.teams = wb.teams.filter((t) => t.team_code !== weeklyRow(wb, 0).team_code);
      },
      "unknown_team",
    ],
  ])("%s: refused, nothing written", async (_label, mutate, code) => {
    const wb = copy(base);
    mutate(wb);
    const before = await snapshot();
    const { status, body } = await send(wb);
    expect(status).toBe(422);
    expect((body as ErrorJson).error.details.map((d) => d.code)).toContain(code);
    expect(await snapshot()).toEqual(before);
  });
});

describe("racing submissions of one commune, each changing another week", () => {
  it("each id counts once; the last committed workbook is what is stored, and its state is exact", async () => {
    const versions = Array.from({ length: 8 }, (_, i) => {
      const wb = copy(base);
      weeklyRow(wb, 20 + i).households_visited = 500 + i;
      return envelope(commune, wb);
    });
    const sends = [...versions, ...versions.slice(0, 4)].map((e) =>
      submit(e, token).then(async (r) => ({ e, status: r.status, text: await r.text() })),
    );
    const results = await Promise.all(sends);
    for (const r of results) expect([200, 201, 503], r.text.slice(0, 200)).toContain(r.status);
    const ids = new Set(versions.map((e) => e.submission_id));
    const stored = await env.DB.prepare("SELECT submission_id FROM submissions WHERE commune_id = ?")
      .bind(unit.id)
      .all<{ submission_id: string }>();
    const accepted = stored.results.map((s) => s.submission_id).filter((id) => ids.has(id));
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(results.filter((r) => r.status === 201).length).toBe(accepted.length);
    const last = await env.DB.prepare("SELECT submission_id FROM commune_versions WHERE commune_id = ? ORDER BY version DESC LIMIT 1")
      .bind(unit.id)
      .first<string>("submission_id");
    const winner = versions.find((e) => e.submission_id === last)!;
    const rows = await env.DB.prepare(
      "SELECT week, team_code, households_visited FROM weekly_reports WHERE commune_id = ? AND withdrawn_at IS NULL",
    )
      .bind(unit.id)
      .all<{ week: string; team_code: string; households_visited: number | null }>();
    const want = winner.sheets.weekly.map((w) => `${w.week}|${w.team_code}|${w.households_visited ?? null}`).sort();
    expect(rows.results.map((w) => `${w.week}|${w.team_code}|${w.households_visited}`).sort()).toEqual(want);
    // The stored state is exact: the winner sent again is all unchanged, and so it is when checked whole.
    const again = await direct(winner.sheets);
    expect(again.how).toBe("delta");
    await env.DB.prepare("DELETE FROM sheet_states WHERE commune_id = ?").bind(unit.id).run();
    const whole = await direct(winner.sheets);
    expect(whole.how).toBe("whole");
    for (const s of SHEET_KEYS) {
      expect(again.receipt.counts[s], s).toEqual({ inserted: 0, updated: 0, unchanged: winner.sheets[s].length, deleted: 0, withdrawn: 0 });
      expect(whole.receipt.counts[s], s).toEqual(again.receipt.counts[s]);
    }
  });
});

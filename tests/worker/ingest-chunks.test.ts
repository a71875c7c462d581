/**
 * Log sheets in chunks (worker/src/ingest/chunks.ts): a week of reports, a month of meetings… A chunk
 * whose hash is the stored one is not parsed again; every row of a changed chunk is; the state stored
 * before chunks (a hash per row) is checked whole once, then kept in chunks.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { ingestOrThrow } from "../../worker/src/http/ingest";
import { chunkOf, decodeChunks, encodeChunks, sentChunks } from "../../worker/src/ingest/chunks";
import { checkDelta } from "../../worker/src/ingest/delta";
import { readCommuneState } from "../../worker/src/ingest/sheet-state";
import { adminPost, copy, envelope, ingestRequest, seed } from "./helpers";

const unit: Unit = {
  id: "C:08202@2025-07-01",
  code: "08202",
  level: "commune",
  kind_vi: "xã",
  name: "Xã Thử Khúc",
  parent_id: "P:24@2025-07-01",
  valid_from: "2025-07-01",
  valid_to: null,
  successor_ids: [],
};
const commune = { commune_code: unit.code, commune_name: unit.name };
const base = generateCommune({
  seed: 8_2026,
  commune_code: unit.code,
  commune_name: unit.name,
  villages: [
    { village_code: "V1", village_name: "Thôn Một", ethnic_identity: false, teams: 2 },
    { village_code: "V2", village_name: "Thôn Hai", ethnic_identity: false, teams: 1 },
  ],
  founded_on: "2025-07-07",
  until: "2025-11-30",
  reportRate: 1,
});
const request = (wb: Workbook) => ({
  ...ingestRequest(unit.id, envelope(commune, wb)),
  unit: { label: unit.name, valid_from: unit.valid_from, valid_to: null },
});
const direct = (wb: Workbook) => ingestOrThrow(env.DB, request(wb));

beforeAll(async () => {
  await seed();
  expect((await adminPost("/units", { units: [unit] })).status).toBe(200);
  expect((await direct(base)).how).toBe("whole");
});

describe("chunkOf", () => {
  it.each<[string, Parameters<typeof chunkOf>[0], unknown, string]>([
    ["a weekly report: its week", "weekly", { week: "2025-W03", team_code: "T1" }, "2025-W03"],
    ["a meeting: the month of its date", "meetings", { meeting_date: "2025-08-14", team_code: "T1" }, "2025-08"],
    ["an evaluation: its period", "evaluations", { period: "2025-Q3", team_code: "T1" }, "2025-Q3"],
    ["an ad-hoc report: its code", "adhoc", { report_code: "PA-7" }, "PA-7"],
    ["a key cell that is not text", "weekly", { week: 3 }, ""],
    ["not a row", "weekly", null, ""],
  ])("%s", (_label, sheet, row, want) => {
    expect(chunkOf(sheet, row)).toBe(want);
  });
});

describe("the stored form", () => {
  it("round-trips, any chunk name included", () => {
    const chunks = new Map([
      ["2025-W03", { hash: "a".repeat(32), keys: ['["2025-W03","T1"]', '["2025-W03","T2"]'] }],
      ["__proto__", { hash: "b".repeat(32), keys: [] }],
    ]);
    expect(decodeChunks(encodeChunks(chunks))).toEqual(chunks);
  });

  it("the row-by-row form stored before chunks reads as none (check whole)", () => {
    expect(decodeChunks(JSON.stringify({ ["c".repeat(32)]: '["2025-W03","T1"]' }))).toBeNull();
  });
});

describe("one week changed", () => {
  it("only that week's rows are parsed; the other chunks are taken as stored", async () => {
    const wb = copy(base);
    const week = wb.weekly[4]!.week;
    wb.weekly[4]!.broadcasts = (wb.weekly[4]!.broadcasts ?? 0) + 2;
    const req = request(wb);
    const { states } = await readCommuneState(env.DB, unit.id);
    const stored = states.weekly!.chunks!;
    expect(stored.size).toBe(new Set(base.weekly.map((r) => r.week)).size);
    const sent = await sentChunks(["weekly"], req.head.sheets, req.head.rowTexts);
    const delta = checkDelta(req.head, states, req.rules, req.unit, sent);
    expect(delta?.ok).toBe(true);
    if (!delta?.ok) return;
    const [weekly] = delta.logs;
    const ofWeek = wb.weekly.filter((r) => r.week === week).length;
    expect(weekly!.changed.map((c) => c.row.week)).toEqual(Array(ofWeek).fill(week));
    expect(weekly!.unchanged).toBe(wb.weekly.length - ofWeek);
    expect(weekly!.gone).toEqual([]);
    // Every other chunk kept as it was stored; this week's with its new hash.
    for (const [id, c] of weekly!.chunks) expect(c === stored.get(id)).toBe(id !== week);
    // Written: the one row, counted as such.
    const r = await ingestOrThrow(env.DB, req);
    expect(r.how).toBe("delta");
    expect(r.receipt.counts.weekly).toEqual({ inserted: 0, updated: 1, unchanged: wb.weekly.length - 1, deleted: 0, withdrawn: 0 });
    base.weekly = wb.weekly;
  });

  it("a week removed: its rows withdrawn, its chunk gone from the state", async () => {
    const wb = copy(base);
    const week = wb.weekly[0]!.week;
    wb.weekly = wb.weekly.filter((r) => r.week !== week);
    const r = await direct(wb);
    expect(r.how).toBe("delta");
    expect(r.receipt.counts.weekly.withdrawn).toBe(base.weekly.length - wb.weekly.length);
    const { states } = await readCommuneState(env.DB, unit.id);
    expect(states.weekly!.chunks!.has(week)).toBe(false);
    expect((await direct(base)).receipt.counts.weekly.updated).toBe(base.weekly.length - wb.weekly.length);
  });
});

describe("a state stored before chunks", () => {
  it("is checked whole once, then in chunks", async () => {
    await env.DB.prepare("UPDATE sheet_states SET row_hashes = ? WHERE commune_id = ? AND sheet = 'weekly'")
      .bind(JSON.stringify({ ["d".repeat(32)]: '["2025-W30","T1"]' }), unit.id)
      .run();
    const wb = copy(base);
    wb.weekly[2]!.zalo_posts = (wb.weekly[2]!.zalo_posts ?? 0) + 1;
    const whole = await direct(wb);
    expect(whole.how).toBe("whole");
    expect(whole.receipt.counts.weekly.updated).toBe(1);
    const again = await direct(wb);
    expect(again.how).toBe("delta");
    expect(again.receipt.counts.weekly).toEqual({ inserted: 0, updated: 0, unchanged: wb.weekly.length, deleted: 0, withdrawn: 0 });
  });
});

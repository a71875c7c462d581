/**
 * `district pull` end to end: 30 communes provisioned on the fake Google, filled with the sample
 * generator's data as clerks would type it, pulled server-side into one worker (Miniflare, D1) —
 * half with the commune's token, half through the admin import — while the same 30 workbooks go
 * through the add-on (the built bundle on the Sheets double, "Gửi báo cáo") into another worker.
 * The district's rollup is the same on both. A commune with errors in its sheets gets a report
 * (sheet, row, column, message) and nothing is sent for it; a retried pull is counted once.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchUnits } from "../../bench/data";
import { contentHash } from "../../shared/hash";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import { SHEET_KEYS, SHEETS } from "../../shared/templates";
import { putWorkbook, setCommune, setConnection, sheetValues } from "../addon/fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "../addon/harness";
import { putValues } from "./fake-google/values";
import { type Env, googleEnv, runCli, writeCommunesCsv } from "./helpers";
import { ADMIN_SECRET, blockingFetch, startTestWorker, type TestWorker } from "./worker";

const units = benchUnits();
const district = units.districts[0]!;
const communes = units.communes.slice(0, 30);
/** Two communes of the next district, for the error cases (outside the compared rollup). */
const [faulty, missing] = units.communes.slice(30, 32) as [(typeof communes)[number], (typeof communes)[number]];

function workbookOf(c: (typeof communes)[number]): Workbook {
  return generateCommune({
    seed: 12_000 + c.index,
    commune_code: c.unit.code,
    commune_name: c.unit.name,
    villages: [
      { village_code: "V1", village_name: "Thôn Đồng Mương", ethnic_identity: c.index % 3 === 0, teams: 2 },
      { village_code: "V2", village_name: "Thôn Khuôn Thần", ethnic_identity: false, teams: 1 },
    ],
    founded_on: "2025-01-06",
    until: "2025-06-30",
  });
}

/** Write a workbook into a provisioned spreadsheet, as the clerk would have typed it. */
function fill(g: Env, spreadsheetId: string, wb: Workbook) {
  const ss = g.fake.spreadsheets.get(spreadsheetId)!;
  for (const key of SHEET_KEYS) putValues(ss, SHEETS[key].title, sheetValues(key, wb[key] as Record<string, unknown>[]));
}

const stateOf = (g: Env) =>
  JSON.parse(readFileSync(g.env.DISTRICT_STATE!, "utf8")) as {
    communes: Record<string, { spreadsheet_id: string; last_pull_result?: string; pending?: unknown }>;
  };

async function districtRollup(w: TestWorker): Promise<unknown> {
  const link = await w.admin<{ json_url: string; token: string }>("/links", { unit_id: district.id, scope: "aggregate" });
  const res = await w.get(`/r/${link.token}.json?period=2025-H1`);
  expect(res.status).toBe(200);
  return res.json();
}

let bundle: Bundle;
let g: Env;
let viaAddon: TestWorker;
let viaPull: TestWorker;
const workbooks = new Map(communes.map((c) => [c.unit.id, workbookOf(c)]));

beforeAll(async () => {
  bundle = await buildBundle();
  g = await googleEnv({ rateLimitEvery: 17 });
  const all = [units.province, ...units.districts, ...units.communes.slice(0, 32).map((c) => c.unit)];
  [viaAddon, viaPull] = await Promise.all([startTestWorker(all), startTestWorker(all)]);
}, 180_000);
afterAll(async () => {
  await Promise.all([viaAddon?.close(), viaPull?.close(), g?.close()]);
});

describe("pull 30 communes", () => {
  it("the worker's rollup of the pulled data equals the rollup of the same data sent by the add-on", async () => {
    // The add-on path: each clerk's "Gửi báo cáo" from the built bundle.
    for (const c of communes) {
      const { token } = await viaAddon.admin<{ token: string }>("/tokens", { unit_id: c.unit.id, label: "add-on" });
      const { gas, ss, addon } = setupEnv(bundle);
      putWorkbook(ss, workbooks.get(c.unit.id)!);
      setCommune(ss, c.unit.code, c.unit.name);
      setConnection(ss, viaAddon.url, token);
      gas.fetchHandler = blockingFetch;
      expect(plain(addon.menuSubmit()).outcome, c.unit.name).toBe("accepted");
    }

    // The district tool: provision (recording in the worker), the clerks fill the sheets, pull.
    const tokens = new Map<string, string>();
    for (const c of communes.slice(0, 15))
      tokens.set(c.unit.id, (await viaPull.admin<{ token: string }>("/tokens", { unit_id: c.unit.id })).token);
    const csv = writeCommunesCsv(g.dir, communes, (c) => ({ "Mã truy cập": tokens.get(c.unit.id) ?? "" }));
    const env = { ...g.env, DAN_VAN_WORKER_URL: viaPull.url, DAN_VAN_ADMIN_SECRET: ADMIN_SECRET };
    const prov = await runCli(["provision", "--communes", csv, "--folder", g.folderId], env);
    expect(prov.code, prov.out.join("\n")).toBe(0);
    const state = stateOf(g);
    for (const c of communes) fill(g, state.communes[c.unit.id]!.spreadsheet_id, workbooks.get(c.unit.id)!);

    const before = g.fake.log.length;
    const pulled = await runCli(["pull", "--communes", csv, "--concurrency", "4"], env);
    expect(pulled.code, pulled.out.join("\n")).toBe(0);
    expect(pulled.out.filter((l) => l.startsWith("✓") && l.includes("máy chủ đã nhận"))).toHaveLength(30);
    // One values.batchGet per commune (plus the retries of the fake's 429s), nothing else from Google.
    const reads = g.fake.log.slice(before);
    expect(new Set(reads.map((l) => l.op))).toEqual(new Set(["sheets.values.batchGet"]));
    expect(reads.filter((l) => l.status === 200)).toHaveLength(30);

    // Half came with the commune's token, half through the admin import.
    const db = await viaPull.mf.getD1Database("DB");
    const audit = (
      await db
        .prepare("SELECT action, COUNT(*) AS n FROM audit_log WHERE action IN ('submission', 'import') GROUP BY action ORDER BY action")
        .all<{ action: string; n: number }>()
    ).results;
    expect(audit).toEqual([
      { action: "import", n: 15 },
      { action: "submission", n: 15 },
    ]);

    const [a, b] = await Promise.all([districtRollup(viaAddon), districtRollup(viaPull)]);
    // Every figure is the same; only the instants each worker received the submissions differ.
    const received: string[] = [];
    const figures = (x: unknown) =>
      JSON.parse(JSON.stringify(x), (k, v) => {
        if (k !== "last_received_at") return v;
        received.push(v);
        return "(lúc nhận)";
      });
    expect(figures(b)).toEqual(figures(a));
    expect(received.length).toBeGreaterThanOrEqual(60);
    expect(JSON.stringify(a)).toContain(communes[29]!.unit.name);

    // The worker's commune records: spreadsheet, provision and pull times, last accepted submission.
    const { records } = await viaPull.admin<{
      records: { unit_id: string; spreadsheet_id: string; provisioned_at: string; last_pulled_at: string; last_submission_at: string }[];
    }>("/commune-records/query", {});
    expect(records).toHaveLength(30);
    for (const r of records) {
      expect(r.spreadsheet_id).toBe(state.communes[r.unit_id]!.spreadsheet_id);
      expect(r.provisioned_at && r.last_pulled_at && r.last_submission_at).toBeTruthy();
    }
    const status = await runCli(["status", "--communes", csv], env);
    expect(status.code).toBe(0);
    expect(status.out[0]!.split("\n")).toHaveLength(32);
    expect(status.out[0]).toContain("(đã nhận)");
  }, 300_000);

  it("a pull whose answer was lost is sent again with the same submission id and counted once", async () => {
    const c = communes[0]!;
    const stateFile = g.env.DISTRICT_STATE!;
    const env = { ...g.env, DAN_VAN_WORKER_URL: viaPull.url, DAN_VAN_ADMIN_SECRET: ADMIN_SECRET };
    const csv = writeCommunesCsv(g.dir, [c]);
    const first = await runCli(["pull", "--communes", csv], env);
    expect(first.code).toBe(0);
    const db = await viaPull.mf.getD1Database("DB");
    const last = await db
      .prepare("SELECT submission_id, content_hash, generated_at FROM submissions WHERE commune_id = ? ORDER BY received_at DESC LIMIT 1")
      .bind(c.unit.id)
      .first<{ submission_id: string; content_hash: string; generated_at: string }>();
    // As if the worker's receipt had never arrived: the submission is still pending in the state file.
    const state = JSON.parse(readFileSync(stateFile, "utf8"));
    state.communes[c.unit.id].pending = {
      submission_id: last!.submission_id,
      content_hash: last!.content_hash,
      generated_at: last!.generated_at,
    };
    writeFileSync(stateFile, JSON.stringify(state));
    expect(last!.content_hash).toBe(contentHash(workbooks.get(c.unit.id)!));
    const count = async () =>
      (await db.prepare("SELECT COUNT(*) AS n FROM submissions WHERE commune_id = ?").bind(c.unit.id).first<{ n: number }>())!.n;
    const n = await count();
    const again = await runCli(["pull", "--communes", csv], env);
    expect(again.out[0]).toContain("lần gửi này đã có từ trước, không tính hai lần");
    expect(await count()).toBe(n);
    expect(stateOf(g).communes[c.unit.id]!.pending).toBeUndefined();
  }, 60_000);
});

describe("pull: communes whose sheets have errors", () => {
  it("reports sheet, row, column and a Vietnamese message, and sends nothing for them", async () => {
    const env = { ...g.env, DAN_VAN_WORKER_URL: viaPull.url, DAN_VAN_ADMIN_SECRET: ADMIN_SECRET };
    const csv = writeCommunesCsv(g.dir, [faulty, missing]);
    expect((await runCli(["provision", "--communes", csv, "--folder", g.folderId], env)).code).toBe(0);
    const state = stateOf(g);
    const wb = workbookOf(faulty);
    (wb.households[3] as Record<string, unknown>).birth_year = "năm 75";
    fill(g, state.communes[faulty.unit.id]!.spreadsheet_id, wb);
    // The other commune's clerk deleted the "Họp tổ" sheet.
    const other = g.fake.spreadsheets.get(state.communes[missing.unit.id]!.spreadsheet_id)!;
    fill(g, other.spreadsheetId, workbookOf(missing));
    other.sheets = other.sheets.filter((s) => s.properties.title !== SHEETS.meetings.title);

    const db = await viaPull.mf.getD1Database("DB");
    const subs = async () => (await db.prepare("SELECT COUNT(*) AS n FROM submissions").first<{ n: number }>())!.n;
    const before = await subs();
    const r = await runCli(["pull", "--communes", csv], env);
    expect(r.code).toBe(1);
    const out = r.out.join("\n");
    expect(out).toContain(`✗ ${faulty.unit.name} (${faulty.unit.code}): bảng tính có 1 lỗi, không gửi. Nhờ văn thư xã sửa:`);
    // Row 5 of the sheet (header is row 1), column F = "Năm sinh" in the template's order.
    expect(out).toMatch(/Lỗi \(trang "Hộ gia đình \(mẫu 02\)", dòng 5, cột F — Năm sinh\): .+/);
    expect(out).toContain(`✗ ${missing.unit.name} (${missing.unit.code}): bảng tính có`);
    expect(out).toContain(`Lỗi (trang "${SHEETS.meetings.title}"): Chưa có trang "${SHEETS.meetings.title}".`);
    expect(await subs()).toBe(before);
    expect(stateOf(g).communes[faulty.unit.id]!.last_pull_result).toBe("sheet_errors");
  }, 120_000);
});

describe("pull: a commune whose register lost many rows", () => {
  it("is refused with the counts and the exact flag to confirm them; wrong counts are refused again, the right ones go through", async () => {
    const c = communes[1]!;
    const env = { ...g.env, DAN_VAN_WORKER_URL: viaPull.url, DAN_VAN_ADMIN_SECRET: ADMIN_SECRET };
    const csv = writeCommunesCsv(g.dir, [c]);
    const wb = structuredClone(workbooks.get(c.unit.id)!);
    // The clerk moved households to another commune: every household no other sheet refers to is gone.
    const referenced = new Set(
      SHEET_KEYS.filter((k) => k !== "households").flatMap((k) =>
        (wb[k] as Record<string, unknown>[]).map((r) => r.household_code).filter((v): v is string => typeof v === "string"),
      ),
    );
    const before = wb.households.length;
    wb.households = wb.households.filter((h) => referenced.has(h.household_code));
    const gone = before - wb.households.length;
    expect(gone).toBeGreaterThan(0.25 * before);
    const ss = g.fake.spreadsheets.get(stateOf(g).communes[c.unit.id]!.spreadsheet_id)!;
    fill(g, ss.spreadsheetId, wb);
    // The rows below the kept ones are emptied, as deleting rows in Sheets leaves them.
    const width = Object.keys(SHEETS.households.columns).length;
    putValues(
      ss,
      SHEETS.households.title,
      Array.from({ length: gone }, () => Array(width).fill("")),
      1 + wb.households.length,
    );
    const db = await viaPull.mf.getD1Database("DB");
    const households = async () =>
      (await db.prepare("SELECT COUNT(*) AS n FROM households WHERE commune_id = ?").bind(c.unit.id).first<{ n: number }>())!.n;
    expect(await households()).toBe(before);

    const refused = await runCli(["pull", "--communes", csv], env);
    expect(refused.code, refused.out.join("\n")).toBe(1);
    const flag = `--confirm-deletions ${c.unit.code}:villages=0,teams=0,members=0,households=${gone}`;
    expect(refused.out.join("\n")).toContain("confirm_deletions_required");
    expect(refused.out.join("\n")).toContain(`chạy lại với: ${flag}`);
    expect(await households()).toBe(before);

    const wrong = await runCli(
      ["pull", "--communes", csv, "--confirm-deletions", `${c.unit.code}:villages=0,teams=0,members=0,households=${gone - 1}`],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.out.join("\n")).toContain("confirm_deletions_required");
    expect(await households()).toBe(before);

    const malformed = await runCli(["pull", "--communes", csv, "--confirm-deletions", `${c.unit.code}:households=lots`], env);
    expect(malformed.code).toBe(2);
    expect(malformed.err.join("\n")).toContain("không đúng dạng");
    const stranger = await runCli(
      ["pull", "--communes", csv, "--confirm-deletions", `99999:villages=0,teams=0,members=0,households=1`],
      env,
    );
    expect(stranger.code).toBe(2);
    expect(stranger.err.join("\n")).toContain("không có trong danh sách: 99999");

    const confirmed = await runCli(["pull", "--communes", csv, ...flag.split(" ")], env);
    expect(confirmed.code).toBe(0);
    expect(confirmed.out[0]).toContain("máy chủ đã nhận");
    expect(await households()).toBe(before - gone);
  }, 120_000);
});

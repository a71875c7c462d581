/**
 * End to end, add-on → worker, with no mock of our own code: the built add-on bundle runs in a vm
 * over the Apps Script doubles, and its UrlFetchApp double makes a real (blocking) HTTP request to
 * the real worker, bundled with esbuild and served by Miniflare with D1 and the migrations applied.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_splitSqlQuery } from "wrangler";
import { PROP } from "../../addon/src/config";
import { PILOT } from "../../shared/data/units";
import VN from "../../shared/data/vn/units.json";
import { SHEETS } from "../../shared/templates";
import type { Unit } from "../../shared/units";
import { VILLAGE_MOVES_SHEET } from "../../shared/village-moves";
import { blockingFetch } from "./blocking-fetch";
import { putWorkbook, register, setCommune, setConnection } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ADMIN_SECRET = "e2e-admin-secret-0123456789";
const COMMUNE = { id: PILOT.quySon, code: "07576", name: "Xã Quý Sơn" };

let bundle: Bundle;
let mf: Miniflare;
let base: string;
let token: string;

/** The worker's SQL migrations, statement by statement, split as wrangler splits them (triggers hold `;`). */
function migrationStatements(): string[] {
  const dir = path.join(ROOT, "worker/migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => unstable_splitSqlQuery(readFileSync(path.join(dir, f), "utf8")));
}

async function d1<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = await mf.getD1Database("DB");
  return (
    await db
      .prepare(sql)
      .bind(...args)
      .all<T>()
  ).results;
}

beforeAll(async () => {
  bundle = await buildBundle();
  const worker = await build({
    entryPoints: [path.join(ROOT, "worker/src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    external: ["node:*", "cloudflare:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    write: false,
    logLevel: "silent",
  });
  // Miniflare 5 takes the classic (v4) options through its converter.
  mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      modules: true,
      script: worker.outputFiles[0]!.text,
      compatibilityDate: "2026-08-01",
      compatibilityFlags: ["nodejs_compat"],
      d1Databases: ["DB"],
      r2Buckets: ["PAYLOADS"],
      bindings: { ADMIN_SECRET, PUBLIC_BASE_URL: "http://127.0.0.1" },
    }),
  );
  base = (await mf.ready).toString().replace(/\/$/, "");
  const db = await mf.getD1Database("DB");
  for (const sql of migrationStatements()) await db.prepare(sql).run();
  // The commune unit (what seedUnits / POST /api/admin/units would load).
  await db
    .prepare("INSERT INTO units (id, code, level, kind_vi, name, valid_from) VALUES (?, ?, 'commune', 'xã', ?, '2021-02-03')")
    .bind(COMMUNE.id, COMMUNE.code, COMMUNE.name)
    .run();
  const res = await fetch(`${base}/api/admin/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_SECRET}`, "content-type": "application/json" },
    body: JSON.stringify({ unit_id: COMMUNE.id, label: "e2e" }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  token = ((await res.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

function clerk() {
  const env = setupEnv(bundle);
  putWorkbook(env.ss, register());
  setCommune(env.ss, COMMUNE.code, COMMUNE.name);
  setConnection(env.ss, base, token);
  env.gas.fetchHandler = blockingFetch;
  return env;
}

describe("add-on → worker (Miniflare, D1)", () => {
  it("submits, and a retry after a lost answer is counted once", async () => {
    const { gas, ss, addon } = clerk();

    // First attempt: the worker receives and stores it, but the answer is lost on the way back.
    gas.fetchHandler = (req) => {
      blockingFetch(req);
      throw new Error("Timeout: the connection was reset");
    };
    const lost = plain(addon.menuSubmit());
    expect(lost.outcome).toBe("retry");
    const id = JSON.parse(ss.documentProperties.getProperty(PROP.pending)!).submission_id as string;
    expect(lost.submission_id).toBe(id);

    // The clerk clicks again: same id, the worker answers with the stored receipt.
    gas.fetchHandler = blockingFetch;
    const again = plain(addon.menuSubmit());
    expect(again.outcome).toBe("accepted");
    expect(again.submission_id).toBe(id);
    expect(again.retry).toBe(true);
    const alert = gas.ui.alerts.at(-1)!;
    expect(alert.title).toBe("Đã gửi báo cáo");
    expect(alert.message).toContain("Máy chủ đã nhận báo cáo này từ trước (không tính hai lần).");
    expect(alert.message).toContain("• Hộ gia đình (mẫu 02): thêm 70,");
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();

    const subs = await d1<{ submission_id: string }>("SELECT submission_id FROM submissions WHERE commune_id = ?", COMMUNE.id);
    expect(subs.map((s) => s.submission_id)).toEqual([id]);
    const [{ n }] = (await d1<{ n: number }>("SELECT COUNT(*) AS n FROM households WHERE commune_id = ?", COMMUNE.id)) as [{ n: number }];
    expect(n).toBe(70);

    // An edit, then a new submission: one household updated, the rest unchanged.
    ss._find(SHEETS.households.title)!._put([[6]], 2, 7);
    const next = plain(addon.menuSubmit());
    expect(next.outcome).toBe("accepted");
    expect(next.submission_id).not.toBe(id);
    const msg = gas.ui.alerts.at(-1)!.message;
    expect(msg).toContain("Máy chủ đã nhận báo cáo.");
    expect(msg).toMatch(/Hộ gia đình \(mẫu 02\): thêm 0, sửa 1, giữ nguyên 69, xóa 0/);
    const [{ people }] = (await d1<{ people: number }>(
      "SELECT members_count AS people FROM households WHERE commune_id = ? AND household_code = 'V01-0001'",
      COMMUNE.id,
    )) as [{ people: number }];
    expect(people).toBe(6);
  }, 120_000);

  it("asks the clerk before the worker deletes most households; a yes deletes them, counted once", async () => {
    const { gas, ss, addon } = clerk();
    // The clerk's sheet now holds 10 households a team instead of 35 (a filter, a wrong paste…).
    for (const sheet of ss.sheets) sheet._clear();
    putWorkbook(ss, register({ householdsPerTeam: 10 }));
    const before = await d1<{ n: number }>("SELECT COUNT(*) AS n FROM households WHERE commune_id = ?", COMMUNE.id);
    expect(before[0]!.n).toBe(70);

    gas.ui.answers.push({ button: "NO" });
    const no = plain(addon.menuSubmit());
    expect(no.outcome).toBe("confirm");
    expect(gas.requests).toHaveLength(1);
    expect(gas.ui.alerts.at(-2)!.message).toContain("Hộ gia đình (mẫu 02): xóa 50 trong số 70 dòng");
    expect((await d1<{ n: number }>("SELECT COUNT(*) AS n FROM households WHERE commune_id = ?", COMMUNE.id))[0]!.n).toBe(70);

    gas.ui.answers.push({ button: "YES" });
    const yes = plain(addon.menuSubmit());
    expect(yes.outcome).toBe("accepted");
    expect(gas.requests).toHaveLength(3);
    expect(JSON.parse(gas.requests[2]!.payload).confirm_deletions).toMatchObject({ households: 50 });
    expect(gas.ui.alerts.at(-1)!.message).toMatch(/Hộ gia đình \(mẫu 02\): thêm 0, sửa \d+, giữ nguyên \d+, xóa 50/);
    expect((await d1<{ n: number }>("SELECT COUNT(*) AS n FROM households WHERE commune_id = ?", COMMUNE.id))[0]!.n).toBe(20);
    expect(ss.documentProperties.getProperty(PROP.pending)).toBeNull();
  }, 120_000);

  it('sends "Chưa rõ" Zalo answers (the one-click fill) and the worker stores them as unknown', async () => {
    const { ss, addon } = clerk();
    ss._find(SHEETS.households.title)!._put([[""], [""], [""]], 2, 8); // Zalo left blank on rows 2–4
    expect(plain(addon.fillUnknownAndCheck()).errors).toBe(0);
    expect(plain(addon.menuSubmit()).outcome).toBe("accepted");
    const rows = await d1<{ household_code: string; in_zalo: number | null }>(
      "SELECT household_code, in_zalo FROM households WHERE commune_id = ? ORDER BY household_code LIMIT 5",
      COMMUNE.id,
    );
    expect(rows.map((r) => r.in_zalo)).toEqual([null, null, null, 0, 1]);
    const [team] = await d1<{ households: number; zalo_known: number }>(
      "SELECT households, zalo_known FROM agg_teams WHERE commune_id = ? AND team_code = 'V01-T1'",
      COMMUNE.id,
    );
    expect(team).toEqual({ households: 35, zalo_known: 32 });
  }, 60_000);

  it("Chuyển đổi thôn: a split commune's clerk maps its villages, and the district link follows (Phường Cống Vị)", async () => {
    const admin = (p: string, body: unknown) =>
      fetch(`${base}/api/admin${p}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_SECRET}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    // Real units: Cống Vị (00007, Quận Ba Đình) went in part to Ngọc Hà (00008) and Giảng Võ (00025);
    // with Quý Sơn (stored above without parents), their parents and successors, transitively.
    const byId = new Map((VN as Unit[]).map((u) => [u.id, u]));
    const units = new Map<string, Unit>();
    const add = (id: string | null | undefined) => {
      const u = id ? byId.get(id) : undefined;
      if (!u || units.has(u.id)) return;
      units.set(u.id, u);
      add(u.parent_id);
      for (const s of u.successor_ids) add(s);
    };
    for (const id of ["C:00007@2021-02-03", COMMUNE.id]) add(id);
    const loaded = await admin("/units", { units: [...units.values()] });
    expect(loaded.status, await loaded.clone().text()).toBe(200);
    const tok = await admin("/tokens", { unit_id: "C:00007@2021-02-03", label: "e2e", late_corrections: true });
    const congVi = ((await tok.json()) as { token: string }).token;

    const { gas, ss, addon } = clerk();
    setCommune(ss, "00007", "Phường Cống Vị");
    setConnection(ss, base, congVi);
    expect(plain(addon.menuSubmit()).outcome).toBe("accepted");
    expect(plain(addon.menuVillageMoves()), JSON.stringify(gas.ui.alerts.at(-1))).toEqual({ status: "created", villages: 2 });
    const sheet = ss._find(VILLAGE_MOVES_SHEET.title)!;
    expect(sheet._dump().map((r) => r[0])).toEqual(["Mã thôn", "V01", "V02"]);

    // A unit outside the conversion's successors never reaches the worker; the real choice does.
    sheet._put([["Phường Ba Đình (00004)"]], 2, 3);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "cell_errors", errors: 1 });
    sheet._put([["Phường Giảng Võ (00025)"]], 2, 3);
    expect(plain(addon.menuVillageMoves())).toEqual({ status: "saved", mapped: 1, unknown: 1, added: 0 });
    expect(await d1("SELECT village_code, successor_id, set_by FROM village_successors")).toEqual([
      { village_code: "V01", successor_id: "C:00025@2025-07-01", set_by: "commune" },
    ]);

    const link = await admin("/links", { unit_id: "D:001@2021-02-03", scope: "aggregate" });
    const r = await fetch(`${base}/r/${((await link.json()) as { token: string }).token}.json?period=2022&mode=current`);
    const rollup = (await r.json()) as { communes: { unit: { label_vi: string }; villages: { village_code: string }[] }[] };
    expect(rollup.communes.map((c) => [c.unit.label_vi, c.villages.map((v) => v.village_code)])).toEqual([
      ["Phường Giảng Võ", ["V01"]],
      ["Chưa xác định đơn vị mới", ["V02"]],
    ]);
    expect(gas.requests.map((q) => `${q.method} ${q.url.replace(base, "")}`)).toEqual([
      "post /api/submissions",
      "get /api/village-successors",
      "get /api/village-successors",
      "get /api/village-successors",
      "put /api/village-successors",
    ]);
  }, 120_000);

  it("shows the worker's refusal of a wrong token in Vietnamese and sends nothing else", async () => {
    const { gas, ss, addon } = clerk();
    setConnection(ss, base, "dvc_00000000000000000000000000000000");
    const r = plain(addon.menuSubmit());
    expect(r.outcome).toBe("auth");
    expect(gas.ui.alerts.at(-1)!.title).toBe("Không gửi được: mã truy cập không hợp lệ");
    expect(gas.requests).toHaveLength(1);
  }, 60_000);
});

/**
 * The team tools end to end, add-on → worker, no mock of our own code: the built add-on bundle on
 * the Sheets double posts to the real worker (esbuild bundle, Miniflare, D1, migrations). A Zalo
 * paste is checked and sent; a corrected message for the same week becomes a revision on the server,
 * not a second report; rows made ahead are not sent; an evaluation draft's suggestions and the
 * commendations that follow reach the commune and district pages; the Ban Chỉ đạo reaches both
 * pages (names on the commune's only); the worker's Zalo forms are the add-on's text.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_splitSqlQuery } from "wrangler";
import { PILOT } from "../../shared/data/units";
import { RATINGS } from "../../shared/enums";
import { shiftDate, weekEnd, weeksInPeriod } from "../../shared/periods";
import type { Workbook } from "../../shared/schemas";
import type { Rollup } from "../../worker/src/rollup/types";
import { blockingFetch } from "./blocking-fetch";
import { putWorkbook, register, setCommune, setConnection } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ADMIN_SECRET = "teams-e2e-admin-secret-0123456789";
const COMMUNE = { id: PILOT.quySon, code: "07576", name: "Xã Quý Sơn" };

let bundle: Bundle;
let mf: Miniflare;
let base: string;
let token: string;

async function d1<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = await mf.getD1Database("DB");
  return (
    await db
      .prepare(sql)
      .bind(...args)
      .all<T>()
  ).results;
}

const admin = (p: string, body: unknown) =>
  fetch(`${base}/api/admin${p}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_SECRET}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

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
  const dir = path.join(ROOT, "worker/migrations");
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".sql"))
    .sort())
    for (const sql of unstable_splitSqlQuery(readFileSync(path.join(dir, f), "utf8"))) await db.prepare(sql).run();
  // The district and the commune in it (what POST /api/admin/units would load).
  await db
    .prepare(
      "INSERT INTO units (id, code, level, kind_vi, name, valid_from) VALUES (?, '219', 'district', 'huyện', 'Huyện Lục Ngạn', '2021-02-03')",
    )
    .bind(PILOT.lucNgan)
    .run();
  await db
    .prepare("INSERT INTO units (id, code, level, kind_vi, name, parent_id, valid_from) VALUES (?, ?, 'commune', 'xã', ?, ?, '2021-02-03')")
    .bind(COMMUNE.id, COMMUNE.code, COMMUNE.name, PILOT.lucNgan)
    .run();
  const res = await admin("/tokens", { unit_id: COMMUNE.id, label: "teams-e2e" });
  expect(res.status, await res.clone().text()).toBe(201);
  token = ((await res.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

const STEERING: Workbook["steering"] = [
  ["party_secretary", "head", "Nguyễn Văn An"],
  ["standing_deputy", "deputy", "Trần Văn Bình"],
  ["people_committee", "deputy", "Lê Văn Cường"],
  ["front", "member", "Phạm Thị Dung"],
  ["mass_org", "member", "Hoàng Văn Em"],
  ["health", "member", "Vũ Thị Giang"],
  ["police", "member", "Đặng Văn Hải"],
  ["land_env", "member", "Bùi Thị Khuyên"],
].map(([seat, role, full_name], i) => ({ member_no: i + 1, full_name: full_name!, seat: seat as never, role: role as never }));

/**
 * The commune's spreadsheet: two villages, two teams each, weekly reports of 2022 — up to week 40, or
 * the whole year — for V01-T1 (every week) and V01-T2 (every other week).
 */
function clerk(wholeYear = false) {
  const env = setupEnv(bundle);
  const wb = register({ villages: 2, teamsPerVillage: 2, householdsPerTeam: 35 });
  const leader = (t: string) => wb.members.find((m) => m.team_code === t)!.full_name;
  const weeks = weeksInPeriod("2022").filter((w) => wholeYear || w < "2022-W41");
  wb.weekly = ["V01-T1", "V01-T2"].flatMap((team, k) =>
    weeks
      .filter((_, i) => k === 0 || i % 2 === 0)
      .map((week) => ({
        week,
        team_code: team,
        reporter: leader(team),
        submitted_on: shiftDate(weekEnd(week), 1),
        broadcasts: 4,
        zalo_posts: 2,
        households_visited: 6,
      })),
  );
  wb.meetings = ["2022-03-30", "2022-06-29", "2022-09-29", "2022-12-28"].map((meeting_date) => ({
    meeting_date,
    team_code: "V01-T1",
    kind: "quarterly",
    members_present: 4,
  }));
  wb.steering = STEERING;
  putWorkbook(env.ss, wb);
  setCommune(env.ss, COMMUNE.code, COMMUNE.name);
  setConnection(env.ss, base, token);
  env.gas.fetchHandler = blockingFetch;
  return { ...env, leader };
}

const link = async (unit_id: string, scope: string) =>
  ((await (await admin("/links", { unit_id, scope })).json()) as { token: string }).token;

describe("team tools, add-on → worker", () => {
  it("a Zalo paste is sent; a correction for the same week is a revision, not a second report; rows made ahead are not sent", async () => {
    const { gas, addon, leader } = clerk();
    const paste = [
      `${leader("V01-T1")}\n20:15 16/10/2022\nTổ: V01-T1\nTuần: 41/2022\nLoa: 3\nZalo: 5\nHộ đến tận nhà: 12`,
      `${leader("V02-T1")}\n20:30 16/10/2022\nTổ 1 thôn Ngọt tuần 41\nLoa: 2\nHoạt động văn hóa: 1\nNgười tham gia: 40 người`,
    ].join("\n");
    expect(plain(addon.applyZaloPaste(paste, "")).counts.new).toBe(2);
    const sent = plain(addon.menuSubmit());
    expect(sent.outcome, gas.ui.alerts.at(-1)?.message).toBe("accepted");
    const w41 = () =>
      d1<{ team_code: string; broadcasts: number; revision: number }>(
        "SELECT team_code, broadcasts, revision FROM weekly_reports WHERE commune_id = ? AND week = '2022-W41' ORDER BY team_code",
        COMMUNE.id,
      );
    expect(await w41()).toEqual([
      { team_code: "V01-T1", broadcasts: 3, revision: 1 },
      { team_code: "V02-T1", broadcasts: 2, revision: 1 },
    ]);

    // The leader corrects the figure by Zalo: the same row is updated, the worker keeps the old one.
    const fix = plain(addon.applyZaloPaste(`${leader("V01-T1")}\n08:00 17/10/2022\nSửa lại tổ V01-T1 tuần 41:\nLoa: 4`, ""));
    expect(fix.counts).toMatchObject({ update: 1, new: 0 });
    expect(plain(addon.menuSubmit()).outcome).toBe("accepted");
    expect(await w41()).toEqual([
      { team_code: "V01-T1", broadcasts: 4, revision: 2 },
      { team_code: "V02-T1", broadcasts: 2, revision: 1 },
    ]);
    const old = await d1<{ data: string }>(
      "SELECT data FROM revisions WHERE sheet = 'weekly' AND commune_id = ? AND natural_key = ?",
      COMMUNE.id,
      JSON.stringify(["2022-W41", "V01-T1"]),
    );
    expect(JSON.parse(old[0]!.data)).toMatchObject({ broadcasts: 3 });

    // Next week's rows made ahead: nothing of them is sent until the teams report.
    gas.ui.answers.push({ text: "2022-W42" });
    expect(plain(addon.menuNewWeek()).created).toHaveLength(4);
    expect(plain(addon.menuSubmit()).outcome).toBe("accepted");
    expect(await d1("SELECT week FROM weekly_reports WHERE commune_id = ? AND week = '2022-W42'", COMMUNE.id)).toEqual([]);
  }, 180_000);

  it("an evaluation draft's ratings and commendations reach the commune and district pages; the Ban Chỉ đạo too, names on the commune's only", async () => {
    const { gas, addon } = clerk(true);
    gas.ui.answers.push({ text: "2022" });
    const draft = plain(addon.menuEvaluationDraft());
    expect(draft.outcomes.find((o: { team: string }) => o.team === "V01-T1")).toMatchObject({ rating: "excellent" });
    expect(plain(addon.menuSubmit()).outcome, gas.ui.alerts.at(-1)?.message).toBe("accepted");
    const stored = await d1<{
      team_code: string;
      rating: string;
      suggested_rating: string;
      suggestion_reasons: string;
      commendation: string | null;
    }>(
      "SELECT team_code, rating, suggested_rating, suggestion_reasons, commendation FROM evaluations WHERE commune_id = ? AND period = '2022' ORDER BY team_code",
      COMMUNE.id,
    );
    expect(stored.map((e) => [e.team_code, e.rating, e.suggested_rating])).toEqual([
      ["V01-T1", "excellent", "excellent"],
      ["V01-T2", "not_done", "not_done"],
      ["V02-T1", "not_done", "not_done"],
      ["V02-T2", "not_done", "not_done"],
    ]);
    expect(stored[0]!.commendation).toBe("Giấy khen của Chủ tịch UBND xã");
    expect(stored[1]!.suggestion_reasons).toContain("Gợi ý: Không hoàn thành nhiệm vụ");

    const detail = await link(COMMUNE.id, "detail");
    const district = await link(PILOT.lucNgan, "aggregate");
    const c = (await (await fetch(`${base}/r/${detail}.json?period=2022&mode=as_was`)).json()) as Rollup;
    expect(c.evaluations.by_rating).toMatchObject({ excellent: 1, not_done: 3 });
    expect(c.evaluations.commendations).toEqual([
      expect.objectContaining({ team_code: "V01-T1", period: "2022", text: "Giấy khen của Chủ tịch UBND xã" }),
    ]);
    expect(c.steering!.communes[0]!.people!.map((p) => p.full_name)).toEqual(STEERING.map((m) => m.full_name));
    expect(c.steering!.communes[0]!.warnings).toEqual([]); // 8 members, composed as the plan says

    const dHtml = await (await fetch(`${base}/r/${district}?period=2022&mode=as_was`)).text();
    const d = (await (await fetch(`${base}/r/${district}.json?period=2022&mode=as_was`)).json()) as Rollup;
    expect(d.evaluations.commendations_by_commune).toEqual([{ commune_id: COMMUNE.id, commune: COMMUNE.name, count: 1 }]);
    expect(d.evaluations.commendations).toEqual([expect.objectContaining({ team_code: "V01-T1", period: "2022" })]);
    expect(d.evaluations.commendations[0]!.text).toBeUndefined();
    expect(dHtml).toContain(RATINGS.excellent);
    expect(dHtml).toContain("Đề xuất khen thưởng");
    expect(d.steering!.communes).toEqual([expect.objectContaining({ unit: COMMUNE.name, members: 8, warnings: [] })]);
    for (const m of STEERING) expect(dHtml + JSON.stringify(d)).not.toContain(m.full_name);
    expect(dHtml).not.toContain("Giấy khen của Chủ tịch UBND xã");
    expect(dHtml).not.toContain("Gợi ý:");
  }, 180_000);

  it("the worker's Zalo forms are the add-on's text", async () => {
    const { addon } = clerk();
    const forms = plain(addon.getZaloForms("2022-W43")) as { forms: { text: string }[] };
    const detail = await link(COMMUNE.id, "detail");
    const html = await (await fetch(`${base}/r/${detail}/bao-cao-zalo?week=2022-W43`)).text();
    const unHtml = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
    const texts = [...html.matchAll(/<pre class="zalo">([\s\S]*?)<\/pre>/g)].map((m) => unHtml(m[1]!));
    expect(texts).toEqual(forms.forms.map((f) => f.text));
    expect(texts).toHaveLength(4);
  }, 120_000);
});

/**
 * "Chốt số liệu kỳ" (issue 13, approval and locking), through the real app: a commune closes a month
 * with its token; a later submission changing that month is accepted, the commune's own link moves,
 * the district's JSON, CSV and page keep the closed figures (with "có điều chỉnh sau khi chốt" and each
 * changed figure) until the commune closes again; a district link with the acceptance right accepts,
 * after which the commune can neither reopen nor re-close with other figures; the district reopens.
 * Bad input (a period that does not exist, data with check errors) is refused and writes nothing;
 * racing submissions with a closed period are each counted once.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { weeksInPeriod } from "../../shared/periods";
import type { Workbook } from "../../shared/schemas";
import type { ClosedRollup } from "../../worker/src/closing/overlay";
import type { Figures } from "../../worker/src/rollup/types";
import {
  adminPost,
  call,
  communeToken,
  copy,
  count,
  type ErrorJson,
  envelope,
  importPilot,
  PILOT,
  pilot,
  post,
  seed,
  submit,
} from "./helpers";

const { quySon, hongGiang } = pilot();
const MONTH = "2022-09";
let token = "";
let district = "";
let accepting = "";

async function link(unit_id: string, scope: "aggregate" | "detail", can_accept = false): Promise<string> {
  const res = await adminPost("/links", { unit_id, scope, ...(can_accept ? { can_accept } : {}) });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** The workbook with `delta` more broadcasts in the first report of the month. */
function bumped(wb: Workbook, delta: number): Workbook {
  const out = copy(wb);
  const weeks = new Set(weeksInPeriod(MONTH));
  const row = out.weekly.find((w) => weeks.has(w.week))!;
  row.broadcasts = (row.broadcasts ?? 0) + delta;
  return out;
}

const json = async <T>(path: string): Promise<T> => {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const districtRollup = () => json<ClosedRollup>(`/r/${district}.json?period=${MONTH}`);
const districtNode = async () => (await districtRollup()).communes.find((n) => n.unit.id === PILOT.quySon)!;
const communeLive = async () => (await json<ClosedRollup>(`/r/${await detail()}.json?period=${MONTH}`)).totals;
let detailLink = "";
const detail = async () => (detailLink ||= await link(PILOT.quySon, "detail"));
const close = (period: string, closed_by = "Nguyễn Thị Lan") => post("/api/closings", { period, closed_by }, token);
const closings = () => count("period_closings");
const audits = async (action: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ?").bind(action).first<number>("n")) ?? 0;
const form = (tok: string, fields: Record<string, string>, origin = "http://127.0.0.1:8787") =>
  call(`/r/${tok}/chot`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
const broadcasts = (f: Figures) => f.propaganda.broadcasts;

beforeAll(async () => {
  await seed();
  await importPilot([quySon, hongGiang]);
  token = await communeToken(PILOT.quySon);
  district = await link(PILOT.lucNgan, "aggregate");
  accepting = await link(PILOT.lucNgan, "aggregate", true);
});

describe("bad input writes nothing", () => {
  it.each([
    ["a month that does not exist", "2022-13", 400, "invalid_period"],
    ["a quarter that does not exist", "2022-Q5", 400, "invalid_period"],
    ["a week (not closable)", "2022-W03", 400, "invalid_period"],
    ["a year (made of months)", "2022", 400, "invalid_period"],
    ["a phase review", "P1", 400, "invalid_period"],
    ["words", "tháng chín", 400, "invalid_period"],
    ["no period at all", "", 422, "invalid_request"],
  ])("%s (%j) → %i %s", async (_what, period, status, code) => {
    const before = await closings();
    const res = await close(period);
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/tháng|quý|Yêu cầu/);
    expect(await closings()).toBe(before);
  });

  it("no token → 401; a district link without the right cannot accept (403); a cross-site form is refused", async () => {
    expect((await post("/api/closings", { period: MONTH })).status).toBe(401);
    expect((await form(district, { commune: PILOT.quySon, period: MONTH, action: "reopen" })).status).toBe(403);
    expect((await form(accepting, { commune: PILOT.quySon, period: MONTH, action: "accept" }, "https://evil.example")).status).toBe(403);
    expect(await closings()).toBe(0);
  });
});

describe("close → correct → re-close", () => {
  it("closing records who and when, from the latest accepted submission; twice is idempotent", async () => {
    const live = broadcasts(await communeLive());
    const res = await close(MONTH);
    expect(res.status).toBe(201);
    const first = (await res.json()) as { closing: { state: string; closed_by: string; submission_id: string }; changed: boolean };
    expect(first).toMatchObject({ changed: true, closing: { state: "closed", closed_by: "Nguyễn Thị Lan" } });
    const latest = await env.DB.prepare("SELECT submission_id FROM commune_versions WHERE commune_id = ? ORDER BY version DESC LIMIT 1")
      .bind(PILOT.quySon)
      .first<string>("submission_id");
    expect(first.closing.submission_id).toBe(latest);
    const again = await close(MONTH, "Người khác");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ changed: false, closing: { closed_by: "Nguyễn Thị Lan" } });
    expect(await audits("period.close")).toBe(1);
    expect(broadcasts(await districtNode())).toBe(live);
    const r = await districtRollup();
    expect(r.closing).toMatchObject({ kind: "exact", closed_count: 1, open_count: 1 });
  });

  it("a later submission is accepted; the commune's link moves, the district's JSON, CSV and page do not until the re-close", async () => {
    const before = broadcasts(await districtNode());
    const totalBefore = broadcasts((await districtRollup()).totals);
    const res = await submit(envelope(quySon, bumped(quySon.workbook, 7)), token);
    expect(res.status).toBe(201);
    expect(broadcasts(await communeLive())).toBe(before + 7);

    const r = await districtRollup();
    const node = r.communes.find((n) => n.unit.id === PILOT.quySon)!;
    expect(broadcasts(node)).toBe(before);
    expect(broadcasts(r.totals)).toBe(totalBefore);
    const mine = r.closing?.kind === "exact" ? r.closing.communes.find((c) => c.commune_id === PILOT.quySon) : undefined;
    expect(mine?.corrections).toEqual([
      { key: "propaganda.broadcasts", label_vi: "Số lần tuyên truyền trên loa", closed: before, current: before + 7 },
    ]);
    // Drill-down JSON and CSV: the commune as one row of its closed figures.
    const drill = await json<ClosedRollup>(`/r/${district}.json?period=${MONTH}&commune=${encodeURIComponent(PILOT.quySon)}`);
    expect(broadcasts(drill.totals)).toBe(before);
    const csv = await (await call(`/r/${district}.csv?period=${MONTH}`)).text();
    expect(csv).toContain("Số liệu đã chốt ngày");

    const page = await (await call(`/r/${district}?period=${MONTH}`)).text();
    expect(page).toContain("Chốt số liệu kỳ");
    expect(page).toContain("có điều chỉnh sau khi chốt");
    expect(page).toMatch(/Đã chốt \d{2}\/\d{2}\/\d{4}/);
    expect(page).toContain("Chưa chốt"); // Hồng Giang
    expect(page).toContain(`+${7}`);

    const reclosed = await close(MONTH);
    expect(reclosed.status).toBe(201);
    expect(broadcasts(await districtNode())).toBe(before + 7);
    expect(await audits("period.reclose")).toBe(1);
    const after = await districtRollup();
    expect(after.closing?.kind === "exact" && after.closing.communes.every((c) => c.corrections.length === 0)).toBe(true);
  });

  it("a quarter not closed shows live figures; a year says plainly its figures are live and which months were closed", async () => {
    const q = await json<ClosedRollup>(`/r/${district}.json?period=2022-Q3`);
    expect(q.closing).toMatchObject({ kind: "exact", closed_count: 0, open_count: 2 });
    const y = await json<ClosedRollup>(`/r/${district}.json?period=2022`);
    expect(y.closing).toEqual({ kind: "live", closed_periods: [MONTH] });
    expect(await (await call(`/r/${district}?period=2022`)).text()).toContain("trang hiển thị số liệu hiện tại");
  });
});

describe("acceptance: the district decides after it accepted", () => {
  it("the commune reopens before acceptance; after the district accepts, its reopen and a changed re-close are refused", async () => {
    const reopened = await post("/api/closings/reopen", { period: MONTH }, token);
    expect(reopened.status).toBe(200);
    expect((await districtRollup()).closing).toMatchObject({ closed_count: 0 });
    expect((await close(MONTH)).status).toBe(201);

    const ok = await form(accepting, { commune: PILOT.quySon, period: MONTH, action: "accept", mode: "as_was" });
    expect(ok.status).toBe(303);
    expect(await (await call(`/r/${district}?period=${MONTH}`)).text()).toMatch(/Đã chấp nhận \d{2}\/\d{2}\/\d{4}/);

    const refused = await post("/api/closings/reopen", { period: MONTH }, token);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorJson).error).toMatchObject({ code: "period_accepted" });
    expect((await close(MONTH)).status).toBe(200); // unchanged figures: nothing to do
    expect((await submit(envelope(quySon, bumped(quySon.workbook, 9)), token)).status).toBe(201);
    const changed = await close(MONTH);
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as ErrorJson).error.code).toBe("period_accepted");

    const back = await form(accepting, { commune: PILOT.quySon, period: MONTH, action: "reopen" });
    expect(back.status).toBe(303);
    expect((await close(MONTH)).status).toBe(201);
    const actors = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'period.%' ORDER BY id").all<{
      actor: string;
      action: string;
    }>();
    expect(actors.results.map((a) => a.action)).toEqual([
      "period.close",
      "period.reclose",
      "period.reopen",
      "period.close",
      "period.accept",
      "period.reopen",
      "period.close",
    ]);
    expect(actors.results[4]!.actor).toMatch(/^link:[0-9a-f]{12}$/);
    expect(actors.results[0]!.actor).toBe(`commune:${PILOT.quySon}`);
  });
});

describe("check errors and races", () => {
  it("closing while the latest attempt was refused for its content is refused with its errors; nothing is written", async () => {
    const wb = copy(quySon.workbook);
    wb.households[1]!.birth_year = 1800;
    expect((await submit(envelope(quySon, wb), token)).status).toBe(422);
    let res: Response | null = null;
    for (let i = 0; i < 50; i++) {
      res = await close("2022-08");
      if (res.status !== 201) break;
      await post("/api/closings/reopen", { period: "2022-08" }, token); // the refusal log is written after the answer
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(res!.status).toBe(422);
    const body = (await res!.json()) as ErrorJson;
    expect(body.error.code).toBe("period_has_errors");
    expect(body.error.details.length).toBeGreaterThan(0);
    expect(body.error.details[0]).toMatchObject({ severity: "error" });
    expect(body.error.details[0]!.message_vi).toContain("bị từ chối");
    // Sent again without the error: closing works.
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
    expect((await close("2022-08")).status).toBeLessThan(300);
  });

  it("racing submissions with a closed period: each id counted once, the closing holds figures of one accepted submission", async () => {
    const before = await count("submissions", PILOT.quySon);
    const q3 = async () => broadcasts((await json<ClosedRollup>(`/r/${await detail()}.json?period=2022-Q3`)).totals);
    const base = await q3();
    const a = envelope(quySon, bumped(quySon.workbook, 100));
    const b = envelope(quySon, bumped(quySon.workbook, 200));
    const answers = await Promise.all([submit(a, token), submit(b, token), close("2022-Q3"), submit(a, token), submit(b, token)]);
    expect(answers[2]!.status).toBeLessThan(300);
    for (const i of [0, 1, 3, 4]) expect([200, 201, 503]).toContain(answers[i]!.status);
    // A busy answer is safe to resend: each id once more, then every id is stored exactly once.
    expect((await submit(a, token)).status).toBeLessThan(300);
    expect((await submit(b, token)).status).toBeLessThan(300);
    expect(await count("submissions", PILOT.quySon)).toBe(before + 2);
    const versions = await env.DB.prepare("SELECT submission_id FROM commune_versions WHERE submission_id IN (?, ?)")
      .bind(a.submission_id, b.submission_id)
      .all();
    expect(versions.results.length).toBe(2);
    // The closing's figures are those of the submission it names: the one before the race, A (+100) or B (+200).
    const row = await env.DB.prepare("SELECT figures, submission_id FROM period_closings WHERE commune_id = ? AND period = '2022-Q3'")
      .bind(PILOT.quySon)
      .first<{ figures: string; submission_id: string }>();
    const delta = row!.submission_id === a.submission_id ? 100 : row!.submission_id === b.submission_id ? 200 : 0;
    expect(broadcasts(JSON.parse(row!.figures) as Figures)).toBe(base + delta);
    // The district's Q3 shows exactly that until the commune closes again.
    const node = (await json<ClosedRollup>(`/r/${district}.json?period=2022-Q3`)).communes.find((n) => n.unit.id === PILOT.quySon)!;
    expect(broadcasts(node)).toBe(base + delta);
  });
});

/**
 * The plan's steering bodies on the worker: the commune's Ban Chỉ đạo from its sheet (a roster:
 * replaced when sent, kept when an older add-on does not send it), its names-free composition for
 * district pages, the district's Tổ hướng dẫn và giám sát through the admin API, both shown with the
 * plan's composition checked — names on the commune's own link only. And the commune link's Zalo
 * forms: the same text as the add-on's.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "../../shared/contract";
import { PILOT } from "../../shared/data/units";
import { PILOT_GUIDANCE } from "../../shared/sample/pilot";
import type { Workbook } from "../../shared/schemas";
import { weeklyFormText } from "../../shared/zalo/form";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, communeToken, copy, envelope, pilot, receiptOf, seed, submit } from "./helpers";

const GUIDANCE = PILOT_GUIDANCE;

const linkOf = async (unit_id: string, scope: "aggregate" | "detail") =>
  ((await (await adminPost("/links", { unit_id, scope })).json()) as { token: string }).token;
const json = async (path: string) => (await call(path)).json() as Promise<Rollup>;

describe("steering bodies", () => {
  const { quySon, hongGiang } = pilot();
  let token: string;
  let detail: string;
  let district: string;

  beforeAll(async () => {
    await seed();
    token = await communeToken(quySon.unit_id);
    for (const c of [quySon, hongGiang]) {
      const res = await submit(envelope(c, c.workbook), c === quySon ? token : await communeToken(c.unit_id));
      expect(res.status, await res.clone().text()).toBe(201);
    }
    detail = await linkOf(PILOT.quySon, "detail");
    district = await linkOf(PILOT.lucNgan, "aggregate");
  });

  it("stores the Ban Chỉ đạo from its sheet, and its composition without names", async () => {
    const rows = await env.DB.prepare("SELECT full_name, seat, role FROM steering_members WHERE commune_id = ? ORDER BY member_no")
      .bind(quySon.unit_id)
      .all();
    expect(rows.results.map((r) => r.full_name)).toEqual(quySon.workbook.steering.map((m) => m.full_name));
    const agg = await env.DB.prepare("SELECT role, seat, n FROM agg_steering WHERE commune_id = ? ORDER BY role, seat")
      .bind(quySon.unit_id)
      .all();
    expect(agg.results).toContainEqual({ role: "member", seat: "mass_org", n: 2 });
    expect(Object.keys(agg.results[0]!)).toEqual(["role", "seat", "n"]);
  });

  it("an envelope without the sheet (an older add-on) keeps the roster and its receipt does not name it; a new one replaces it", async () => {
    const { steering: _, ...old } = copy(quySon.workbook);
    const oldEnv = envelope(quySon, old as Workbook);
    oldEnv.schema_version = 2;
    const res = await submit(oldEnv, token);
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt: Receipt = await receiptOf(res);
    expect("steering" in receipt.counts).toBe(false);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM steering_members WHERE commune_id = ?").bind(quySon.unit_id).first("n")).toBe(9);

    const wb = copy(quySon.workbook);
    wb.steering = wb.steering.filter((m) => m.seat !== "police");
    const r2 = await receiptOf(await submit(envelope(quySon, wb), token));
    expect(r2.counts.steering).toEqual({ inserted: 0, updated: 0, unchanged: 8, deleted: 1, withdrawn: 0 });
    expect(r2.warnings.filter((w) => w.sheet === "steering").map((w) => w.code)).toEqual(["steering_seat:police"]);
    const page = await json(`/r/${detail}.json?period=2022-Q1`);
    expect(page.steering!.communes[0]!.warnings).toEqual([
      { code: "seat:police", message_vi: "Ban Chỉ đạo xã chưa có thành viên là Trưởng Công an xã." },
    ]);
    // Back as it was, for the tests below.
    expect((await submit(envelope(quySon, quySon.workbook), token)).status).toBe(201);
  });

  it("the district's Tổ hướng dẫn và giám sát: sent by the admin API, checked, refused for a commune or a bad row", async () => {
    const bad = await adminPost("/guidance-teams", { unit_id: PILOT.quySon, members: GUIDANCE });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("unit_level_not_allowed");
    const badRow = await adminPost("/guidance-teams", { unit_id: PILOT.lucNgan, members: [{ ...GUIDANCE[0], seat: "mayor" }] });
    expect(badRow.status).toBe(422);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM guidance_members").first("n")).toBe(0);

    const five = await adminPost("/guidance-teams", { unit_id: PILOT.lucNgan, members: GUIDANCE.slice(0, 5) });
    expect(five.status).toBe(200);
    expect(((await five.json()) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(["size", "seat:culture"]);
    const six = await adminPost("/guidance-teams", { unit_id: PILOT.lucNgan, members: GUIDANCE });
    expect(await six.json()).toEqual({ unit_id: PILOT.lucNgan, members: 6, warnings: [] });
    const q = (await (await adminPost("/guidance-teams/query", { unit_id: PILOT.lucNgan })).json()) as { members: { full_name: string }[] };
    expect(q.members.map((m) => m.full_name)).toEqual(GUIDANCE.map((m) => m.full_name));
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'guidance_team.replace'").first("n")).toBe(2);
  });

  it("the district page shows each commune's Ban Chỉ đạo and its own team by composition only: no names", async () => {
    const r = await json(`/r/${district}.json?period=2022-Q1&mode=as_was`);
    expect(r.steering!.communes.map((c) => [c.unit, c.members, c.warnings])).toEqual([
      ["Xã Hồng Giang", 9, []],
      ["Xã Quý Sơn", 9, []],
    ]);
    expect(r.steering!.guidance).toMatchObject({ unit_id: PILOT.lucNgan, members: 6, warnings: [] });
    expect(r.steering!.guidance!.people).toBeUndefined();
    for (const path of [`/r/${district}?period=2022-Q1&mode=as_was`, `/r/${district}.json?period=2022-Q1&mode=as_was`]) {
      const body = await (await call(path)).text();
      for (const m of [...quySon.workbook.steering, ...hongGiang.workbook.steering, ...GUIDANCE])
        expect(body, path).not.toContain(m.full_name);
    }
    const html = await (await call(`/r/${district}?period=2022-Q1&mode=as_was`)).text();
    expect(html).toContain("Ban Chỉ đạo xã và Tổ hướng dẫn, giám sát");
    expect(html).toContain("Lãnh đạo Phòng Văn hóa và Thông tin");
  });

  it("the commune's own link shows the names of its Ban Chỉ đạo and of the district's team", async () => {
    const r = await json(`/r/${detail}.json?period=2022-Q1`);
    expect(r.steering!.communes[0]!.people!.map((p) => p.full_name)).toEqual(quySon.workbook.steering.map((m) => m.full_name));
    expect(r.steering!.guidance!.people!.map((p) => p.full_name)).toEqual(GUIDANCE.map((m) => m.full_name));
    const html = await (await call(`/r/${detail}?period=2022-Q1`)).text();
    expect(html).toContain(quySon.workbook.steering[0]!.full_name);
    expect(html).toContain("Thành phần đúng theo kế hoạch.");
  });
});

describe("the commune link's Zalo forms", () => {
  const { quySon } = pilot();
  let detail: string;
  let aggregate: string;
  beforeAll(async () => {
    await seed();
    expect((await submit(envelope(quySon, quySon.workbook), await communeToken(quySon.unit_id))).status).toBe(201);
    detail = await linkOf(PILOT.quySon, "detail");
    aggregate = await linkOf(PILOT.quySon, "aggregate");
  });

  it("shows each team's form for the week, the text the add-on gives", async () => {
    const res = await call(`/r/${detail}/bao-cao-zalo?week=2022-W41`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const unHtml = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
    const texts = [...html.matchAll(/<pre class="zalo">([\s\S]*?)<\/pre>/g)].map((m) => unHtml(m[1]!));
    expect(texts).toEqual(
      quySon.workbook.teams.map((t) => weeklyFormText({ team_code: t.team_code, team_name: t.team_name, ethnic: false }, "2022-W41")),
    );
    // By default, the week after the commune's last report.
    const last = quySon.workbook.weekly
      .map((w) => w.week)
      .sort()
      .at(-1)!;
    // The pilot's teams were dissolved with the final review (31/10/2022, the Monday of W44): that week
    // has no active team, and the page says so instead of printing forms.
    const next = await (await call(`/r/${detail}/bao-cao-zalo`)).text();
    expect(next).toContain(`value="2022-W${Number(last.slice(6)) + 1}"`);
    expect(quySon.workbook.teams.every((t) => t.dissolved_on === "2022-10-31")).toBe(true);
    expect(next).toContain("Không có tổ nào hoạt động trong tuần này.");
    expect(await (await call(`/r/${detail}/bao-cao-zalo?week=tuần-sau`)).text()).toContain("Không đọc được tuần đã nhập");
    expect(await (await call(`/r/${detail}?period=2022-Q1`)).text()).toContain(`${detail}/bao-cao-zalo`);
  });

  it("is a commune (detail) page: an aggregate link gets the 404 page", async () => {
    expect((await call(`/r/${aggregate}/bao-cao-zalo`)).status).toBe(404);
  });
});

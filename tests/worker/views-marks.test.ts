/**
 * What the link pages mark and count (issue 17, items 7 and 9), on the hand-built fixture
 * (fixtures/rollup-fixture.ts): only out-of-range figures are coloured in "Chi tiết theo xã";
 * every rate has one decimal; a page of one commune counts its villages, not "1 xã"; mẫu 02 has
 * per-team and per-village totals; "Họp tổ" lists per commune its meetings and the teams that
 * skipped a quarter's periodic meeting.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Rollup } from "../../worker/src/rollup/types";
import { buildFixture, type Fixture, insertUnits, loadFixture, makeLink, U } from "./fixtures/rollup-fixture";

const get = (path: string) => exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`));
const Q1 = "period=2022-Q1&mode=as_was";

/** The HTML of a section from its heading (h2 or h3) to the end of its section. */
function part(page: string, heading: string): string {
  const i = page.indexOf(`>${heading}</h`);
  expect(i, heading).toBeGreaterThan(0);
  return page.slice(i, page.indexOf("</section>", i));
}
/** Table rows of some HTML: class, the first cell's text, and the classes of the cells that are "out". */
function rowsOf(fragment: string) {
  // A cell's header: its data-label, else its column's <th> (the table above commune level labels columns in CSS).
  const heads = [...fragment.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((h) => h[1]!);
  const label = (attrs: string, i: number) => /data-label="([^"]*)"/.exec(attrs)?.[1] ?? heads[i];
  return [...fragment.matchAll(/<tr(?: class="([^"]*)")?>(.*?)<\/tr>/g)]
    .filter((m) => m[2]!.includes("<td"))
    .map((m) => {
      const cells = [...m[2]!.matchAll(/<td([^>]*)>(.*?)<\/td>/g)];
      return {
        cls: m[1] ?? "",
        name: cells[0]![2]!.replace(/<[^>]+>/g, "").trim(),
        out: cells.flatMap((c, i) => (/class="[^"]*\bout\b/.test(c[1]!) ? [label(c[1]!, i)] : [])),
        /** Each cell's header → its text. */
        by: Object.fromEntries(cells.map((c, i) => [label(c[1]!, i) ?? "", c[2]!.replace(/<[^>]+>/g, "")])),
      };
    });
}

let fx: Fixture;
let district: string;
let province: string;
let hongGiang: string;
let quySon: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  fx = buildFixture();
  await loadFixture(env.DB, fx);
  district = await makeLink(env.DB, U.lucNgan, "aggregate");
  province = await makeLink(env.DB, U.bacGiang, "aggregate");
  hongGiang = await makeLink(env.DB, U.hongGiang, "detail");
  quySon = await makeLink(env.DB, U.quySon, "detail");
});

describe("Chi tiết theo xã: colour only what is out of range", () => {
  it("marks on the district page only the commune with teams outside 30–50 households, on its team count", async () => {
    const rows = rowsOf(part(await (await get(`/r/${district}?${Q1}`)).text(), "Theo xã, phường"));
    const communes = rows.filter((r) => r.cls === "commune");
    expect(communes.length).toBe(3);
    // Quý Sơn: QT-T2 has 25 households and QT-T10 52; Hồng Giang (40, 35, 30) and Thanh Hải (30) are in range.
    for (const r of communes) expect(r.out, r.name).toEqual(r.name.includes("Quý Sơn") ? ["Số tổ"] : []);
    // The total holds Quý Sơn's two teams, so its team count is marked too.
    expect(rows.find((r) => r.cls === "total")!.out).toEqual(["Số tổ"]);
  });

  it("marks on a commune page the households of the teams out of range, and no other cell", async () => {
    const rows = rowsOf(part(await (await get(`/r/${quySon}?${Q1}`)).text(), "Chi tiết theo xã, thôn, tổ"));
    const teams = rows.filter((r) => r.cls === "");
    expect(teams.map((r) => r.name).sort()).toEqual(["Tổ số 1", "Tổ số 10", "Tổ số 2"]);
    for (const t of teams) expect(t.out, t.name).toEqual(t.name === "Tổ số 1" ? [] : ["Số hộ"]);
    for (const r of rows.filter((x) => x.cls === "commune" || x.cls === "village")) expect(r.out, r.name).toEqual(["Số tổ"]);
  });

  it("no longer paints every commune row pink: only cells marked out are", async () => {
    const html = await (await get(`/r/${district}?${Q1}`)).text();
    const pink = /#fbe9e7/i;
    const rules = [...html.matchAll(/([^{}]+)\{([^}]*)\}/g)].filter((m) => pink.test(m[2]!)).map((m) => m[1]!.trim());
    expect(rules.length).toBeGreaterThan(0);
    for (const selector of rules) expect(selector, selector).toMatch(/\.out\b/);
  });
});

describe("figures read the same everywhere", () => {
  it("writes every rate with one decimal (90,0% beside 95,6%)", async () => {
    for (const path of [`/r/${district}?${Q1}`, `/r/${hongGiang}?${Q1}`, `/r/${district}?period=2022&mode=as_was`]) {
      const text = (await (await get(path)).text()).replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
      const rates = [...text.matchAll(/(\d[\d.,]*)%/g)].map((m) => m[1]!);
      expect(rates.length, path).toBeGreaterThan(3);
      for (const r of rates) expect(r, `${path}: ${r}%`).toMatch(/^\d{1,3}(\.\d{3})*,\d$/);
    }
  });

  it("counts communes on a page of several, villages on a page of one", async () => {
    const card = (html: string, label: string) => new RegExp(`${label}</span><b[^>]*>([^<]*)</b>`).exec(html)?.[1];
    const districtPage = await (await get(`/r/${district}?${Q1}`)).text();
    expect(card(districtPage, "Số xã, phường có số liệu")).toBe("3");
    for (const path of [`/r/${hongGiang}?${Q1}`, `/r/${district}?${Q1}&commune=${encodeURIComponent(U.hongGiang)}`]) {
      const page = await (await get(path)).text();
      expect(page, path).not.toContain("Số xã, phường có số liệu");
      expect(card(page, "Số thôn, tổ dân phố có Tổ Dân vận"), path).toBe("2");
    }
  });
});

describe("mẫu 02 totals", () => {
  it("adds per team its households and people, and the village's total", async () => {
    const html = await (await get(`/r/${hongGiang}/mau-02`)).text();
    const of = (team: string) => fx.households.filter((h) => h.commune_id === U.hongGiang && h.team_code === team);
    const people = (team: string) => of(team).reduce((n, h) => n + h.members_count, 0);
    const totals = [...html.matchAll(/<tr class="(subtotal|total)">(.*?)<\/tr>/g)].map((m) =>
      [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, "")).filter(Boolean),
    );
    // Thôn Ngọt has NG-T1 and NG-T2 today (KH-T1 of thôn Khuôn is dissolved).
    expect(totals).toEqual([
      ["Cộng Tổ số 1", `${of("NG-T1").length} hộ`, String(people("NG-T1"))],
      ["Cộng Tổ số 2", `${of("NG-T2").length} hộ`, String(people("NG-T2"))],
      ["Tổng cộng thôn Ngọt", `${of("NG-T1").length + of("NG-T2").length} hộ`, String(people("NG-T1") + people("NG-T2"))],
    ]);
  });
});

describe("Họp tổ per commune", () => {
  const json = async (token: string, query: string) => (await (await get(`/r/${token}.json?${query}`)).json()) as Rollup;

  it("counts each commune's meetings and the team-quarters owing one, none skipped in Lục Ngạn in Q1 2022", async () => {
    const m = (await json(district, Q1)).meetings;
    expect(m.quarters).toEqual(["2022-Q1"]);
    const by = Object.fromEntries(m.by_commune.map((c) => [c.commune_id, c]));
    // Hồng Giang: NG-T1 and NG-T2 met on 31/03 (KH-T1 was dissolved on 20/02), NG-T1 also extraordinarily on 15/02.
    expect(by[U.hongGiang]).toMatchObject({ total: 3, owed: 2, skipped: [] });
    expect(by[U.hongGiang]!.by_kind).toMatchObject({ quarterly: 2, extraordinary: 1 });
    expect(by[U.quySon]).toMatchObject({ total: 3, owed: 3, skipped: [] });
    expect(by[U.thanhHai]).toMatchObject({ total: 1, owed: 1, skipped: [] });
  });

  it("names the team that skipped its quarterly meeting (Bảo Sơn's MH-T2, alive on 31/03/2022), by code on an aggregate link", async () => {
    const m = (await json(province, Q1)).meetings;
    const baoSon = m.by_commune.find((c) => c.commune_id === U.baoSon)!;
    expect(baoSon).toMatchObject({ total: 1, owed: 2, skipped: [{ team_code: "MH-T2", quarter: "2022-Q1" }] });
    expect(m.by_commune.filter((c) => c.skipped.length).map((c) => c.commune_id)).toEqual([U.baoSon]);
    // The province page counts it in Bảo Sơn's row; the commune's drill-down names it.
    const page = await (await get(`/r/${province}?${Q1}`)).text();
    const row = rowsOf(part(page, "Theo xã, phường")).find((r) => r.name.includes("Bảo Sơn"));
    expect(row?.by["Tổ chưa họp định kỳ"]).toBe("1");
    expect(page).not.toContain("MH-T2 (Quý I/2022)");
    const html = part(await (await get(`/r/${province}?${Q1}&commune=${encodeURIComponent(U.baoSon)}`)).text(), "Họp định kỳ theo xã");
    expect(html).toContain("MH-T2 (Quý I/2022)");
    expect(html).not.toContain("Tổ số 2 (Quý I/2022)");
  });

  it("checks no quarter that has not ended", async () => {
    const m = (await json(district, "period=2022-02&mode=as_was")).meetings;
    expect(m.quarters).toEqual([]);
    expect(m.by_commune.every((c) => c.owed === 0 && c.skipped.length === 0)).toBe(true);
  });
});

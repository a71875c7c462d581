/**
 * The link pages through the real app: what a district (aggregate) link and a commune (detail)
 * link may show, escaping, CSV safety, 404s that leak nothing, headers, and no external resources.
 * A district page has one row per commune, each linking to the commune's drill-down (its villages
 * and teams, still aggregate); figures are checked against the fixture (fixtures/rollup-expect.ts).
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { todayVi } from "../../shared/periods";
import type { Rollup } from "../../worker/src/rollup/types";
import { weekRangesVi } from "../../worker/src/views/format";
import { expectFigures } from "./fixtures/rollup-expect";
import { buildFixture, type Fixture, FORMULA, insertUnits, loadFixture, makeLink, U, XSS } from "./fixtures/rollup-fixture";

const get = (path: string) => exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`));
const ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;";
const UNKNOWN = `/r/dvl_${"0".repeat(32)}`;
/** How a text reads in the page's HTML (hono/jsx escapes & < > "). */
const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The HTML of a section from its heading (h2 or h3) to the end of its table or section. */
function part(page: string, heading: string, end = "</section>"): string {
  const i = page.indexOf(`>${heading}</h`);
  expect(i, heading).toBeGreaterThan(0);
  return page.slice(i, page.indexOf(end, i));
}

interface Row {
  cls: string;
  cells: string[];
  hrefs: string[];
}
/** Table rows of some HTML: class, cell texts (tags stripped), and the links in the first cell. */
function rowsOf(fragment: string): Row[] {
  return [...fragment.matchAll(/<tr(?: class="([^"]*)")?>(.*?)<\/tr>/g)]
    .filter((m) => m[2]!.includes("<td"))
    .map((m) => {
      const cells = [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!);
      return {
        cls: m[1] ?? "",
        cells: cells.map((c) => c.replace(/<[^>]+>/g, "")),
        hrefs: [...(cells[0] ?? "").matchAll(/href="([^"]*)"/g)].map((h) => h[1]!),
      };
    });
}
/** "1.028" → 1028, "–" → null (vi-VN numbers). */
const viNum = (s: string | undefined) => (s === undefined || s === "–" ? null : Number(s.replace(/\./g, "").replace(",", ".")));
/** The breakdown's figure columns after the unit's name (worker/src/views/rollup/breakdown.tsx FigureCells). */
const COLS = [
  "teams",
  "members",
  "households",
  "people",
  "zalo_pct",
  "expected",
  "received",
  "on_time",
  "missing",
  "rate",
  "broadcasts",
  "zalo_posts",
  "visited",
  "net",
] as const;
/** The columns of the table above commune level (worker/src/views/rollup/communes.tsx). */
const COMMUNE_COLS = ["teams", "households", "rate", "on_time", "missing", "missing_teams", "open", "skipped", "commendations"] as const;
const communeCells = (r: Row) =>
  Object.fromEntries(COMMUNE_COLS.map((k, i) => [k, viNum(r.cells[i + 1]?.replace("%", ""))])) as Record<
    (typeof COMMUNE_COLS)[number],
    number | null
  >;
const cellsOf = (r: Row) =>
  Object.fromEntries(COLS.map((k, i) => [k, viNum(r.cells[i + 1])])) as Record<(typeof COLS)[number], number | null>;

let fx: Fixture;
let district: string; // aggregate link on huyện Lục Ngạn
let commune: string; // detail link on xã Hồng Giang
let communeQS: string; // detail link on xã Quý Sơn
let revoked: string;
let expired: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  fx = buildFixture();
  await loadFixture(env.DB, fx);
  district = await makeLink(env.DB, U.lucNgan, "aggregate");
  commune = await makeLink(env.DB, U.hongGiang, "detail");
  communeQS = await makeLink(env.DB, U.quySon, "detail");
  revoked = await makeLink(env.DB, U.lucNgan, "aggregate", { revoked: true });
  expired = await makeLink(env.DB, U.lucNgan, "aggregate", { expired: true });
});

/** Household-level data that must never reach a district link. */
function householdStrings(communes: string[]): string[] {
  // (The one head named <script>… shares that string with a village name, tested for escaping elsewhere.)
  const names = fx.households.filter((h) => communes.includes(h.commune_id) && h.head_name !== XSS).map((h) => h.head_name);
  return [...new Set(names), "Trần Văn Xuyến"];
}

describe("district (aggregate) link", () => {
  const Q1 = "?period=2022-Q1&mode=as_was";

  it("renders the rollup page with the period, the teams without reports, and links to JSON and CSV", async () => {
    const res = await get(`/r/${district}${Q1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("Huyện Lục Ngạn");
    expect(html).toContain("Quý I/2022");
    expect(html).toContain("Tổ chưa nộp đủ");
    expect(html).toContain(`href="${district}.json?period=2022-Q1&amp;mode=as_was"`);
    expect(html).toContain(`href="${district}.csv?period=2022-Q1&amp;mode=as_was"`);
    expect(html).not.toContain("mau-01");
    expect(html).not.toContain("mau-02");
  });

  it("shows no household names, birth years, member names or free text in HTML, JSON or CSV, drill-downs included", async () => {
    const drill = (mode: string, id: string) => `?commune=${encodeURIComponent(id)}&period=2022-Q1&mode=${mode}`;
    const drills = [
      ...[U.hongGiang, U.quySon, U.thanhHai].map((id) => drill("as_was", id)),
      ...[U.chu, U.phuongSon].map((id) => drill("current", id)),
    ];
    const paths = [Q1, ...drills].flatMap((q) => [`/r/${district}${q}`, `/r/${district}.json${q}`, `/r/${district}.csv${q}`]);
    const pages = await Promise.all(
      paths.map(async (p) => {
        const res = await get(p);
        expect(res.status, p).toBe(200);
        return res.text();
      }),
    );
    const forbidden = [
      ...householdStrings([U.hongGiang, U.quySon, U.thanhHai]),
      ...fx.members.map((m) => m.full_name).filter((n) => n !== XSS),
      "birth_year",
      "head_name",
      "full_name",
      "Tụ tập đông người",
    ];
    for (const body of pages) {
      for (const s of forbidden) {
        expect(body).not.toContain(s);
        expect(body).not.toContain(s.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
      }
    }
    for (const body of pages) expect(body).not.toMatch(/birth_year|Năm sinh|chủ hộ/i);
    const json = JSON.parse(pages[1]!) as Rollup;
    expect(json.scope).toBe("aggregate");
    for (const i of drills.keys()) {
      const drilled = JSON.parse(pages[3 * (i + 1) + 1]!) as Rollup;
      expect(drilled.scope).toBe("aggregate");
      expect(drilled.notes).toBeUndefined();
      expect(drilled.adhoc.open.every((o) => !("content" in o))).toBe(true);
    }
    expect(json.notes).toBeUndefined();
    expect(json.adhoc.open.length).toBeGreaterThan(0);
    expect(json.adhoc.open.every((o) => !("content" in o))).toBe(true);
  });

  it("has one row per commune, each linking to its drill-down, with the fixture's figures and no village or team rows", async () => {
    const page = await (await get(`/r/${district}${Q1}`)).text();
    const table = part(page, "Theo xã, phường");
    const rows = rowsOf(table);
    expect(rows.map((r) => r.cls)).toEqual(["commune", "commune", "commune", "total"]);
    const ids: string[] = [U.hongGiang, U.quySon, U.thanhHai];
    const e = (id: string) => expectFigures(fx, [id], "2022-Q1", todayVi());
    ids.forEach((id, i) => {
      const row = rows[i]!;
      expect(row.hrefs).toEqual([`${district}?commune=${encodeURIComponent(id)}&amp;period=2022-Q1&amp;mode=as_was`]);
      const f = e(id);
      expect(communeCells(row), id).toMatchObject({
        teams: f.teams,
        households: f.households,
        rate: Math.round((1000 * f.received) / f.expected) / 10,
        on_time: Math.round((1000 * f.on_time) / f.expected) / 10,
        missing: f.missing,
        missing_teams: Object.keys(f.missingByTeam).length,
        open: f.openCodes.length,
        commendations: f.commendations,
      });
    });
    const all = expectFigures(fx, ids, "2022-Q1", todayVi());
    expect(communeCells(rows[3]!)).toMatchObject({ teams: all.teams, households: all.households, missing: all.missing });
    expect(ids.every((id) => Object.keys(e(id).missingByTeam).length > 0)).toBe(true); // missing reports in every commune
    expect(ids.filter((id) => e(id).openCodes.length > 0).length).toBeGreaterThan(1);
    // No village anywhere on the page; no team, and no week, anywhere on it: they are in the drill-down.
    for (const v of fx.villages) expect(page).not.toContain(html(v.village_name));
    for (const t of fx.teams.filter((x) => ids.includes(x.commune_id))) expect(page).not.toContain(html(t.team_name));
    expect(page.replace(/<select[\s\S]*?<\/select>/g, "")).not.toMatch(/Tuần \d/);
    expect(part(page, "Báo cáo đột xuất")).not.toContain("Tổ số");

    const drill = await (await get(`/r/${district}?commune=${encodeURIComponent(U.quySon)}&period=2022-Q1&mode=as_was`)).text();
    const items = rowsOf(part(drill, "Vụ việc chưa xử lý xong (đến hết kỳ)", "</table>"));
    expect(items).toHaveLength(e(U.quySon).openCodes.length);
    for (const r of items) expect(r.cells[1]).toBe("Xã Quý Sơn");
    // Teams by code on an aggregate link (the commune's own team names stay on its own link).
    expect(part(drill, "Đánh giá, xếp loại và đề xuất khen thưởng")).toContain("<li>Tổ QT-T10, xã Quý Sơn (2022-Q1)</li>");
  });

  it("drills down to a commune: its villages and teams with the fixture's figures, missing weeks as ranges", async () => {
    const res = await get(`/r/${district}?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1&mode=as_was`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<strong>Xã Hồng Giang</strong>, huyện Lục Ngạn, tỉnh Bắc Giang");
    expect(page).toContain(`<a href="${district}?period=2022-Q1&amp;mode=as_was">‹ Toàn huyện Lục Ngạn</a>`);
    expect(page).toContain(`<input type="hidden" name="commune" value="${U.hongGiang}"/>`);
    expect(page).toContain(`href="${district}.csv?commune=${encodeURIComponent(U.hongGiang)}&amp;period=2022-Q1&amp;mode=as_was"`);
    // The other mode: Hồng Giang is part of phường Chũ today.
    expect(page).toContain(`href="${district}?commune=${encodeURIComponent(U.chu)}&amp;period=2022-Q1&amp;mode=current"`);

    const rows = rowsOf(part(page, "Chi tiết theo xã, thôn, tổ"));
    const teams = fx.teams.filter((t) => t.commune_id === U.hongGiang);
    expect(rows.map((r) => r.cls)).toEqual(["commune", "village", "", "village", "", "", "total"]); // thôn Khuôn (1 tổ), thôn Ngọt (2)
    // Villages and teams by code: no name the commune typed reaches an aggregate link.
    expect(rows.filter((r) => r.cls === "village").map((r) => r.cells[0])).toEqual(["Thôn KH", "Thôn NG"]);
    expect(rows[0]!.hrefs).toEqual([]); // no further drill-down
    const e = expectFigures(fx, [U.hongGiang], "2022-Q1", todayVi());
    for (const r of [rows[0]!, rows[6]!]) {
      expect(cellsOf(r)).toMatchObject({
        teams: e.teams,
        members: e.members,
        households: e.households,
        people: e.people,
        expected: e.expected,
        received: e.received,
        on_time: e.on_time,
        missing: e.missing,
        net: e.net,
      });
    }
    const teamRows = rows.filter((r) => r.cls === "");
    expect(teamRows).toHaveLength(teams.length);
    const missingRows = rowsOf(part(page, "Các tổ chưa nộp đủ báo cáo tuần", "</table>"));
    for (const t of teams) {
      const label = `Tổ ${t.team_code}`;
      const row = teamRows.find((r) => r.cells[0] === label || r.cells[0]!.startsWith(`${label} (giải thể`));
      expect(row, t.team_code).toBeDefined();
      const one = expectFigures({ ...fx, teams: [t] }, [U.hongGiang], "2022-Q1", todayVi());
      expect(cellsOf(row!), t.team_code).toMatchObject({
        teams: one.teams,
        members: one.members,
        households: one.households,
        people: one.people,
        expected: one.expected,
        received: one.received,
        on_time: one.on_time,
        missing: one.missing,
      });
      const weeks = one.missingByTeam[`${U.hongGiang}|${t.team_code}`];
      const listed = missingRows.find((r) => r.cells[0]!.startsWith(label));
      if (!weeks) {
        expect(listed, t.team_code).toBeUndefined();
        continue;
      }
      expect(listed, t.team_code).toBeDefined();
      expect(viNum(listed!.cells[1])).toBe(weeks.length);
      expect(listed!.cells[2]).toBe(weekRangesVi(weeks));
    }

    const json = (await (
      await get(`/r/${district}.json?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1&mode=as_was`)
    ).json()) as Rollup;
    expect(json.commune?.label_vi).toBe("Xã Hồng Giang");
    expect(json.unit.label_vi).toBe("Huyện Lục Ngạn");
    expect(json.communes.map((c) => c.unit.id)).toEqual([U.hongGiang]);
    expect(json.totals.reporting).toMatchObject({ expected: e.expected, received: e.received, missing: e.missing });
    const csv = await (await get(`/r/${district}.csv?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1&mode=as_was`)).text();
    expect(csv.trimEnd().split("\r\n")).toHaveLength(1 + teams.length);
  });

  it("drills down in current mode to today's commune with the data of the communes merged into it", async () => {
    const chu = await (await get(`/r/${district}?commune=${encodeURIComponent(U.chu)}&period=2022-Q1&mode=current`)).text();
    expect(chu).toContain("<strong>Phường Chũ</strong>, tỉnh Bắc Ninh");
    expect(chu).toContain("Số liệu của: Xã Hồng Giang, Xã Thanh Hải");
    const rows = rowsOf(part(chu, "Chi tiết theo xã, thôn, tổ"));
    const e = expectFigures(fx, [U.hongGiang, U.thanhHai], "2022-Q1", todayVi());
    expect(cellsOf(rows[0]!)).toMatchObject({
      teams: e.teams,
      households: e.households,
      expected: e.expected,
      received: e.received,
      missing: e.missing,
    });
    // Phường Chũ has no drill-down in the as-was mode: the other mode leads to the whole district.
    expect(chu).toContain(`href="${district}?period=2022-Q1&amp;mode=as_was">Xem theo địa giới hành chính tại thời điểm báo cáo</a>`);
    // A merged commune asked for in current mode is shown under today's commune.
    const viaSource = await (await get(`/r/${district}?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1&mode=current`)).text();
    expect(viaSource).toBe(chu);
  });

  it("answers 404 for the printable forms", async () => {
    const notFound = await (await get(`/r/dvl_${"0".repeat(32)}`)).text();
    for (const form of ["mau-01", "mau-02"]) {
      const res = await get(`/r/${district}/${form}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(notFound);
    }
  });

  it("serves the Rollup as JSON", async () => {
    const res = await get(`/r/${district}.json${Q1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const r = (await res.json()) as Rollup;
    expect(r.period.key).toBe("2022-Q1");
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Xã Hồng Giang", "Xã Quý Sơn", "Xã Thanh Hải"]);
    const current = (await (await get(`/r/${district}.json?period=2022-Q1&mode=current`)).json()) as Rollup;
    expect(current.communes.map((c) => c.unit.label_vi)).toEqual(["Phường Chũ", "Phường Phượng Sơn"]);
  });

  it("serves CSV with a BOM, one row per team, villages and teams by code", async () => {
    const res = await get(`/r/${district}.csv${Q1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true, fatal: false }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^"Kỳ","Tỉnh","Huyện","Xã","Thôn","Mã tổ","Tổ",/);
    expect(lines).toHaveLength(1 + 7); // the 7 teams of Lục Ngạn in Q1 2022
    // The team named =HYPERLINK("http://evil") and the village "Thôn Khuôn <script>…" are the commune's
    // own words: by code here.
    expect(text).not.toContain("HYPERLINK");
    expect(text).not.toContain("Khuôn");
    expect(text).toContain(`"Thôn KH","KH-T1","Tổ KH-T1"`);
    // No text cell starts like a formula; unquoted cells are numbers (a negative number is data, not a formula).
    for (const line of lines) {
      expect(line).not.toMatch(/(^|,)"[=+\-@\t\r]/);
      for (const cell of line.replace(/"(?:[^"]|"")*"/g, "T").split(",")) expect(cell).toMatch(/^(T|-?\d+|)$/);
    }
  });

  it("rejects an unreadable period in JSON and CSV, and falls back to the default one in HTML", async () => {
    const bad = await get(`/r/${district}.json?period=2022-Q9`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_period");
    const html = await (await get(`/r/${district}?period=2022-Q9`)).text();
    expect(html).toContain("Không đọc được kỳ báo cáo");
  });

  it("defaults to the last quarter with data when the current one has none, and switches kinds", async () => {
    const html = await (await get(`/r/${district}`)).text();
    expect(html).toContain("Quý II/2022"); // the last reports are of 2022-W17
    const month = (await (await get(`/r/${district}.json?period=2022-Q1&kind=month`)).json()) as Rollup;
    expect(month.period.key).toBe("2022-01");
    const phase = (await (await get(`/r/${district}.json?period=P2`)).json()) as Rollup;
    expect(phase.period.label_vi).toContain("Đợt 2");
  });
});

describe("commune (detail) link", () => {
  it("lists open ad-hoc reports with their content", async () => {
    const r = (await (await get(`/r/${commune}.json?period=2022-Q1`)).json()) as Rollup;
    expect(r.scope).toBe("detail");
    expect(r.mode).toBe("as_was"); // Hồng Giang was merged in 2025: its own boundaries by default
    expect(r.adhoc.open.find((o) => o.report_code === "DX-2")?.content).toContain("Trần Văn Xuyến");
    const notes = fx.weekly_reports.filter(
      (w) => w.commune_id === U.hongGiang && w.difficulties && w.week >= "2021-W52" && w.week <= "2022-W12",
    );
    expect(notes.length).toBeGreaterThan(0);
    expect(r.notes?.map((n) => `${n.team_code}|${n.week}`).sort()).toEqual(notes.map((w) => `${w.team_code}|${w.week}`).sort());
    const html = await (await get(`/r/${commune}?period=2022-Q1`)).text();
    expect(html).toContain(`href="${commune}/mau-01"`);
    expect(html).toContain(`href="${commune}/mau-02"`);
  });

  it("serves its CSV with the commune's own names, formulas neutralised", async () => {
    const text = await (await get(`/r/${commune}.csv?period=2022-Q1`)).text();
    // The team named =HYPERLINK("http://evil") becomes a text cell starting with an apostrophe.
    expect(text).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
    for (const line of text.slice(1).trimEnd().split("\r\n")) expect(line).not.toMatch(/(^|,)"[=+\-@\t\r]/);
    expect(text).toContain(`"Thôn Khuôn ${XSS}"`); // CSV is not HTML: kept as text, quoted
  });

  it("prints mẫu 02 with household names, one group per team with rowspan", async () => {
    const res = await get(`/r/${commune}/mau-02`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const h of [
      "Tên nhóm",
      "Họ và tên người phụ trách các hộ gia đình",
      "Số TT",
      "Họ và tên chủ hộ",
      "Năm sinh",
      "Số nhân khẩu trong gia đình",
      "Ghi chú",
    ]) {
      // (A narrow column's heading carries class "short": it is not broken on a phone.)
      expect(html).toMatch(new RegExp(`<th(?: class="short")?>${h}</th>`));
    }
    expect(html).toContain("Các hộ gia đình phân công phụ trách");
    const ngT1 = fx.households.filter((h) => h.commune_id === U.hongGiang && h.team_code === "NG-T1");
    const crew = JSON.parse(ngT1[0]!.responsible) as string[];
    expect(html).toContain(`<td rowspan="${ngT1.length}">Tổ số 1</td><td rowspan="${ngT1.length}">1. ${crew[0]}; 2. ${crew[1]}</td>`);
    expect(html).toContain(ngT1[1]!.head_name);
    expect(html).toContain(String(ngT1[1]!.birth_year));
    expect(html).not.toContain(XSS);
    expect(html).toContain(ESCAPED_XSS);
    // The dissolved team (KH-T1) is not on the form.
    expect(html).not.toContain("HYPERLINK");
  });

  it("prints mẫu 01 with the decision heading and members by village and team", async () => {
    const html = await (await get(`/r/${communeQS}/mau-01`)).text();
    expect(html).toContain("HUYỆN ỦY LỤC NGẠN");
    expect(html).toContain("ĐẢNG ỦY XÃ QUÝ SƠN");
    expect(html).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(html).toContain("Các thành viên Tổ Dân vận cộng đồng trên địa bàn xã Quý Sơn");
    expect(html).toContain("12-QĐ/ĐU");
    for (const h of ["TT", "Tổ Dân vận cộng đồng", "Tổ", "STT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ tham gia Tổ DVCĐ"])
      expect(html).toContain(`>${h}</th>`);
    const members = fx.members.filter((m) => m.commune_id === U.quySon);
    expect(html).toContain(`<td class="c" rowspan="${members.length}">1</td><td rowspan="${members.length}">Thôn Quý Thịnh</td>`);
    for (const m of members.filter((x) => x.full_name !== XSS)) expect(html).toContain(m.full_name);
    expect(html).toContain("Tổ trưởng");
    expect(html).not.toContain(XSS);
    expect(html).toContain(ESCAPED_XSS);
    // Team order: Tổ số 1, Tổ số 2, Tổ số 10.
    expect(html.indexOf("Tổ số 2<")).toBeLessThan(html.indexOf("Tổ số 10<"));
  });
});

describe("every page", () => {
  const pages = () => [
    `/r/${district}?period=2022-Q1`,
    `/r/${district}?period=2022-Q1&mode=current`,
    `/r/${district}?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1&mode=as_was`,
    `/r/${district}?commune=${encodeURIComponent(U.chu)}&period=2022-Q1&mode=current`,
    `/r/${commune}?period=2022-Q1`,
    `/r/${commune}/mau-01`,
    `/r/${commune}/mau-02`,
    `/r/${communeQS}/mau-01`,
  ];

  it("escapes <script> in names", async () => {
    for (const p of pages()) {
      const html = await (await get(p)).text();
      expect(html, p).not.toContain(XSS);
      expect(html, p).not.toMatch(/<script/i);
    }
    // The village named <script>… is on Hồng Giang's own page (aggregate links name villages by code).
    const page = await (await get(`/r/${commune}?period=2022-Q1`)).text();
    expect(page).toContain(ESCAPED_XSS);
  });

  it("loads nothing from elsewhere: no scripts, no external URLs in src/href/action", async () => {
    for (const p of pages()) {
      const html = await (await get(p)).text();
      expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
      expect(html).not.toMatch(/@import|url\(/i);
      for (const [, attr, value] of html.matchAll(/\b(src|href|action)="([^"]*)"/g)) {
        expect(value, `${p} ${attr}`).not.toMatch(/^(https?:)?\/\/|^javascript:/i);
      }
    }
  });

  it("sends no-store, noindex and a strict CSP", async () => {
    for (const p of [...pages(), `/r/${district}.json`, `/r/${district}.csv`, `/r/dvl_${"f".repeat(32)}`]) {
      const res = await get(p);
      expect(res.headers.get("cache-control"), p).toBe("private, no-store");
      expect(res.headers.get("x-robots-tag"), p).toMatch(/noindex/);
      const csp = res.headers.get("content-security-policy") ?? "";
      for (const d of ["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "form-action 'self'"])
        expect(csp, p).toContain(d);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });
});

describe("drill-down to a commune outside the link's unit", () => {
  it("answers 404 with the body of an unknown link, in HTML, JSON and CSV, in either mode", async () => {
    const unknown = await (await get(UNKNOWN)).text();
    const q = (id: string, mode: string) => `?commune=${encodeURIComponent(id)}&period=2022-Q1&mode=${mode}`;
    const paths = [
      `/r/${district}${q(U.baoSon, "as_was")}`, // huyện Lục Nam
      `/r/${district}.json${q(U.baoSon, "as_was")}`,
      `/r/${district}.csv${q(U.baoSon, "as_was")}`,
      `/r/${district}${q(U.dongPhu, "current")}`, // Bảo Sơn's successor, under tỉnh Bắc Ninh
      `/r/${district}${q(U.chu, "as_was")}`, // Chũ holds Lục Ngạn's communes only as they are today
      `/r/${district}${q(U.lucNgan, "as_was")}`, // the district itself is not one of its communes
      `/r/${district}${q(U.bacGiang, "as_was")}`,
      `/r/${district}${q("rt:V:07561-NG@2021-10-15", "as_was")}`,
      `/r/${district}${q("nonsense", "as_was")}`,
      `/r/${district}?commune=${encodeURIComponent(U.baoSon)}`, // default period and mode
      `/r/${commune}${q(U.quySon, "as_was")}`, // a commune link: another commune
      `/r/${commune}.json${q(U.quySon, "as_was")}`,
      `/r/${revoked}${q(U.hongGiang, "as_was")}`,
    ];
    for (const p of paths) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get("content-type"), p).toMatch(/^text\/html/);
      expect(await res.text(), p).toBe(unknown);
    }
  });

  it("is not needed on a commune link: its own commune gives its usual page", async () => {
    const own = await get(`/r/${commune}?commune=${encodeURIComponent(U.hongGiang)}&period=2022-Q1`);
    expect(own.status).toBe(200);
    const usual = await (await get(`/r/${commune}?period=2022-Q1`)).text();
    // "Who looked" lists the first request by the time of the second: compare the pages without it.
    const withoutAccesses = (html: string) => html.replace(/<section id="truy-cap">[\s\S]*?<\/section>/, "");
    expect(withoutAccesses(await own.text())).toBe(withoutAccesses(usual));
  });
});

describe("404", () => {
  it("answers unknown, malformed, revoked and expired tokens with the same body", async () => {
    const paths = [
      `/r/dvl_${"0".repeat(32)}`,
      `/r/dvl_${"0".repeat(32)}.json`,
      `/r/dvl_${"0".repeat(32)}.csv`,
      "/r/nonsense",
      "/r/dvl_XYZ.json",
      `/r/${revoked}`,
      `/r/${revoked}.json`,
      `/r/${revoked}.csv`,
      `/r/${expired}`,
      `/r/${expired}.json`,
      `/r/${revoked}/mau-02`,
      `/r/${commune}/mau-03`,
      `/r/${commune}.json/mau-01`,
      "/r/",
      `/r/${district}/x/y`,
    ];
    const bodies = new Set<string>();
    for (const p of paths) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get("content-type"), p).toMatch(/^text\/html/);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    const [body] = [...bodies];
    expect(body).toContain("Không tìm thấy trang");
    expect(body).not.toMatch(/thu hồi|hết hạn|revoked|expired/i);
  });
});

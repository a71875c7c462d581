/**
 * The link pages through the real app: what a district (aggregate) link and a commune (detail)
 * link may show, escaping, CSV safety, 404s that leak nothing, headers, and no external resources.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Rollup } from "../../worker/src/rollup/types";
import { buildFixture, FORMULA, insertUnits, loadFixture, makeLink, U, XSS, type Fixture } from "./fixtures/rollup-fixture";

const get = (path: string) => exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`));
const ESCAPED_XSS = "&lt;script&gt;alert(1)&lt;/script&gt;";

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
    expect(html).toContain("Các tổ chưa nộp đủ báo cáo tuần");
    expect(html).toContain("<svg");
    expect(html).toContain(`href="${district}.json?period=2022-Q1&amp;mode=as_was"`);
    expect(html).toContain(`href="${district}.csv?period=2022-Q1&amp;mode=as_was"`);
    expect(html).not.toContain("mau-01");
    expect(html).not.toContain("mau-02");
  });

  it("shows no household names, birth years, member names or free text in HTML, JSON or CSV", async () => {
    const pages = await Promise.all([`/r/${district}${Q1}`, `/r/${district}.json${Q1}`, `/r/${district}.csv${Q1}`].map(async (p) => (await get(p)).text()));
    const forbidden = [
      ...householdStrings([U.hongGiang, U.quySon, U.thanhHai]),
      ...fx.members.map((m) => m.full_name).filter((n) => n !== XSS),
      "birth_year", "head_name", "full_name", "Tụ tập đông người",
    ];
    for (const body of pages) {
      for (const s of forbidden) {
        expect(body).not.toContain(s);
        expect(body).not.toContain(s.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
      }
    }
    const json = JSON.parse(pages[1]!) as Rollup;
    expect(json.scope).toBe("aggregate");
    expect(json.notes).toBeUndefined();
    expect(json.adhoc.open.length).toBeGreaterThan(0);
    expect(json.adhoc.open.every((o) => !("content" in o))).toBe(true);
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

  it("serves CSV with a BOM, one row per team, and formulas neutralised", async () => {
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
    // The team named =HYPERLINK("http://evil") becomes a text cell starting with an apostrophe.
    expect(text).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
    // No text cell starts like a formula; unquoted cells are numbers (a negative number is data, not a formula).
    for (const line of lines) {
      expect(line).not.toMatch(/(^|,)"[=+\-@\t\r]/);
      for (const cell of line.replace(/"(?:[^"]|"")*"/g, "T").split(",")) expect(cell).toMatch(/^(T|-?\d+|)$/);
    }
    expect(text).toContain(`"Thôn Khuôn ${XSS}"`); // CSV is not HTML: kept as text, quoted
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
    const notes = fx.weekly_reports.filter((w) => w.commune_id === U.hongGiang && w.difficulties && w.week >= "2021-W52" && w.week <= "2022-W12");
    expect(notes.length).toBeGreaterThan(0);
    expect(r.notes?.map((n) => `${n.team_code}|${n.week}`).sort()).toEqual(notes.map((w) => `${w.team_code}|${w.week}`).sort());
    const html = await (await get(`/r/${commune}?period=2022-Q1`)).text();
    expect(html).toContain(`href="${commune}/mau-01"`);
    expect(html).toContain(`href="${commune}/mau-02"`);
  });

  it("prints mẫu 02 with household names, one group per team with rowspan", async () => {
    const res = await get(`/r/${commune}/mau-02`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const h of ["Tên nhóm", "Họ và tên người phụ trách các hộ gia đình", "Số TT", "Họ và tên chủ hộ", "Năm sinh", "Số nhân khẩu trong gia đình", "Ghi chú"]) {
      expect(html).toContain(`<th>${h}</th>`);
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
    for (const h of ["TT", "Tổ Dân vận cộng đồng", "Tổ", "STT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ tham gia Tổ DVCĐ"]) expect(html).toContain(`>${h}</th>`);
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
    `/r/${district}?period=2022-Q1`, `/r/${district}?period=2022-Q1&mode=current`,
    `/r/${commune}?period=2022-Q1`, `/r/${commune}/mau-01`, `/r/${commune}/mau-02`, `/r/${communeQS}/mau-01`,
  ];

  it("escapes <script> in names", async () => {
    for (const p of pages()) {
      const html = await (await get(p)).text();
      expect(html, p).not.toContain(XSS);
      expect(html, p).not.toMatch(/<script/i);
    }
    const page = await (await get(`/r/${district}?period=2022-Q1`)).text();
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
      for (const d of ["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "form-action 'self'"]) expect(csp, p).toContain(d);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });
});

describe("404", () => {
  it("answers unknown, malformed, revoked and expired tokens with the same body", async () => {
    const paths = [
      `/r/dvl_${"0".repeat(32)}`, `/r/dvl_${"0".repeat(32)}.json`, `/r/dvl_${"0".repeat(32)}.csv`,
      "/r/nonsense", "/r/dvl_XYZ.json", `/r/${revoked}`, `/r/${revoked}.json`, `/r/${revoked}.csv`, `/r/${expired}`,
      `/r/${expired}.json`, `/r/${revoked}/mau-02`, `/r/${commune}/mau-03`, `/r/${commune}.json/mau-01`, "/r/", `/r/${district}/x/y`,
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

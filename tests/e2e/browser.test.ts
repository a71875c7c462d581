/**
 * The rollup pages in a real browser (Debian's Chromium via playwright-core), against the worker as
 * `npm start` runs it with the pilot demo: a district link and a commune link show the figures the
 * fixture implies (computed here from pilotWorkbooks(), not from the worker), the period picker
 * changes the period, the CSV link gives the same figures, the default period is the last complete
 * quarter with reports and its reporting rate is the fixture's, there are no console errors and no
 * request leaves 127.0.0.1. Every page a link opens (rollups, drill-down, mẫu 01/02, 404) fits a
 * 390 px phone with nothing scrolling sideways. Screenshots at phone (390 px) and desktop (1280 px)
 * widths go to test-artifacts/. Fails, saying why, when /usr/bin/chromium is missing (never skips: CI installs it).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriodKey, periodKeyOf } from "../../shared/periods";
import { isLoopback, launchChromium, requireChromium, watchPage } from "./chromium";
import { csvRecords } from "./csv";
import { type DemoWorker, type Expected, expectedPilot, startDemoWorker, viNumber } from "./demo";
import { measureFit } from "./phone";
import { ROOT } from "./server";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
const QUARTER = "2022-Q2";

let w: DemoWorker | undefined;
let browser: Browser | undefined;
const expected = expectedPilot();
/** Every request any page made, to check none left the machine. */
const allRequests: string[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  requireChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  w = await startDemoWorker();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await w?.server.stop();
}, 60_000);

async function newContext(width: number): Promise<BrowserContext> {
  const phone = width < 600;
  const ctx = await browser!.newContext({
    viewport: { width, height: phone ? 844 : 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: "vi-VN",
    acceptDownloads: true,
  });
  // Belt and braces: anything not for 127.0.0.1 is recorded and refused.
  await ctx.route("**/*", (route) => {
    const url = route.request().url();
    allRequests.push(url);
    if (isLoopback(url)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return ctx;
}

interface TableRow {
  cls: string;
  cells: string[];
  /** The link of the row's first cell (a commune's drill-down on a district page). */
  href: string | null;
}

/** The drill-down of a commune's row on a district page: its figures table, and its own row there. */
async function drillDown(page: Page, row: TableRow, e: Expected) {
  expect(row.href, `drill-down link of ${e.name}`).toBeTruthy();
  await page.goto(new URL(row.href!, page.url()).href, { waitUntil: "load" });
  const t = await breakdown(page);
  return { t, row: communeRow(t.rows, e) };
}

/**
 * The figures table: "Chi tiết theo xã, thôn, tổ" on a commune page and a drill-down, "Theo xã, phường"
 * (a row per commune, worker/src/views/rollup/communes.tsx) on a district or province page: header
 * texts and rows (class, cell texts, the first cell's link).
 */
async function breakdown(page: Page): Promise<{ head: string[]; rows: TableRow[]; col: (name: string) => number }> {
  const t = await page.evaluate(() => {
    const section = [...document.querySelectorAll("section")].find((s) => {
      const h = s.querySelector("h2")?.textContent ?? "";
      return h.includes("Chi tiết theo xã") || h === "Theo xã, phường";
    });
    const table = section?.querySelector("table");
    if (!table) return null;
    return {
      head: [...table.querySelectorAll("thead th")].map((th) => th.textContent!.trim()),
      rows: [...table.querySelectorAll("tbody tr")].map((tr) => ({
        cls: tr.className,
        cells: [...tr.querySelectorAll("td")].map((td) => (td as HTMLElement).textContent.trim()),
        href: tr.querySelector("td a")?.getAttribute("href") ?? null,
      })),
    };
  });
  expect(t, "breakdown table (Chi tiết theo xã, thôn, tổ) on the page").not.toBeNull();
  const col = (name: string) => {
    const i = t!.head.indexOf(name);
    expect(i, `column "${name}" in ${JSON.stringify(t!.head)}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  return { ...t!, col };
}

const n = (s: string | undefined) => viNumber(s ?? "");

function communeRow(rows: TableRow[], e: Expected): TableRow {
  const row = rows.find((r) => r.cls.includes("commune") && r.cells[0]!.includes(e.name));
  expect(row, `row of ${e.name}`).toBeDefined();
  return row!;
}

/** The rows of the "Họp định kỳ theo xã" table of a page (cell texts). */
function skippedRows(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const h3 = [...document.querySelectorAll("h3")].find((h) => h.textContent === "Họp định kỳ theo xã");
    const table = h3?.nextElementSibling?.querySelector("table");
    return [...(table?.querySelectorAll("tbody tr") ?? [])].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim()));
  });
}

/** Change the period with the page's own form, as a user would. */
async function pickPeriod(page: Page, kind: string, key: string) {
  await page.selectOption('select[name="kind"]', kind);
  await page.fill('input[name="period"]', key);
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get("period") === key, { timeout: 30_000 }),
    page.click('form.picker button[type="submit"]'),
  ]);
  await page.waitForLoadState("load");
}

/** Follow the page's CSV link: a download in Chromium (or a page, if it shows it inline). */
async function followCsv(page: Page): Promise<{ url: URL; text: string }> {
  const link = page.locator("nav.links a", { hasText: "CSV" });
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  const url = new URL(href!, page.url());
  expect(url.hostname).toBe("127.0.0.1");
  const download = page.waitForEvent("download", { timeout: 15_000 }).catch(() => null);
  await link.click();
  const dl = await download;
  console.info(
    `CSV link ${url.pathname.replace(/dvl_[0-9a-f]+/, "dvl_…")}${url.search} followed: ${dl ? "Chromium downloads it" : "shown as a page"}`,
  );
  if (dl) {
    const file = await dl.path();
    return { url, text: readFileSync(file!, "utf8") };
  }
  await page.waitForLoadState("load");
  return { url, text: (await page.evaluate(() => document.body.textContent)) as string };
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe("rollup pages in Chromium (pilot demo on wrangler dev)", () => {
  it("district link: figures per commune match the fixture; the period picker and the CSV link work", async () => {
    const ctx = await newContext(1280);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    const res = await page.goto(w!.demo.district.link.url, { waitUntil: "load" });
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Tổ Dân vận cộng đồng");
    expect(await page.locator("header.top").textContent()).toContain("Lục Ngạn");

    // Register figures per commune (the default period is in 2022: every pilot team is active).
    let t = await breakdown(page);
    for (const e of expected) {
      const row = communeRow(t.rows, e);
      expect(n(row.cells[t.col("Số tổ")]), `${e.name} teams`).toBe(e.teams);
      expect(n(row.cells[t.col("Số hộ")]), `${e.name} households`).toBe(e.households);
    }
    const total = t.rows.find((r) => r.cls.includes("total"))!;
    expect(n(total.cells[t.col("Số hộ")])).toBe(expected.reduce((s, e) => s + e.households, 0));
    // Pink marks only a figure out of range; every pilot team looks after 30–50 households, so no cell is.
    const pink = await page.evaluate(
      () => [...document.querySelectorAll("td, tr")].filter((e) => getComputedStyle(e).backgroundColor === "rgb(251, 233, 231)").length,
    );
    expect(pink, "pink cells or rows on the district page").toBe(0);
    await screenshot(page, "district-desktop-1280");
    // Members and people: in each commune's drill-down (the district page has a short row per commune).
    const home = page.url();
    for (const e of expected) {
      const d = await drillDown(page, communeRow(t.rows, e), e);
      expect(n(d.row.cells[d.t.col("Thành viên")]), `${e.name} members`).toBe(e.members);
      expect(n(d.row.cells[d.t.col("Nhân khẩu")]), `${e.name} people`).toBe(e.people);
    }
    await page.goto(home, { waitUntil: "load" });

    // The period picker: quarter II/2022.
    await pickPeriod(page, "quarter", QUARTER);
    expect(await page.locator("header.top").textContent()).toContain("Quý II/2022");
    t = await breakdown(page);
    const quarterPage = page.url();
    for (const e of expected) {
      const row = communeRow(t.rows, e);
      const q = e.weekly(QUARTER);
      const due = e.expected(QUARTER);
      expect(n(row.cells[t.col("BC chưa nộp")]), `${e.name} weekly reports missing in ${QUARTER}`).toBe(due - q.received);
      expect(row.cells[t.col("Tỷ lệ BC")]).toBe(`${((100 * q.received) / due).toFixed(1).replace(".", ",")}%`);
      expect(n(row.cells[t.col("Số hộ")])).toBe(e.households);
      const d = await drillDown(page, row, e);
      expect(n(d.row.cells[d.t.col("Đã nộp")]), `${e.name} weekly reports received in ${QUARTER}`).toBe(q.received);
      expect(n(d.row.cells[d.t.col("Loa")]), `${e.name} broadcasts in ${QUARTER}`).toBe(q.broadcasts);
    }
    await page.goto(quarterPage, { waitUntil: "load" });

    // The CSV link of that period: one row per team, same figures.
    const csv = await followCsv(page);
    expect(csv.url.pathname).toMatch(/\.csv$/);
    expect(csv.url.searchParams.get("period")).toBe(QUARTER);
    const records = csvRecords(csv.text);
    expect(records.length).toBe(expected.reduce((s, e) => s + e.teams, 0));
    for (const e of expected) {
      const q = e.weekly(QUARTER);
      for (const [code, team] of e.byTeam) {
        const r = records.find((x) => x["Mã tổ"] === code && x.Xã!.includes(e.name.replace(/^Xã /, "")));
        expect(r, `CSV row of ${e.name} ${code}`).toBeDefined();
        expect(r!.Kỳ).toBe(QUARTER);
        expect(Number(r!["Số hộ"])).toBe(team.households);
        expect(Number(r!["Số nhân khẩu"])).toBe(team.people);
        expect(Number(r!["Đã nộp"])).toBe(q.byTeam.get(code)!.received);
      }
    }

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.external()).toEqual([]);
    await ctx.close();
  });

  it("commune link: team figures match the fixture", async () => {
    const e = expected[0]!;
    const link = w!.demo.communes.find((c) => c.unit_id === e.unit_id)!.link;
    const ctx = await newContext(1280);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    const res = await page.goto(`${link.url}?period=${QUARTER}`, { waitUntil: "load" });
    expect(res?.status()).toBe(200);
    expect(await page.locator("header.top").textContent()).toContain(e.name.replace(/^Xã /, ""));
    const t = await breakdown(page);
    const q = e.weekly(QUARTER);
    const teamRows = t.rows.filter((r) => !/commune|village|total/.test(r.cls));
    expect(teamRows.length).toBe(e.teams);
    for (const [code, team] of e.byTeam) {
      // The pilot teams were dissolved with the final review: the name says so.
      const row = teamRows.find((r) => r.cells[0]!.split("\n")[0]!.trim() === `${team.team_name} (giải thể 31/10/2022)`);
      expect(row, `row of team ${code} (${team.team_name})`).toBeDefined();
      expect(n(row!.cells[t.col("Số hộ")]), `${code} households`).toBe(team.households);
      expect(n(row!.cells[t.col("Nhân khẩu")]), `${code} people`).toBe(team.people);
      expect(n(row!.cells[t.col("Thành viên")]), `${code} members`).toBe(team.members);
      expect(n(row!.cells[t.col("Đã nộp")]), `${code} reports in ${QUARTER}`).toBe(q.byTeam.get(code)!.received);
    }
    // A commune link offers the printable lists.
    expect(await page.locator("nav.links a", { hasText: "mẫu 02" }).count()).toBe(1);
    await screenshot(page, "commune-desktop-1280");
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.external()).toEqual([]);
    await ctx.close();
  });

  it("opens on the last complete quarter that has reports, with the reporting rate the data gives", async () => {
    // The pilot's last reports are in October 2022 and its teams are dissolved with the final review
    // (31/10/2022), so the page opens on quý IV/2022 and expects only the weeks the teams existed.
    const lastWeek = expected.reduce((max, e) => (e.lastWeek > max ? e.lastWeek : max), "");
    const quarter = periodKeyOf("quarter", parsePeriodKey(lastWeek)!.end);
    expect(quarter).toBe("2022-Q4");
    const ctx = await newContext(1280);
    const page = await ctx.newPage();
    await page.goto(w!.demo.district.link.url, { waitUntil: "load" });
    expect(await page.locator("header.top").textContent()).toContain(parsePeriodKey(quarter)!.label_vi);
    const t = await breakdown(page);
    const total = t.rows.find((r) => r.cls.includes("total"))!;
    const due = expected.reduce((n, e) => n + e.expected(quarter), 0);
    const received = expected.reduce((n, e) => n + e.weekly(quarter).received, 0);
    const rate = (100 * received) / due;
    console.info(`default period ${quarter}: ${received} of ${due} weekly reports, ${rate.toFixed(1)}%`);
    expect(n(total.cells[t.col("BC chưa nộp")])).toBe(due - received);
    expect(total.cells[t.col("Tỷ lệ BC")]).toBe(`${rate.toFixed(1).replace(".", ",")}%`);
    expect(rate).toBeGreaterThan(80);
    // After the final review nothing is expected of the pilot teams (2025 used to expect 182 reports).
    const y2025 = (await (await fetch(`${w!.demo.district.link.json_url}?period=2025`)).json()) as {
      totals: { reporting: { expected: number; received: number } };
    };
    expect(y2025.totals.reporting).toMatchObject({ expected: 0, received: 0 });
    await ctx.close();
  });

  it("counts on the district page, and names in each commune's drill-down, the teams that skipped a quarterly meeting in 2022", async () => {
    const ctx = await newContext(1280);
    const page = await ctx.newPage();
    await page.goto(`${w!.demo.district.link.url}?period=2022`, { waitUntil: "load" });
    const t = await breakdown(page);
    const quarters = ["2022-Q1", "2022-Q2", "2022-Q3"];
    for (const e of expected) {
      const row = communeRow(t.rows, e);
      expect(n(row.cells[t.col("Tổ chưa họp định kỳ")]), `${e.name} skipped`).toBe(e.skippedMeetings(quarters).length);
    }
    const rows: string[][] = [];
    for (const e of expected) {
      await drillDown(page, communeRow(t.rows, e), e);
      rows.push(...(await skippedRows(page)));
    }
    // Quarters ending in 2022 with the teams alive on their last day: Q1–Q3 (dissolved 31/10/2022).
    let skipped = 0;
    for (const e of expected) {
      const row = rows.find((r) => r[0]!.includes(e.name.replace(/^Xã /, "")));
      expect(row, `meetings row of ${e.name}`).toBeDefined();
      const missed = e.skippedMeetings(quarters);
      skipped += missed.length;
      expect(n(row![2]), `${e.name} team-quarters owed`).toBe(e.teams * quarters.length);
      expect(n(row![3]), `${e.name} skipped`).toBe(missed.length);
      for (const m of missed) expect(row![4]).toContain(`${m.team_code} (${parsePeriodKey(m.quarter)!.label_vi})`);
    }
    expect(skipped, "the demo has some skipped meetings to show").toBeGreaterThan(0);
    await ctx.close();
  });

  it("prints mẫu 02 of a commune whose teams are dissolved as it stood on their last day, with per-team totals", async () => {
    const e = expected[0]!;
    const link = w!.demo.communes.find((c) => c.unit_id === e.unit_id)!.link;
    const ctx = await newContext(1280);
    const page = await ctx.newPage();
    await page.goto(`${link.url}/mau-02`, { waitUntil: "load" });
    expect(await page.locator("main, body").first().textContent()).toContain("(Danh sách tại ngày 30/10/2022; các tổ đã giải thể)");
    const totals = await page.evaluate(() =>
      [...document.querySelectorAll("tr.subtotal, tr.total")].map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim()),
      ),
    );
    for (const [code, team] of e.byTeam) {
      const row = totals.find((r) => r[0] === `Cộng ${team.team_name}`);
      expect(row, `totals of ${code}`).toBeDefined();
      expect(row![1]).toBe(`${team.households} hộ`);
      expect(n(row![3])).toBe(team.people);
    }
    const all = totals.find((r) => r[0]!.startsWith("Tổng cộng"));
    expect(all?.[1]).toBe(`${e.households} hộ`);
    expect(n(all?.[3])).toBe(e.people);
    await ctx.close();
  });

  /** Every page a link opens, at 390 px: none scrolls sideways, as a whole or in any box. */
  const phonePages = (): [string, string][] => {
    const district = w!.demo.district.link.url;
    const commune = w!.demo.communes[0]!;
    return [
      ["district", district],
      ["district-q2", `${district}?period=${QUARTER}`],
      ["district-year", `${district}?period=2022`],
      ["district-drilldown", `${district}?commune=${encodeURIComponent(commune.unit_id)}&period=${QUARTER}`],
      ["commune", commune.link.url],
      ["commune-q2", `${commune.link.url}?period=${QUARTER}`],
      ["commune-2", w!.demo.communes[1]!.link.url],
      ["mau-01", `${commune.link.url}/mau-01`],
      ["mau-02", `${commune.link.url}/mau-02`],
      ["not-found", `${w!.server.base}/r/dvl_${"0".repeat(32)}`],
    ];
  };

  it.each([
    "district",
    "district-q2",
    "district-year",
    "district-drilldown",
    "commune",
    "commune-q2",
    "commune-2",
    "mau-01",
    "mau-02",
    "not-found",
  ])("reads on a phone (390 px) without sideways scrolling: %s", async (name) => {
    const url = new Map(phonePages()).get(name)!;
    const ctx = await newContext(390);
    const page = await ctx.newPage();
    const watch = watchPage(page);
    await page.goto(url, { waitUntil: "load" });
    await screenshot(page, `${name}-phone-390`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-phone-390-screen.png`) });
    const wide = page.locator("section.wide").first();
    if (await wide.count()) await wide.screenshot({ path: path.join(ARTIFACTS, `${name}-phone-390-breakdown.png`) });
    const fit = await measureFit(page);
    console.info(
      `${name} at 390 px: page ${fit.scrollWidth}px on a ${fit.width}px screen; ${fit.scrollers.length} box(es) scroll sideways`,
    );
    expect(fit.out, `${name} page on a ${fit.width}px phone is ${fit.scrollWidth}px wide`).toEqual([]);
    expect(fit.scrollers, `${name}: boxes that scroll sideways`).toEqual([]);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
    expect(watch.consoleErrors.filter((e) => !(name === "not-found" && e.includes("404")))).toEqual([]);
    expect(watch.external()).toEqual([]);
    await ctx.close();
  });

  it("no request left 127.0.0.1", () => {
    expect(allRequests.length).toBeGreaterThan(0);
    expect(blocked).toEqual([]);
    expect(allRequests.filter((u) => !isLoopback(u))).toEqual([]);
  });
});

/**
 * The roll-out, end to end, as province staff and a commune clerk would do it: the worker as
 * `npm start` runs it (wrangler dev, local D1, the country's units loaded), Debian's Chromium for the
 * console, and the BUILT add-on over the Sheets double for the clerk (as tests/addon does), its
 * UrlFetchApp making real HTTP requests to the worker.
 *   sign in → upload a CSV of 30 communes (3 bad lines refused with their reasons, 27 applied) →
 *   print their setup sheets (screenshots at phone and A4 width, a PDF of one A4 page per commune, the
 *   QR code read back) → paste one connection code into the add-on → submit → the commune shows
 *   "đã nộp" on Tuần này → revoke its token → the next submission is refused, and the refusal shows.
 * Fails, saying why, when Chromium is missing (never skips).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeQR } from "@paulmillr/qr/decode.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROP } from "../../addon/src/config";
import { nationalUnitsText, sendUnits } from "../../scripts/units/send";
import VN from "../../shared/data/vn/units.json";
import { isoWeekKey, todayVi } from "../../shared/periods";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { blockingFetch } from "../addon/blocking-fetch";
import { putWorkbook, setCommune } from "../addon/fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "../addon/harness";
import { isLoopback, launchChromium, requireChromium, watchPage } from "./chromium";
import { measureFit } from "./phone";
import { ROOT, startWorker, type WorkerServer } from "./server";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
const BAC_NINH = "P:24@2025-07-01";
const today = todayVi();
const communes = (VN as Unit[]).filter(
  (u) => u.level === "commune" && u.parent_id === BAC_NINH && u.valid_from <= today && (!u.valid_to || today < u.valid_to),
);
const GOOD = communes.slice(0, 27);

let server: WorkerServer;
let browser: Browser;
let bundle: Bundle;
const blocked: string[] = [];

beforeAll(async () => {
  requireChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startWorker();
  const units = await sendUnits(server.base, server.adminSecret, nationalUnitsText(ROOT));
  if (units.error) throw new Error(`units: ${units.status} ${units.error.code}`);
  browser = await launchChromium();
  bundle = await buildBundle();
}, 300_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}, 60_000);

async function context(width: number): Promise<BrowserContext> {
  const phone = width < 600;
  const ctx = await browser.newContext({
    viewport: { width, height: phone ? 844 : 900 },
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: "vi-VN",
  });
  await ctx.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  return ctx;
}

/** UrlFetchApp is synchronous: the request runs in a child process and is waited for. */

/** A commune's workbook after the reform: two teams, both reporting this week. */
function workbook(u: Unit): Workbook {
  const wb = generateCommune({
    seed: Number(u.code),
    commune_code: u.code,
    commune_name: u.name,
    villages: [{ village_code: "V1", village_name: "Thôn Một", ethnic_identity: false, teams: 2 }],
    founded_on: "2025-08-04",
    until: today,
    registerOnly: true,
  });
  wb.weekly = wb.teams.map((t) => ({
    week: isoWeekKey(today),
    team_code: t.team_code,
    reporter: wb.members.find((m) => m.team_code === t.team_code)!.full_name,
    submitted_on: today,
    broadcasts: 3,
    zalo_posts: 2,
    households_visited: 12,
  }));
  return wb;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** What the week page says of one commune: its state and refusals. */
async function weekRow(page: Page, unitId: string) {
  await page.goto(`${server.base}/admin/tuan?don-vi=${encodeURIComponent(BAC_NINH)}`, { waitUntil: "load" });
  const row = page.locator(`tr[data-unit="${unitId}"]`);
  return { state: await row.getAttribute("data-state"), text: (await row.textContent()) ?? "" };
}

describe("the roll-out in Chromium, with the add-on", () => {
  let page: Page;
  let ctx: BrowserContext;
  let watch: ReturnType<typeof watchPage>;
  let code = "";
  let chosen: Unit;

  beforeAll(async () => {
    ctx = await context(1280);
    page = await ctx.newPage();
    watch = watchPage(page);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("signs in with the development sign-in", async () => {
    await page.goto(`${server.base}/admin`, { waitUntil: "load" });
    expect(new URL(page.url()).pathname).toBe("/admin/dang-nhap");
    await page.fill('input[name="secret"]', server.adminSecret);
    await Promise.all([page.waitForURL((u) => u.pathname === "/admin/tuan"), page.click('button[type="submit"]')]);
    expect(await page.locator("header.console").textContent()).toContain("dev@localhost");
  });

  it("uploads 30 communes: 3 refused with their reasons, 27 applied in one click", async () => {
    await page.goto(`${server.base}/admin/xa`, { waitUntil: "load" });
    await page.selectOption('select[name="don-vi"]', BAC_NINH);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("don-vi") === BAC_NINH),
      page.click('form.filters button[type="submit"]'),
    ]);
    const lines = GOOD.map((u, i) => `${u.code},${u.name},${clerk(i)},09${String(12345000 + i)},van.thu${i}@bacninh.gov.vn`);
    lines.splice(5, 0, "99999,Xã Không Có,,,");
    lines.splice(12, 0, `${communes[27]!.code},,"=HYPERLINK(""http://x"")",,`);
    lines.splice(20, 0, "07576,Xã Quý Sơn,,,");
    const csv = `\uFEFFMã xã,Tên xã,Họ tên cán bộ,Điện thoại,Email\r\n${lines.join("\r\n")}\r\n`;
    await page.setInputFiles('input[name="tep"]', { name: "xa-bac-ninh.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await Promise.all([page.waitForURL((u) => u.pathname === "/admin/xa/tai-len"), page.click('form[action="/admin/xa/tai-len"] button')]);
    expect(await page.locator("main").textContent()).toContain("30 dòng — 27 xã mới, 0 đã có (0 có thay đổi), 3 dòng không nhận.");
    const refused = await page
      .locator('tr[data-status="refused"]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-line"), r.querySelector("td.reasons")!.textContent!.trim()]));
    expect(refused).toEqual([
      ["7", "Không có xã, phường nào mã 99999 trong danh mục đơn vị hành chính."],
      ["14", expect.stringContaining('Ô "Họ tên cán bộ" bắt đầu bằng "=" như một công thức bảng tính')],
      ["22", expect.stringContaining("Mã 07576 là Xã Quý Sơn, Tỉnh Bắc Giang đã kết thúc từ 01/07/2025, nay thuộc Phường Phượng Sơn")],
    ]);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "console-upload-preview-phone-390");
    await fitsPhone(page, "upload preview");
    await page.setViewportSize({ width: 1280, height: 900 });
    await Promise.all([page.waitForURL((u) => u.searchParams.get("them") === "27"), page.click('form[action="/admin/xa/ap-dung"] button')]);
    expect(await page.locator(".msg.ok").textContent()).toContain("Đã thêm 27 xã");
    expect(await page.locator("tr[data-unit]").count()).toBe(27);
  });

  it("prints the 27 setup sheets: one A4 page each, the QR code reads back as the connection code", async () => {
    await page.goto(`${server.base}/admin/phieu?don-vi=${encodeURIComponent(BAC_NINH)}`, { waitUntil: "load" });
    expect(await page.locator('input[name="xa"]:checked').count()).toBe(27);
    await Promise.all([page.waitForURL((u) => u.pathname === "/admin/phieu"), page.click('button[name="viec"][value="issue"]')]);
    expect(await page.locator("section.sheet").count()).toBe(27);
    const first = page.locator("section.sheet").first();
    code = (await first.locator("[data-connection-code]").textContent())!.trim();
    const unitId = await first.getAttribute("data-unit");
    chosen = GOOD.find((u) => u.id === unitId)!;
    expect(code).toMatch(new RegExp(`^DV1 ${chosen.code} ${server.base.replace(/\./g, "\\.")} dvc_[0-9a-f]{32}$`));

    // The QR code, drawn into a canvas by the browser and read in Node.
    const img = await first.locator("svg.qr").evaluate(async (svg) => {
      const xml = new XMLSerializer().serializeToString(svg);
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(xml)))}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 400;
      const g = canvas.getContext("2d")!;
      g.fillStyle = "#fff";
      g.fillRect(0, 0, 400, 400);
      g.drawImage(image, 0, 0, 400, 400);
      return Array.from(g.getImageData(0, 0, 400, 400).data);
    });
    expect(decodeQR({ width: 400, height: 400, data: new Uint8Array(img) })).toBe(code);

    // Phone and A4 widths; the print as a PDF: one page per commune.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "console-setup-sheets-phone-390");
    await fitsPhone(page, "setup sheets");
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    await shot(page, "console-setup-sheets-a4-print");
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    writeFileSync(path.join(ARTIFACTS, "console-setup-sheets.pdf"), pdf);
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBe(27);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("the clerk pastes the connection code into the add-on and submits; the commune shows “đã nộp”", async () => {
    const { gas, ss, addon } = setupEnv(bundle);
    putWorkbook(ss, workbook(chosen));
    setCommune(ss, chosen.code, chosen.name);
    gas.fetchHandler = blockingFetch;
    addon.menuConnection();
    const saved = plain(addon.saveConnectionSettings({ code: `Mã kết nối: ${code}` }));
    expect(saved.ok, saved.message).toBe(true);
    expect(ss.documentProperties.getProperty(PROP.workerUrl)).toBe(server.base);
    const sent = plain(addon.menuSubmit());
    expect(sent.outcome, JSON.stringify(gas.ui.alerts.at(-1))).toBe("accepted");

    const row = await weekRow(page, chosen.id);
    expect(row.state).toBe("submitted");
    expect(row.text).toContain("đã nộp");
    const other = await weekRow(page, GOOD.find((u) => u.id !== chosen.id)!.id);
    expect(other.state).toBe("never");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "console-week-phone-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, "console-week-desktop-1280");

    // Revoke its token in the console: the next submission is refused, and the week shows why.
    await page.goto(`${server.base}/admin/xa?don-vi=${encodeURIComponent(BAC_NINH)}`, { waitUntil: "load" });
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has("thu-hoi")),
      page.locator(`tr[data-unit="${chosen.id}"] form[action="/admin/xa/thu-hoi"] button`).click(),
    ]);
    expect(await page.locator(".msg.ok").textContent()).toContain("Đã thu hồi 1 mã.");
    const refused = plain(addon.menuSubmit());
    expect(refused.outcome).toBe("auth");
    expect(gas.ui.alerts.at(-1)!.title).toBe("Không gửi được: mã truy cập không hợp lệ");
    await expect
      .poll(async () => (await weekRow(page, chosen.id)).text, { timeout: 10_000 })
      .toContain("unauthorized: mã truy cập không dùng được, mã đã bị thu hồi");

    expect(watch.consoleErrors).toEqual([]);
    expect(watch.external()).toEqual([]);
  });

  it.each([
    ["sign-in", "/admin/dang-nhap"],
    ["week", `/admin/tuan?don-vi=${encodeURIComponent(BAC_NINH)}`],
    ["figures, the country by province", "/admin/tong-hop"],
    ["figures, a province by commune", `/admin/tong-hop?don-vi=${encodeURIComponent(BAC_NINH)}`],
    ["communes", `/admin/xa?don-vi=${encodeURIComponent(BAC_NINH)}`],
    ["setup sheets (choose)", `/admin/phieu?don-vi=${encodeURIComponent(BAC_NINH)}`],
    ["links", "/admin/duong-dan"],
    ["audit", "/admin/nhat-ky"],
    ["operators", "/admin/can-bo"],
  ])("console page at 390 px without sideways scrolling: %s", async (name, url) => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "vi-VN",
      ...(name === "sign-in" ? {} : { storageState: await ctx.storageState() }),
    });
    const p = await phone.newPage();
    const res = await p.goto(`${server.base}${url}`, { waitUntil: "load" });
    expect(res?.status(), name).toBe(200);
    expect(new URL(p.url()).pathname).toBe(url.split("?")[0]);
    await shot(p, `console-${name.replace(/\W+/g, "-")}-phone-390`);
    await fitsPhone(p, name);
    await phone.close();
  });

  it("no request left 127.0.0.1", () => {
    expect(blocked).toEqual([]);
  });
});

/** Nothing on the page sticks out past a phone's screen or scrolls sideways (tests/e2e/phone.ts). */
async function fitsPhone(page: Page, name: string) {
  const fit = await measureFit(page);
  console.info(
    `console ${name} at 390 px: page ${fit.scrollWidth}px on a ${fit.width}px screen; ${fit.scrollers.length} box(es) scroll sideways`,
  );
  expect(fit.out, `${name}: ${fit.scrollWidth}px wide on a ${fit.width}px screen`).toEqual([]);
  expect(fit.scrollers, `${name}: boxes that scroll sideways`).toEqual([]);
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width);
}

function clerk(i: number): string {
  const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
  const given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Lan", "Minh"];
  return `${family[i % family.length]} Văn ${given[i % given.length]}`;
}

/**
 * Reports as documents in real programs (issue 13), against the worker as `npm start` runs it with
 * the pilot demo: the phase reviews' reports (P1, P2 sơ kết; P3 tổng kết) of both pilot communes and
 * of the district are downloaded as .docx and opened by LibreOffice Writer, converted to PDF (A4,
 * checked) and to text, whose Vietnamese text, figures (those of the rollup JSON, and those computed
 * here from the pilot fixture) and layout blocks are checked; Chromium prints the HTML page at A4,
 * and screenshots go to test-artifacts/. Fails, saying why, when a program is missing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { pilotWorkbooks } from "../../shared/sample/pilot";
import type { ReportDoc } from "../../worker/src/report/types";
import type { Rollup } from "../../worker/src/rollup/types";
import { isLoopback, launchChromium, requireChromium, watchPage } from "./chromium";
import { type DemoWorker, expectedPilot, startDemoWorker } from "./demo";
import { ROOT } from "./server";
import { convertWith, requireWriter } from "./soffice";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
const REVIEWS = ["P1", "P2", "P3"] as const;
const vi = (n: number) => n.toLocaleString("vi-VN");

let w: DemoWorker | undefined;
let browser: Browser | undefined;
let soffice = "";
let dir = "";
/** Per report (`<who>-<ky>`): its model, the rollup JSON of the same period, LibreOffice's text and PDF. */
const reports = new Map<string, { doc: ReportDoc; rollup: Rollup; text: string; pdf: Buffer }>();
const expected = expectedPilot();
/** What each pilot commune wrote in "Báo cáo kỳ". */
const narratives = new Map(pilotWorkbooks().map((c) => [c.unit_id, c.workbook.period_reports]));

function links() {
  const d = w!.demo;
  return [
    { who: "district", token: d.district.link.token, communes: expected },
    ...d.communes.map((c) => ({ who: c.unit_id, token: c.link.token, communes: expected.filter((e) => e.unit_id === c.unit_id) })),
  ];
}

beforeAll(async () => {
  soffice = requireWriter();
  requireChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-e2e-report-"));
  w = await startDemoWorker();
  const base = w.server.base;
  const files: string[] = [];
  const got = new Map<string, { doc: ReportDoc; rollup: Rollup; file: string }>();
  for (const { who, token } of links()) {
    for (const ky of REVIEWS) {
      const q = `ky=${ky}&mode=as_was`;
      const doc = (await (await fetch(`${base}/r/${token}/bao-cao.json?${q}`)).json()) as ReportDoc;
      const rollup = (await (await fetch(`${base}/r/${token}.json?period=${ky}&mode=as_was`)).json()) as Rollup;
      const res = await fetch(`${base}/r/${token}/bao-cao.docx?${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toContain(".docx");
      const file = path.join(dir, `${who.replace(/\W/g, "_")}-${ky}.docx`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      files.push(file);
      if ((who === "district" && ky === "P3") || (who === PILOT.quySon && ky === "P1")) {
        writeFileSync(path.join(ARTIFACTS, `report-${who === "district" ? "district" : "commune"}-${ky}.docx`), readFileSync(file));
      }
      got.set(`${who}-${ky}`, { doc, rollup, file });
    }
  }
  // One LibreOffice run per target for all nine files.
  const pdfDir = await convertWith(soffice, dir, "pdf", files);
  const txtDir = await convertWith(soffice, dir, "txt:Text (encoded):UTF8", files);
  for (const [key, g] of got) {
    const base = path.basename(g.file, ".docx");
    reports.set(key, {
      doc: g.doc,
      rollup: g.rollup,
      text: readFileSync(path.join(txtDir, `${base}.txt`), "utf8").normalize("NFC"),
      pdf: readFileSync(path.join(pdfDir, `${base}.pdf`)),
    });
  }
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await w?.server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("the .docx in LibreOffice Writer", () => {
  it.each(["district", "C:07576@2021-02-03", "C:07561@2021-02-03"].flatMap((who) => REVIEWS.map((ky) => [who, ky] as const)))(
    "%s, %s: text, figures and layout blocks",
    (who, ky) => {
      const r = reports.get(`${who}-${ky}`)!;
      const t = r.text;
      for (const block of [
        r.doc.heading.superior,
        r.doc.heading.issuer,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        r.doc.heading.placeDate,
        "BÁO CÁO",
        r.doc.heading.subject,
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "TRƯỞNG BAN",
      ]) {
        expect(t, block).toContain(block);
      }
      expect(t).toMatch(/Số: +\/BC-/);
      expect(t).toContain(ky === "P3" ? "Tổng kết việc thực hiện thí điểm" : `Sơ kết đợt ${ky.slice(1)}`);
      // The figures: the rollup JSON's, and the fixture's register and weekly reports.
      const totals = r.rollup.totals;
      expect(r.doc.figures.totals).toEqual({
        register: totals.register,
        reporting: totals.reporting,
        propaganda: totals.propaganda,
        tasks: totals.tasks,
        changes: totals.changes,
      });
      const communes = links().find((l) => l.who === who)!.communes;
      const sum = (f: (e: (typeof communes)[number]) => number) => communes.reduce((n, e) => n + f(e), 0);
      expect(totals.register.households).toBe(sum((e) => e.households));
      expect(totals.register.members).toBe(sum((e) => e.members));
      expect(totals.reporting.received).toBe(sum((e) => e.weekly(ky).received));
      expect(totals.propaganda.broadcasts).toBe(sum((e) => e.weekly(ky).broadcasts));
      expect(t).toContain(`Số hộ gia đình được phân công phụ trách: ${vi(totals.register.households)}.`);
      expect(t).toContain(`Số thành viên: ${vi(totals.register.members)}.`);
      expect(t).toContain(`Số báo cáo đã nhận: ${vi(totals.reporting.received)}.`);
      expect(t).toContain(`Số lần tuyên truyền trên loa: ${vi(totals.propaganda.broadcasts)}.`);
      if (who === "district") {
        expect(t).toContain("9. Số liệu của từng xã, phường");
        for (const c of r.rollup.communes) expect(t).toContain(c.unit.label_vi);
        // No commune's narrative on the district's report.
        for (const rows of narratives.values()) for (const n of rows) expect(t).not.toContain(n.proposals!);
      } else {
        const n = narratives.get(who)!.find((x) => x.period === ky)!;
        expect(t).toContain(n.shortcomings!);
        expect(t).toContain(n.proposals!);
      }
    },
  );

  it("converts to PDF on A4 pages", () => {
    for (const [key, r] of reports) {
      const pdf = r.pdf.toString("latin1");
      expect(pdf.startsWith("%PDF-"), key).toBe(true);
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length, key).toBeGreaterThan(0);
      // A4 is 210 × 297 mm = 595.3 × 841.9 pt.
      for (const [wd, ht] of boxes) {
        expect(Math.abs(wd! - 595.3), key).toBeLessThan(1);
        expect(Math.abs(ht! - 841.9), key).toBeLessThan(1);
      }
    }
  });
});

describe("the printed page in Chromium", () => {
  it.each([
    ["district", "P3"],
    ["commune", "P1"],
  ] as const)("%s, %s: A4 print, screenshot, nothing leaves 127.0.0.1", async (who, ky) => {
    const token = who === "district" ? w!.demo.district.link.token : w!.demo.communes[0]!.link.token;
    // A4 at 96 dpi: 210 × 297 mm = 794 × 1123 px.
    const ctx = await browser!.newContext({ viewport: { width: 794, height: 1123 }, locale: "vi-VN" });
    const page = await ctx.newPage();
    const seen = watchPage(page);
    try {
      const res = await page.goto(`${w!.server.base}/r/${token}/bao-cao?ky=${ky}&mode=as_was`);
      expect(res?.status()).toBe(200);
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${who}-${ky}-a4.png`), fullPage: true });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
      writeFileSync(path.join(ARTIFACTS, `report-${who}-${ky}.pdf`), pdf);
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      const text = (await page.locator("article.doc").textContent()) ?? "";
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(text).toContain("Nơi nhận:");
      expect(await page.locator("nav.doc-nav").isVisible()).toBe(false); // hidden in print
      expect(seen.consoleErrors).toEqual([]);
      expect(seen.requests.every((r) => isLoopback(r.url))).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});

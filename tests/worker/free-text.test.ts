/**
 * Aggregate (district, province) links carry figures and fixed vocabulary only. Marked text is
 * planted in every free-text column of every sheet (text, names, phone numbers: found from the
 * template specs, so a column added later is covered), submitted through the API, and every
 * aggregate view is searched for it: HTML, JSON and CSV, every period kind, both modes, every
 * drill-down, on a district, a province before and after the 2025 reform, and an aggregate link on the
 * commune itself; and every report as a document (page, JSON, .docx) of those links. The commune's own (detail) link does show it: the planting works.
 */
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, communeToken, copy, envelope, pilot, seed, submit } from "./helpers";

const MARK = "zqx";
const PHONE = "0987654321";

/** 0 → "a", 25 → "z", 26 → "ba": letters only, so a marked name is still a valid name. */
const letters = (i: number): string => (i < 26 ? String.fromCharCode(97 + i) : letters(Math.floor(i / 26)) + letters(i % 26));

/** The pilot commune with marked text in every free-text cell (names replaced consistently). */
function marked() {
  const { quySon } = pilot();
  const wb = copy(quySon.workbook);
  const names = new Map<string, string>();
  const nameOf = (n: string) => {
    if (!names.has(n)) names.set(n, `Zqx${letters(names.size)} Thị`);
    return names.get(n)!;
  };
  let seq = 0;
  const columns: string[] = [];
  for (const sheet of SHEET_KEYS) {
    for (const col of columnsOf(sheet)) {
      if (!["text", "name", "names", "phone"].includes(col.type)) continue;
      columns.push(`${sheet}.${col.key}`);
      for (const row of wb[sheet] as Record<string, unknown>[]) {
        if (col.type === "phone") row[col.key] = PHONE;
        else if (col.type === "name") row[col.key] = nameOf(String(row[col.key] ?? `x${seq++}`));
        else if (col.type === "names") row[col.key] = (row[col.key] as string[]).map(nameOf);
        else row[col.key] = `Zqx${letters(seq++)} ${SHEETS[sheet].title}`.slice(0, col.max ?? 100);
      }
    }
  }
  return { commune: quySon, wb, columns };
}

const PERIODS = ["2022-W10", "2022-03", "2022-Q1", "2021-Q4", "2022-H1", "2022", "P2"];
const MODES = ["as_was", "current"] as const;

describe("no text typed by a commune on any aggregate view", () => {
  const { commune, wb, columns } = marked();
  const links: Record<string, string> = {};
  let detail = "";

  beforeAll(async () => {
    await seed();
    const token = await communeToken(commune.unit_id);
    const res = await submit(envelope(commune, wb), token);
    expect(res.status, await res.clone().text()).toBe(201);
    for (const [name, unit] of [
      ["district", PILOT.lucNgan],
      ["province then", PILOT.bacGiang],
      ["province now", PILOT.bacNinh],
      ["commune, figures only", PILOT.quySon],
    ] as const) {
      const r = await adminPost("/links", { unit_id: unit, scope: "aggregate" });
      links[name] = ((await r.json()) as { token: string }).token;
    }
    detail = ((await (await adminPost("/links", { unit_id: PILOT.quySon, scope: "detail" })).json()) as { token: string }).token;
  });

  it("plants marked text in every free-text column of every sheet, with rows to carry it", () => {
    const sheetsWithText = new Set(columns.map((c) => c.split(".")[0] as SheetKey));
    expect([...sheetsWithText].sort()).toEqual([...SHEET_KEYS].sort()); // every sheet has free text
    for (const c of columns) {
      const [sheet, key] = c.split(".") as [SheetKey, string];
      const rows = wb[sheet] as Record<string, unknown>[];
      expect(rows.length, c).toBeGreaterThan(0);
      expect(JSON.stringify(rows.map((r) => r[key])).toLowerCase(), c).toMatch(new RegExp(`${MARK}|${PHONE}`));
    }
  });

  it("the commune's own link shows it (the search below can find it)", async () => {
    const text = await (await call(`/r/${detail}.json?period=2022-Q1&mode=as_was`)).text();
    expect(text.toLowerCase()).toContain(MARK);
    expect(await (await call(`/r/${detail}/mau-02`)).text()).toContain("Zqx");
  });

  it("finds it in no aggregate view: HTML, JSON, CSV × every period kind × both modes × every drill-down", async () => {
    const seen: string[] = [];
    const leaks: string[] = [];
    const look = async (path: string) => {
      const res = await call(path);
      const body = await res.text();
      seen.push(path);
      if (res.status !== 200) leaks.push(`${path}: status ${res.status}`);
      const lower = body.toLowerCase();
      if (lower.includes(MARK) || body.includes(PHONE)) leaks.push(path);
      return body;
    };
    for (const [name, link] of Object.entries(links)) {
      for (const mode of MODES) {
        for (const period of PERIODS) {
          const q = `period=${period}&mode=${mode}`;
          await look(`/r/${link}?${q}`);
          await look(`/r/${link}.csv?${q}`);
          const json = JSON.parse(await look(`/r/${link}.json?${q}`)) as Rollup;
          expect(json.scope, name).toBe("aggregate");
          for (const c of json.communes) {
            const dq = `commune=${encodeURIComponent(c.unit.id)}&${q}`;
            for (const ext of ["", ".json", ".csv"]) await look(`/r/${link}${ext}?${dq}`);
          }
        }
      }
      for (const form of ["mau-01", "mau-02"]) expect((await call(`/r/${link}/${form}`)).status).toBe(404);
    }
    expect(leaks).toEqual([]);
    // The data is there: the views above are not empty.
    const q1 = JSON.parse(await (await call(`/r/${links.district}.json?period=2022-Q1&mode=as_was`)).text()) as Rollup;
    expect(q1.totals.reporting.received).toBeGreaterThan(0);
    expect(q1.milestones.items.length + q1.adhoc.total + q1.evaluations.by_rating.good).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(4 * 2 * PERIODS.length * 3);
    for (const mode of MODES)
      expect(seen.filter((p) => p.includes("commune=") && p.includes(`mode=${mode}`)).length, mode).toBeGreaterThan(0);
    console.info(`free-text: ${seen.length} aggregate views searched`);
  }, 120_000);

  it("finds it in no report on an aggregate link (page, JSON, .docx); the commune's own report has it", async () => {
    const text = async (path: string) => {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      if (!path.includes(".docx")) return res.text();
      return new TextDecoder().decode(unzipSync(new Uint8Array(await res.arrayBuffer()))["word/document.xml"]!);
    };
    const leaks: string[] = [];
    for (const link of Object.values(links)) {
      for (const mode of MODES) {
        for (const ky of ["P1", "P2", "P3", "2022-Q1"]) {
          for (const ext of ["", ".json", ".docx"]) {
            const path = `/r/${link}/bao-cao${ext}?ky=${ky}&mode=${mode}`;
            const body = await text(path);
            if (body.toLowerCase().includes(MARK) || body.includes(PHONE)) leaks.push(path);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    for (const ext of ["", ".docx"]) expect((await text(`/r/${detail}/bao-cao${ext}?ky=P2&mode=as_was`)).toLowerCase()).toContain(MARK);
  }, 120_000);

  it("shows milestones by code with the plan's own titles", async () => {
    const r = (await (await call(`/r/${links.district}.json?period=2022&mode=as_was`)).json()) as Rollup;
    expect(r.milestones.items.length).toBeGreaterThan(0);
    expect(r.milestones.items.find((m) => m.code === "M05")?.title).toBe("Sơ kết rút kinh nghiệm đợt 1 (tháng 01/2022)");
  });
});

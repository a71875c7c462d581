/**
 * The rollup CSV in a real spreadsheet program: LibreOffice (`soffice --headless --convert-to
 * xlsx`) opens the CSV a link serves, and the .xlsx it writes is read back (tests/e2e/xlsx.ts):
 * Vietnamese text survives, numbers stay numbers, and team names that look like formulas —
 * `=HYPERLINK(…)`, `+…`, `-…`, `@…`, sent in a real submission with a commune token — stay text
 * (no formula cell anywhere). Fails, saying why, when soffice is missing (never skips: CI installs it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { buildEnvelope } from "../../shared/envelope";
import { todayVi, weeksInPeriod } from "../../shared/periods";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import { parseCsv } from "./csv";
import { call, startWorker, type WorkerServer } from "./server";
import { convertWith, findSoffice, requireSoffice } from "./soffice";
import { type Cell, readFirstSheet } from "./xlsx";

const SOFFICE = findSoffice();

/** Names a spreadsheet would run as formulas if they were not kept as text. */
const FORMULA_NAMES = ['=HYPERLINK("http://127.0.0.1:9/x","Bấm vào đây")', "+84 Tổ Cộng", "-1+2 Tổ Trừ", "@SUM(1) Tổ A-còng"];
const PERIOD = "2025-Q4";
const COMMUNE = UNITS.find((u) => u.id === PILOT.phuongSon)!;

let server: WorkerServer | undefined;
let dir: string;
let workbook: Workbook;
let csvText = "";
/** The CSV's bytes as served (Response.text() would drop the BOM). */
let csvBytes: Buffer;

beforeAll(async () => {
  requireSoffice();
  dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-e2e-sheet-"));
  server = await startWorker();
  const admin = (route: string, body: unknown) => call(server!.base, `/api/admin${route}`, { token: server!.adminSecret, body });
  expect((await admin("/units", { units: UNITS })).status).toBe(200);
  const tok = await admin("/tokens", { unit_id: COMMUNE.id, label: "e2e spreadsheet" });
  expect(tok.status, tok.text).toBe(201);

  // A commune of today's units (phường Phượng Sơn, after the 2025 merger), teams founded after it.
  const yesterday = new Date(Date.parse(`${todayVi()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  workbook = generateCommune({
    seed: 4242,
    commune_code: COMMUNE.code,
    commune_name: COMMUNE.name,
    villages: [
      { village_code: "QT", village_name: "Thôn Quý Thịnh", ethnic_identity: false, teams: 2 },
      { village_code: "DM", village_name: "Thôn Đồng Mương – Sán Dìu", ethnic_identity: true, teams: 2 },
    ],
    founded_on: "2025-08-01",
    until: yesterday,
  });
  FORMULA_NAMES.forEach((name, i) => {
    workbook.teams[i]!.team_name = name;
  });
  const envelope = buildEnvelope(
    {
      commune_code: COMMUNE.code,
      commune_name: COMMUNE.name,
      spreadsheet_id: "e2e-sheet",
      submission_id: crypto.randomUUID(),
      generated_at: new Date().toISOString(),
    },
    workbook,
  );
  const sub = await call(server.base, "/api/submissions", { token: tok.json.token, body: envelope });
  expect(sub.status, sub.text.slice(0, 2000)).toBe(201);

  const link = await admin("/links", { unit_id: COMMUNE.id, scope: "detail", label: "e2e spreadsheet" });
  expect(link.status, link.text).toBe(201);
  const res = await fetch(`${server.base}${new URL(link.json.csv_url).pathname}?period=${PERIOD}`, { signal: AbortSignal.timeout(60_000) });
  csvBytes = Buffer.from(await res.arrayBuffer());
  expect(res.status, csvBytes.toString("utf8", 0, 500)).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv;\s*charset=utf-8/i);
  csvText = csvBytes.toString("utf8");
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Convert with LibreOffice in its own profile (so a user's running LibreOffice is not involved). */
async function convert(file: string, infilter?: string): Promise<Buffer> {
  const outdir = await convertWith(SOFFICE!, dir, "xlsx", [file], infilter);
  const out = path.join(outdir, `${path.basename(file, ".csv")}.xlsx`);
  expect(existsSync(out), `soffice wrote ${out}`).toBe(true);
  return readFileSync(out);
}

/**
 * `text`: also check that Vietnamese text survived. Without it, columns are found by position (the
 * served CSV's header order), since the headers themselves may have been decoded wrongly.
 */
function checkSheet(rows: Cell[][], opts: { text: boolean }) {
  const csv = parseCsv(csvText);
  const served = csv[0]!.map((h) => h.replace(/^\uFEFF/, ""));
  const head = rows[0]!.map((c) => String(c?.value ?? ""));
  // Vietnamese headers survive, in order.
  if (opts.text) expect(head).toEqual(served);
  else expect(head.length).toBe(served.length);
  const col = (name: string) => {
    const i = served.indexOf(name);
    expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
    return i;
  };
  const body = rows.slice(1).filter((r) => r?.some((c) => c && c.type !== "empty"));
  expect(body.length).toBe(workbook.teams.length);

  // No formula anywhere; the formula-like names are text cells that show what was typed.
  for (const r of rows) for (const c of r ?? []) if (c) expect(c.formula, `${c.ref} holds a formula`).toBeNull();
  const names = body.map((r) => r[col("Tổ")]!);
  for (const [i, name] of FORMULA_NAMES.entries()) {
    const ascii = name.slice(1, 5); // ASCII: survives any 8-bit decoding
    const cell = names.find((c) => String(c.value).includes(ascii));
    expect(cell, `team name ${name}`).toBeDefined();
    expect(cell!.type, `${cell!.ref} (${name})`).toBe("string");
    if (opts.text) expect(String(cell!.value).replace(/^'/, ""), `team ${i + 1}`).toBe(name);
  }
  if (!opts.text) return checkNumbers(body, col);

  // Vietnamese text survives (NFC, diacritics, the en dash).
  const villages = body.map((r) => String(r[col("Thôn")]?.value));
  expect(villages).toContain("Thôn Quý Thịnh");
  expect(villages).toContain("Thôn Đồng Mương – Sán Dìu");
  expect(String(body[0]![col("Xã")]?.value)).toContain("Phượng Sơn");

  checkNumbers(body, col);
}

/** Numbers stay numbers, with the fixture's values. */
function checkNumbers(body: Cell[][], col: (name: string) => number) {
  const weeks = new Set(weeksInPeriod(PERIOD));
  for (const t of workbook.teams) {
    const r = body.find((x) => x[col("Mã tổ")]?.value === t.team_code);
    expect(r, `row of ${t.team_code}`).toBeDefined();
    const hh = workbook.households.filter((h) => h.team_code === t.team_code);
    for (const [name, want] of [
      ["Số hộ", hh.length],
      ["Số nhân khẩu", hh.reduce((s, h) => s + h.members_count, 0)],
      ["Số thành viên", workbook.members.filter((m) => m.team_code === t.team_code).length],
      ["Đã nộp", workbook.weekly.filter((w) => w.team_code === t.team_code && weeks.has(w.week)).length],
    ] as const) {
      const cell = r![col(name)]!;
      expect(cell.type, `${t.team_code} ${name} (${cell.ref})`).toBe("number");
      expect(cell.value, `${t.team_code} ${name}`).toBe(want);
    }
  }
}

describe("rollup CSV in LibreOffice Calc", () => {
  it("the CSV as served: UTF-8 with BOM, formula-like names guarded", () => {
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const name of FORMULA_NAMES) expect(csvText).toContain(`"'${name.replace(/"/g, '""')}"`);
  });

  it("opens as UTF-8 CSV: Vietnamese text survives, numbers stay numbers, formula-like names stay text", async () => {
    const file = path.join(dir, "tong-hop.csv");
    writeFileSync(file, csvBytes);
    // The Text CSV import filter with what a user picks in its dialog: separator 44 (,), text
    // delimiter 34 ("), character set 76 (UTF-8), from line 1.
    checkSheet(readFirstSheet(await convert(file, "Text - txt - csv (StarCalc):44,34,76,1")), { text: true });
  }, 180_000);

  it("with no import options at all: still no formula, numbers stay numbers", async () => {
    // LibreOffice 7.4's headless default import ignores the UTF-8 BOM and decodes as 8-bit (even
    // under a UTF-8 locale), so Vietnamese text is garbled there; everything else must still hold.
    const file = path.join(dir, "tong-hop-default.csv");
    writeFileSync(file, csvBytes);
    checkSheet(readFirstSheet(await convert(file)), { text: false });
  }, 180_000);
});

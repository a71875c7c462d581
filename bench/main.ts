/**
 * `npm run bench` — the "Quality bar" measures, each next to a baseline measured in the same run:
 *
 *   a. ingest      submissions POSTed to the worker (wrangler dev, local D1) → rows/s committed,
 *                  vs the same rows inserted straight into SQLite (better-sqlite3, one transaction);
 *   b. rollup      p50/p95 of district and province rollups (JSON and HTML, a quarter and a year) at
 *                  each size, vs GET /health on the same server; growth from smallest to largest size;
 *   c. validation  rows/s of the shared `checkWorkbook` in Node, vs a JSON parse of the same rows;
 *                  and the add-on's Sheets calls for check and submit at 50 vs 5,000 households;
 *   d. page        bytes and requests of the rollup HTML page (must be one request), vs the JSON.
 *
 * Prints a table and writes bench/results/<timestamp>.json ({meta, measures: [one object per
 * measure], notes}). Environment:
 *   BENCH_SIZES=commune,district,province   which sizes (default all three)
 *   BENCH_SAMPLES=20                         requests per rollup latency (after 2 warm-ups)
 *   BENCH_BUDGET_S=840                       wall-clock budget; what does not fit is reported as such
 *   BENCH_VALIDATE_MAX=10                    validation also runs over this many commune workbooks
 *   BENCH_KEEP=1                             keep the wrangler state directory (path printed)
 *   BENCH_ONLY=core,<section>,…              run only these: "core" is a–d above, the others are the
 *                                            sections of bench/sections.ts
 * The run ends with one line per goal (bench/goals.ts): `goal <name> <measured> <target> met|missed`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateCommune } from "../shared/sample/generate";
import type { Workbook } from "../shared/schemas";
import { ROOT, startWorker, type WorkerServer } from "../tests/e2e/server";
import { bundle } from "./bundle";
import { type BenchCommune, benchUnits, benchWorkbook, PERIODS, rowsBySheet, SIZES, type SizeName, YEAR } from "./data";
import { goal, goalLines } from "./goals";
import { SECTIONS } from "./sections";
import { SqliteClient } from "./sqlite-client";
import { fmtInt, fmtMs, fmtRatio, latency, table } from "./stats";
import { measureValidation } from "./validation";
import { BenchWorker, type PageWeight, pageWeight } from "./worker-bench";

const started = Date.now();
const loadAtStart = os.loadavg().map((x) => Number(x.toFixed(2)));
const budgetS = Number(process.env.BENCH_BUDGET_S ?? 840);
const samples = Math.max(3, Number(process.env.BENCH_SAMPLES ?? 20));
const validateMax = Math.max(1, Number(process.env.BENCH_VALIDATE_MAX ?? 10));
const elapsedS = () => (Date.now() - started) / 1000;
const leftS = () => budgetS - elapsedS();
const TODAY = `${YEAR + 1}-01-10`; // rules are judged as of a day after the data's year

const sizeNames = (process.env.BENCH_SIZES ?? "commune,district,province")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean) as SizeName[];
for (const s of sizeNames) if (!(s in SIZES)) throw new Error(`BENCH_SIZES: unknown size "${s}" (commune, district, province)`);
const sizes = [...new Set(sizeNames)].sort((a, b) => SIZES[a].communes - SIZES[b].communes);
const only = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
for (const o of only) if (o !== "core" && !SECTIONS.some((x) => x.name === o)) throw new Error(`BENCH_ONLY: unknown section "${o}"`);
const runs = (name: string) => only.length === 0 || only.includes(name);
/** Thrown to leave the worker block when BENCH_ONLY leaves out "core". */
class SkipCore extends Error {}

type Measure = Record<string, unknown> & { measure: string };
const measures: Measure[] = [];
const notes: string[] = [];
const log = (s: string) => console.log(`[${elapsedS().toFixed(0).padStart(4)} s] ${s}`);

const units = benchUnits();
const cache = new Map<number, Workbook>();
const workbookOf = (c: BenchCommune) => {
  let wb = cache.get(c.index);
  if (!wb) {
    wb = benchWorkbook(c);
    cache.set(c.index, wb);
  }
  return wb;
};

// ───────────────────────── c. validation (Node, no worker) ─────────────────────────
log(`sizes: ${sizes.join(", ")}; budget ${budgetS} s; ${samples} samples per latency`);
// Per workbook, not per database size: one commune workbook, then several (up to
// BENCH_VALIDATE_MAX of the largest size asked for), then one four times as large below.
if (runs("core")) {
  const maxCommunes = SIZES[sizes[sizes.length - 1]!].communes;
  const counts = [...new Set([1, Math.min(validateMax, maxCommunes)])];
  for (const count of counts) {
    const t = performance.now();
    const wbs = units.communes.slice(0, count).map(workbookOf);
    const genMs = performance.now() - t;
    const v = measureValidation(wbs, TODAY);
    const label = count === 1 ? "1 commune workbook (30 teams)" : `${count} commune workbooks`;
    measures.push({
      measure: "validation",
      size: label,
      households: wbs.reduce((n, wb) => n + wb.households.length, 0),
      ...v,
      ratio_vs_baseline: Math.round((v.baseline_rows_per_s / v.rows_per_s) * 10) / 10,
      generate_ms: Math.round(genMs),
    });
    log(`validation ${label}: ${fmtInt(v.rows)} rows, ${fmtInt(v.rows_per_s)} rows/s (ok=${v.all_ok})`);
  }
}
if (runs("core")) {
  // One workbook four times the usual commune (125 teams, ≈5,000 households): does rows/s hold?
  const big = generateCommune({
    seed: 77_001,
    commune_code: "90999",
    commune_name: "Xã Rất Lớn",
    villages: Array.from({ length: 5 }, (_, v) => ({
      village_code: `L${v + 1}`,
      village_name: `Thôn Lớn ${v + 1}`,
      ethnic_identity: v === 0,
      teams: 25,
    })),
    founded_on: `${YEAR}-01-01`,
    until: `${YEAR}-12-31`,
    reportRate: 1,
  });
  const v = measureValidation([big], TODAY);
  measures.push({
    measure: "validation",
    size: "1 large commune workbook (125 teams)",
    households: big.households.length,
    ...v,
    ratio_vs_baseline: Math.round((v.baseline_rows_per_s / v.rows_per_s) * 10) / 10,
  });
  log(`validation large workbook: ${fmtInt(v.rows)} rows, ${fmtInt(v.rows_per_s)} rows/s`);
}

// ───────────────────────── c. add-on service calls (Sheets double) ─────────────────────────
await (async () => {
  if (!runs("core")) return;
  try {
    const outfile = await bundle(ROOT, "bench/addon.ts", { stubVitest: true });
    const mod = (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as typeof import("./addon");
    const { small, large } = await mod.measureAddonCalls();
    const equal =
      small.check_calls === large.check_calls &&
      small.submit_calls === large.submit_calls &&
      JSON.stringify(small.check_by_method) === JSON.stringify(large.check_by_method) &&
      JSON.stringify(small.submit_by_method) === JSON.stringify(large.submit_by_method);
    measures.push({ measure: "addon_service_calls", baseline: small, at_5000: large, equal });
    log(`add-on Sheets calls: check ${small.check_calls} vs ${large.check_calls}, submit ${small.submit_calls} vs ${large.submit_calls}`);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    measures.push({ measure: "addon_service_calls", skipped: `tests/addon double not usable: ${why}` });
    notes.push(`Add-on service calls not measured: ${why}`);
    log(`add-on calls skipped: ${why}`);
  }
})();

// ───────────────────────── a/b/d. the worker ─────────────────────────
let server: WorkerServer | undefined;
let baseline: SqliteClient | undefined;
/** `communes`: with data in the database; `inUnit`: with data inside the rollup's unit. */
const rollupRows: {
  size: SizeName;
  communes: number;
  inUnit: number;
  scope: string;
  period: string;
  format: string;
  p50: number;
  p95: number;
  bytes: number;
}[] = [];
try {
  if (!runs("core")) throw new SkipCore();
  log("starting wrangler dev (throwaway --persist-to)…");
  server = await startWorker({ startTimeoutMs: 180_000 });
  log(`worker on ${server.base}`);
  const w = new BenchWorker(server.base, server.adminSecret);
  await w.loadUnits(units.all);
  const maxCommunes = SIZES[sizes[sizes.length - 1]!].communes;
  const tokens = new Map<string, string>();
  for (const c of units.communes.slice(0, maxCommunes)) tokens.set(c.unit.id, await w.writeToken(c.unit.id));
  const district = units.districts[0]!;
  const links = {
    district: await w.link(district.id, "aggregate"),
    province: await w.link(units.province.id, "aggregate"),
  };
  baseline = await SqliteClient.start(ROOT, units.all);
  log(`SQLite baseline runs under ${baseline.node} (${baseline.nodeVersion})`);

  let ingested = 0;
  let secondsPerCommune = NaN;
  let lastRollupS = 10;
  for (const size of sizes) {
    const target = SIZES[size].communes;
    const todo = units.communes.slice(ingested, target);
    // Keep time for this stage's rollups (they slow down as data grows), the page weight and shutdown.
    const reserveS = Math.max(lastRollupS * 2.5, 20) + 30;
    const projected = todo.length * (Number.isFinite(secondsPerCommune) ? secondsPerCommune : 3);
    if (leftS() - reserveS < Math.min(projected, 5)) {
      const msg = `${size}: skipped — ${Math.round(leftS())} s of the ${budgetS} s budget left, ingesting ${todo.length} more communes needs ≈${Math.round(projected)} s.`;
      notes.push(msg);
      measures.push({ measure: "ingest", size, skipped: msg });
      log(msg);
      continue;
    }
    if (projected > leftS() - reserveS) {
      log(
        `${size}: ≈${Math.round(projected)} s to ingest ${todo.length} communes, ${Math.round(leftS() - reserveS)} s available: ingesting what fits`,
      );
    }
    const stageDeadline = Date.now() + (leftS() - reserveS) * 1000;
    const per: number[] = [];
    const batch: { communeId: string; submissionId: string; workbook: Workbook }[] = [];
    let rows = 0;
    let written = 0;
    let bytes = 0;
    let workerMs = 0;
    let genMs = 0;
    for (const c of todo) {
      if (Date.now() > stageDeadline) break;
      const g = performance.now();
      const wb = workbookOf(c);
      genMs += performance.now() - g;
      const r = await w.submit(tokens.get(c.unit.id)!, c.unit, wb);
      per.push(r.ms);
      workerMs += r.ms;
      rows += r.rows;
      written += r.written;
      bytes += r.bytes;
      batch.push({ communeId: c.unit.id, submissionId: `bench-${c.index}`, workbook: wb });
      if (per.length % 10 === 0) log(`  ${size}: ${per.length}/${todo.length} submissions, ${fmtInt(rows / (workerMs / 1000))} rows/s`);
    }
    ingested += batch.length;
    const partial = batch.length < todo.length;
    secondsPerCommune = workerMs / 1000 / Math.max(1, batch.length);
    const b = await baseline.insert(batch);
    const workerRps = rows / (workerMs / 1000);
    const baseRps = b.rows / (b.ms / 1000);
    const sizeLabel = partial ? `${size} (partial: ${ingested} of ${target} communes)` : size;
    if (partial) notes.push(`${size}: only ${ingested} of ${target} communes fit in the budget; its figures are for ${ingested} communes.`);
    const lat = latency(per);
    measures.push({
      measure: "ingest",
      size: sizeLabel,
      communes_total: ingested,
      submissions: batch.length,
      rows,
      rows_by_sheet: rowsBySheet(batch.map((x) => x.workbook)),
      in_database: (() => {
        const all = rowsBySheet(units.communes.slice(0, ingested).map(workbookOf));
        return { households: all.households ?? 0, weekly_reports: all.weekly ?? 0, rows: Object.values(all).reduce((a, b) => a + b, 0) };
      })(),
      rows_written_per_receipts: written,
      payload_bytes: bytes,
      worker_ms: Math.round(workerMs),
      worker_rows_per_s: Math.round(workerRps),
      per_submission_ms: lat,
      baseline: {
        method: `better-sqlite3 (node ${baseline.nodeVersion}), same rows, one transaction`,
        rows: b.rows,
        ms: Math.round(b.ms * 10) / 10,
        rows_per_s: Math.round(baseRps),
      },
      ratio_worker_to_baseline: Number((workerRps / baseRps).toFixed(4)),
      generate_ms: Math.round(genMs),
    });
    if (written !== rows) notes.push(`${size}: receipts count ${written} rows written for ${rows} rows sent.`);
    log(`ingest ${sizeLabel}: ${fmtInt(rows)} rows, worker ${fmtInt(workerRps)} rows/s, sqlite ${fmtInt(baseRps)} rows/s`);

    // b. rollup latency at this size
    const r0 = Date.now();
    const health = await w.latency("/health", samples);
    measures.push({ measure: "rollup_baseline_health", size: sizeLabel, communes_total: ingested, ...health });
    for (const scope of ["district", "province"] as const) {
      for (const [pname, period] of Object.entries(PERIODS)) {
        for (const format of ["json", "html"] as const) {
          const link = links[scope];
          const p = `${new URL(format === "json" ? link.json_url : link.url).pathname}?period=${period}&mode=current`;
          const l = await w.latency(p, samples);
          measures.push({
            measure: "rollup_latency",
            size: sizeLabel,
            communes_total: ingested,
            communes_in_unit:
              scope === "province" ? ingested : units.communes.slice(0, ingested).filter((c) => c.districtId === district.id).length,
            scope,
            period: pname,
            period_key: period,
            format,
            ...l,
            baseline_health_p50_ms: health.p50_ms,
            ratio_p50_vs_health: Number((l.p50_ms / health.p50_ms).toFixed(1)),
          });
          const inUnit =
            scope === "province" ? ingested : units.communes.slice(0, ingested).filter((c) => c.districtId === district.id).length;
          rollupRows.push({ size, communes: ingested, inUnit, scope, period: pname, format, p50: l.p50_ms, p95: l.p95_ms, bytes: l.bytes });
        }
      }
    }
    lastRollupS = (Date.now() - r0) / 1000;
    log(`rollups at ${sizeLabel}: ${lastRollupS.toFixed(0)} s`);
    if (partial) break;
  }

  // Growth from the smallest to the largest size measured; and, where the rollup's own unit kept
  // the same data while the rest of the database grew (the district rollup from district to
  // province size), that growth alone.
  const measuredSizes = [...new Set(rollupRows.map((r) => r.size))];
  if (measuredSizes.length >= 2) {
    const first = measuredSizes[0]!;
    const last = measuredSizes[measuredSizes.length - 1]!;
    for (const r of rollupRows.filter((x) => x.size === last)) {
      const same = (x: (typeof rollupRows)[number]) => x.scope === r.scope && x.period === r.period && x.format === r.format;
      const f = rollupRows.find((x) => x.size === first && same(x))!;
      const sameData = rollupRows.find((x) => x.size !== last && same(x) && x.inUnit === r.inUnit && x.communes < r.communes);
      measures.push({
        measure: "rollup_growth",
        scope: r.scope,
        period: r.period,
        format: r.format,
        from_size: first,
        to_size: last,
        from_communes: f.communes,
        to_communes: r.communes,
        p50_growth: Number((r.p50 / f.p50).toFixed(2)),
        p95_growth: Number((r.p95 / f.p95).toFixed(2)),
        data_growth: Number((r.communes / f.communes).toFixed(1)),
        bytes_growth: Number((r.bytes / f.bytes).toFixed(1)),
        ...(sameData
          ? {
              same_unit_data: {
                from_size: sameData.size,
                communes_in_unit: r.inUnit,
                database_growth: Number((r.communes / sameData.communes).toFixed(1)),
                p50_growth: Number((r.p50 / sameData.p50).toFixed(2)),
                p95_growth: Number((r.p95 / sameData.p95).toFixed(2)),
              },
            }
          : {}),
      });
    }
  }

  // d. page weight, at the largest size ingested
  if (ingested > 0) {
    for (const scope of ["district", "province"] as const) {
      const link = links[scope];
      const p = `${new URL(link.url).pathname}?period=${PERIODS.year}&mode=current`;
      const pw: PageWeight = await pageWeight(server.base, p);
      const json = await (
        await fetch(`${server.base}${new URL(link.json_url).pathname}?period=${PERIODS.year}&mode=current`, {
          signal: AbortSignal.timeout(60_000),
        })
      ).text();
      measures.push({
        measure: "page_weight",
        scope,
        communes_total: ingested,
        period: PERIODS.year,
        ...pw,
        one_request: pw.requests === 1 && pw.external_requests.length === 0,
        baseline_json_bytes: Buffer.byteLength(json),
        ratio_html_to_json: Number((pw.html_bytes / Buffer.byteLength(json)).toFixed(2)),
      });
      log(`page ${scope}: ${fmtInt(pw.html_bytes)} bytes, ${pw.requests} request(s) (${pw.method})`);
      if (scope === "province" && ingested >= SIZES.province.communes) {
        const ok = pw.requests === 1 && pw.external_requests.length === 0;
        goal("province_page_bytes", `${fmtInt(pw.html_bytes / 1024)}KB`, "<100KB,1_request", pw.html_bytes < 100 * 1024 && ok);
      }
    }
  }
  // Issue 10's rollup goals: the province (100 communes) year page, and its growth from 1 commune.
  const yearPage = (size: SizeName) =>
    rollupRows.find((r) => r.size === size && r.scope === "province" && r.period === "year" && r.format === "html");
  const big = yearPage("province");
  const one = yearPage("commune");
  if (big && big.communes >= SIZES.province.communes) {
    goal("rollup_province_year_p50", `${fmtMs(big.p50)}ms`, "<50ms", big.p50 < 50);
    if (one) goal("rollup_growth_1_to_100", `x${fmtRatio(big.p50 / one.p50)}`, "<=x2", big.p50 / one.p50 <= 2);
  }
} catch (e) {
  if (!(e instanceof SkipCore)) {
    const msg = e instanceof Error ? e.message : String(e);
    notes.push(`Worker measures stopped by an error: ${msg.split("\n")[0]}`);
    measures.push({ measure: "worker", error: msg.slice(0, 4000) });
    console.error(msg);
  }
} finally {
  await baseline?.close().catch(() => undefined);
  if (server) {
    const keep = process.env.BENCH_KEEP === "1";
    await server.stop({ keepDir: keep });
    if (keep) log(`kept ${server.persistDir}`);
  }
}

// ───────────────────────── further sections (bench/sections.ts) ─────────────────────────
for (const section of SECTIONS) {
  if (!runs(section.name)) continue;
  log(`section ${section.name}…`);
  try {
    await section.run({ root: ROOT, log, measures, notes, leftS });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    notes.push(`Section ${section.name} stopped by an error: ${msg.split("\n")[0]}`);
    measures.push({ measure: section.name, error: msg.slice(0, 4000) });
    console.error(msg);
  }
}

// ───────────────────────── report ─────────────────────────
const report = render();
console.log(report);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.join(ROOT, "bench", "results");
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `${stamp}.json`);
writeFileSync(file, `${JSON.stringify({ meta: meta(), measures, notes, table: report }, null, 2)}\n`);
console.log(`\nJSON: ${path.relative(ROOT, file)}  (${elapsedS().toFixed(0)} s)`);
const goals = goalLines();
if (goals.length) console.log(`\n${goals.join("\n")}`);
// A measure that crashed (rather than one left out for time) fails the run.
process.exit(measures.some((m) => m.error) ? 1 : 0);

function meta() {
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    /* not a git checkout */
  }
  return {
    started_at: new Date(started).toISOString(),
    elapsed_s: Math.round(elapsedS()),
    budget_s: budgetS,
    sizes,
    samples,
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    mem_gb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    loadavg_at_start: loadAtStart,
    loadavg_at_end: os.loadavg().map((x) => Number(x.toFixed(2))),
    commit,
    data: { year: YEAR, periods: PERIODS, teams_per_commune: 30, households_per_team: "30–50", weekly_report_rate: 1 },
  };
}

function render(): string {
  const out: string[] = [];
  const by = (m: string) => measures.filter((x) => x.measure === m);
  out.push(
    "",
    `Dân Vận bench — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} CPU, load average ${loadAtStart[0]} at start, ${os.loadavg()[0]!.toFixed(2)} at end`,
    "",
  );

  const ing = by("ingest");
  if (ing.length) {
    out.push("a. Ingest (POST /api/submissions, sequential, wrangler dev + local D1) vs better-sqlite3 one transaction");
    out.push(
      table(
        [
          "size",
          "communes",
          "households / weekly in db",
          "rows this step",
          "worker rows/s",
          "sqlite rows/s",
          "worker/sqlite",
          "per submission p50/p95 ms",
        ],
        ing.map((m) =>
          m.skipped
            ? [String(m.size), "—", "—", "—", "skipped", "—", "—", "—"]
            : [
                String(m.size),
                fmtInt(m.communes_total as number),
                `${fmtInt((m.in_database as { households: number }).households)} / ${fmtInt((m.in_database as { weekly_reports: number }).weekly_reports)}`,
                fmtInt(m.rows as number),
                fmtInt(m.worker_rows_per_s as number),
                fmtInt((m.baseline as { rows_per_s: number }).rows_per_s),
                fmtRatio(m.ratio_worker_to_baseline as number),
                `${fmtMs((m.per_submission_ms as { p50_ms: number }).p50_ms)} / ${fmtMs((m.per_submission_ms as { p95_ms: number }).p95_ms)}`,
              ],
        ),
      ),
      "",
    );
  }

  if (rollupRows.length) {
    const measured = [...new Set(rollupRows.map((r) => `${r.size}|${r.communes}`))];
    out.push("b. Rollup latency p50 / p95 ms and response KB (GET /r/<token>[.json]?period=…&mode=current), by size (communes with data)");
    out.push("   district = the first district (30 communes), province = all communes; sequential requests after 2 warm-ups");
    const keys = [...new Set(rollupRows.map((r) => `${r.scope}|${r.period}|${r.format}`))];
    const head = [
      "rollup",
      ...measured.map((s) => {
        const [n, c] = s.split("|");
        return `${n} (${c})`;
      }),
    ];
    const two = measured.length >= 2;
    if (two) head.push("p50 growth", "KB growth", "p50 growth, same unit data");
    const rows = keys.map((k) => {
      const [scope, period, format] = k.split("|");
      const cells = measured.map((s) => {
        const r = rollupRows.find((x) => `${x.size}|${x.communes}` === s && `${x.scope}|${x.period}|${x.format}` === k);
        return r ? `${fmtMs(r.p50)} / ${fmtMs(r.p95)} · ${fmtInt(r.bytes / 1024)}` : "—";
      });
      const g = by("rollup_growth").find((x) => x.scope === scope && x.period === period && x.format === format);
      const sd = g?.same_unit_data as { p50_growth: number; database_growth: number } | undefined;
      return [
        `${scope} ${period} ${format}`,
        ...cells,
        ...(two
          ? [
              `×${fmtRatio(g?.p50_growth as number)}`,
              `×${fmtRatio(g?.bytes_growth as number)}`,
              sd ? `×${fmtRatio(sd.p50_growth)} (db ×${sd.database_growth})` : "—",
            ]
          : []),
      ];
    });
    const health = by("rollup_baseline_health");
    rows.push([
      "baseline GET /health",
      ...measured.map((s) => {
        const h = health.find((x) => `${String(x.size).split(" ")[0]}|${x.communes_total}` === s);
        return h ? `${fmtMs(h.p50_ms as number)} / ${fmtMs(h.p95_ms as number)}` : "—";
      }),
      ...(two ? ["", "", ""] : []),
    ]);
    out.push(table(head, rows));
    const g = by("rollup_growth");
    if (g.length) {
      const worst = Math.max(...g.map((x) => x.p50_growth as number));
      const same = g.filter((x) => x.same_unit_data).map((x) => (x.same_unit_data as { p50_growth: number }).p50_growth);
      out.push(
        `   data grew ×${g[0]!.data_growth} (communes with data); rollup p50 grew at most ×${fmtRatio(worst)}, with the response size.`,
      );
      if (same.length)
        out.push(
          `   with the rollup's own data unchanged and the database ×${(g.find((x) => x.same_unit_data)!.same_unit_data as { database_growth: number }).database_growth}, p50 changed ×${fmtRatio(Math.min(...same))}–×${fmtRatio(Math.max(...same))}.`,
        );
    }
    out.push("");
  }

  const val = by("validation");
  if (val.length) {
    out.push("c. Validation: shared checkWorkbook in Node vs JSON.parse of the same rows");
    out.push(
      table(
        ["input", "households", "rows", "check rows/s", "of which rules ms", "JSON.parse rows/s", "parse/check", "all ok"],
        val.map((m) => [
          String(m.size),
          fmtInt(m.households as number),
          fmtInt(m.rows as number),
          fmtInt(m.rows_per_s as number),
          fmtInt(m.rules_ms as number),
          fmtInt(m.baseline_rows_per_s as number),
          `×${fmtRatio(m.ratio_vs_baseline as number)}`,
          String(m.all_ok),
        ]),
      ),
    );
    out.push("");
  }
  const addon = by("addon_service_calls")[0];
  if (addon) {
    out.push("c. Add-on Sheets service calls (built bundle over tests/addon double)");
    if (addon.skipped) out.push(`   skipped: ${addon.skipped}`);
    else {
      const s = addon.baseline as { households: number; check_calls: number; submit_calls: number };
      const l = addon.at_5000 as typeof s;
      out.push(
        table(
          ["households", "check calls", "submit calls"],
          [
            [fmtInt(s.households), s.check_calls, s.submit_calls],
            [fmtInt(l.households), l.check_calls, l.submit_calls],
          ],
        ),
      );
      out.push(`   equal (call by call): ${addon.equal}`);
    }
    out.push("");
  }
  const pw = by("page_weight");
  if (pw.length) {
    out.push("d. Rollup page weight (year, HTML) vs the same rollup as JSON");
    out.push(
      table(
        ["page", "communes", "HTML bytes", "requests", "external", "JSON bytes", "method"],
        pw.map((m) => [
          `${m.scope}`,
          fmtInt(m.communes_total as number),
          fmtInt(m.html_bytes as number),
          String(m.requests),
          String((m.external_requests as string[]).length),
          fmtInt(m.baseline_json_bytes as number),
          String(m.method),
        ]),
      ),
    );
    out.push("");
  }
  if (notes.length) out.push("Notes:", ...notes.map((n) => `  - ${n}`), "");
  return out.join("\n");
}

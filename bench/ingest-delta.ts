/**
 * Bench section `ingest-delta` (BENCH_ONLY=ingest-delta npm run bench): ingest that costs what changed
 * (issue 10). Two workers (wrangler dev, local D1) run side by side on the same machine: this version,
 * and "today" — the sources just before per-sheet hashes landed (`git archive` of the newest commit of
 * this history without shared/sheet-hash.ts; BENCH_DELTA_BASELINE=<ref> picks another). Each gets the same bench
 * communes (bench/data.ts: 30 teams, a year of weekly reports, ≈3,300 rows), in turns, so both see the
 * same load:
 *   1. the full first submission of each commune, both workers — this one must be no slower;
 *   2. then, for commune 1, submissions of the same workbook where one week changed (that week's 30
 *      reports edited, another week each time): the worker's time per submission (< 50 ms), and its rows
 *      committed per second — the workbook's rows, now the commune's stored state — against
 *      better-sqlite3 inserting the same rows in one transaction (median of 5; ≥ 25%). Also shown, without a goal: the
 *      changed rows alone per second against better-sqlite3 inserting just those rows.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { buildEnvelope } from "../shared/envelope";
import { contentHash } from "../shared/hash";
import type { Workbook } from "../shared/schemas";
import { WEEKLY_COUNTS } from "../shared/weekly-counts";
import { call, startWorker, type WorkerServer } from "../tests/e2e/server";
import { type BenchCommune, benchUnits, benchWorkbook, rowCount } from "./data";
import { goal } from "./goals";
import type { BenchSection } from "./section";
import { SqliteClient } from "./sqlite-client";
import { fmtInt, fmtMs, fmtRatio, latency, table } from "./stats";
import { BenchWorker } from "./worker-bench";

const FIRST = Math.max(2, Number(process.env.BENCH_DELTA_COMMUNES ?? 6));
const WEEKS = Math.max(5, Number(process.env.BENCH_DELTA_WEEKS ?? 20));
const SQLITE_RUNS = 5;
/** The weekly count edited (the first of shared/weekly-counts.ts). */
const COUNT = WEEKLY_COUNTS[0]!;

/** The commit before per-sheet hashes: "today" for this section. */
function baselineRef(root: string): string {
  if (process.env.BENCH_DELTA_BASELINE) return process.env.BENCH_DELTA_BASELINE;
  // The newest commit of this history without shared/sheet-hash.ts: main just before per-sheet hashes
  // landed, so it knows every sheet the bench workbook has (the first commit's parent would not).
  const git = (...a: string[]) => execFileSync("git", a, { cwd: root }).toString().trim();
  for (const c of git("rev-list", "--date-order", "--max-count=400", "HEAD").split("\n")) {
    if (!git("ls-tree", "--name-only", c, "--", "shared/sheet-hash.ts")) return c;
  }
  throw new Error("ingest-delta: no commit without shared/sheet-hash.ts in the last 400 (set BENCH_DELTA_BASELINE)");
}

/** The envelope today's worker takes (version 2: no sheet hashes, the content hash over the sheets). */
function envelopeV2(c: BenchCommune, wb: Workbook) {
  const { sheet_hashes: _, ...e } = envelope(c, wb);
  return { ...e, schema_version: 2, content_hash: contentHash(wb) };
}

const envelope = (c: BenchCommune, wb: Workbook) =>
  buildEnvelope(
    {
      commune_code: c.unit.code,
      commune_name: c.unit.name,
      spreadsheet_id: `bench-${c.unit.code}`,
      submission_id: randomUUID(),
      generated_at: new Date().toISOString(),
    },
    wb,
  );

async function post(server: WorkerServer, token: string, body: unknown): Promise<number> {
  const r = await call(server.base, "/api/submissions", { token, body: JSON.stringify(body), timeoutMs: 300_000 });
  if (r.status !== 201) throw new Error(`POST /api/submissions: ${r.status} ${r.text.slice(0, 500)}`);
  return r.ms;
}

/** The workbook with week `w`'s reports (every team's) edited. */
function oneWeekChanged(wb: Workbook, w: number): { wb: Workbook; changed: Workbook } {
  const weeks = [...new Set(wb.weekly.map((r) => r.week))].sort();
  const week = weeks[w % weeks.length];
  const next = structuredClone(wb);
  const changed = Object.fromEntries(Object.keys(wb).map((k) => [k, []])) as unknown as Workbook;
  for (const r of next.weekly) {
    if (r.week !== week) continue;
    r[COUNT] = (r[COUNT] ?? 0) + 1 + w;
    changed.weekly.push(r);
  }
  return { wb: next, changed };
}

export const deltaSection: BenchSection = {
  name: "ingest-delta",
  async run(ctx) {
    const units = benchUnits();
    const ref = baselineRef(ctx.root);
    ctx.log(`ingest-delta: this worker and today's (${ref}), ${FIRST} communes, ${WEEKS} one-week changes…`);
    const servers: WorkerServer[] = [];
    let sqlite: SqliteClient | undefined;
    try {
      servers.push(await startWorker({ startTimeoutMs: 180_000 }));
      servers.push(await startWorker({ startTimeoutMs: 180_000, ref }));
      const [now, today] = servers.map((s) => ({ s, w: new BenchWorker(s.base, s.adminSecret) }));
      for (const x of [now!, today!]) await x.w.loadUnits(units.all);
      sqlite = await SqliteClient.start(ctx.root, units.all);
      const communes = units.communes.slice(0, FIRST);
      const tokens = await Promise.all([now!, today!].map(async (x) => Promise.all(communes.map((c) => x.w.writeToken(c.unit.id)))));

      // 1. Full first submissions, in turns.
      const first = { now: [] as number[], today: [] as number[] };
      for (const [i, c] of communes.entries()) {
        const wb = benchWorkbook(c);
        first.now.push(await post(now!.s, tokens[0]![i]!, envelope(c, wb)));
        first.today.push(await post(today!.s, tokens[1]![i]!, envelopeV2(c, wb)));
      }
      const fNow = latency(first.now);
      const fToday = latency(first.today);

      // 2. One week changed, commune 1, on both workers in turns; better-sqlite3 on the same rows.
      const c = communes[0]!;
      let wb = benchWorkbook(c);
      const rows = rowCount(wb);
      const delta = { now: [] as number[], today: [] as number[] };
      let changedRows = 0;
      for (let w = 0; w < WEEKS; w++) {
        const next = oneWeekChanged(wb, w);
        wb = next.wb;
        changedRows += next.changed.weekly.length;
        delta.now.push(await post(now!.s, tokens[0]![0]!, envelope(c, wb)));
        delta.today.push(await post(today!.s, tokens[1]![0]!, envelopeV2(c, wb)));
      }
      const dNow = latency(delta.now);
      const dToday = latency(delta.today);
      // better-sqlite3, five times each (a fresh commune each time), the median.
      const spare = units.communes.slice(FIRST, FIRST + 2 * SQLITE_RUNS);
      const median = (xs: { rows: number; ms: number }[]) => xs.sort((x, y) => x.ms - y.ms)[Math.floor(xs.length / 2)]!;
      const runs: { rows: number; ms: number }[][] = [[], []];
      for (let i = 0; i < SQLITE_RUNS; i++) {
        runs[0]!.push(await sqlite.insert([{ communeId: spare[2 * i]!.unit.id, submissionId: `bench-delta-${i}`, workbook: wb }]));
        const changed = oneWeekChanged(wb, i).changed;
        runs[1]!.push(
          await sqlite.insert([{ communeId: spare[2 * i + 1]!.unit.id, submissionId: `bench-delta-rows-${i}`, workbook: changed }]),
        );
      }
      const whole = median(runs[0]!);
      const only = median(runs[1]!);
      const workerRps = rows / (dNow.p50_ms / 1000);
      const sqliteRps = whole.rows / (whole.ms / 1000);
      const changedPer = changedRows / WEEKS;
      const changedRps = changedPer / (dNow.p50_ms / 1000);
      const sqliteChangedRps = only.rows / (only.ms / 1000);

      ctx.measures.push({
        measure: "ingest_delta",
        baseline_ref: ref,
        first_submission: { communes: FIRST, rows_each: rows, this_ms: fNow, today_ms: fToday },
        one_week_changed: {
          submissions: WEEKS,
          rows_each: rows,
          changed_rows_each: changedPer,
          this_ms: dNow,
          today_ms: dToday,
          rows_per_s: Math.round(workerRps),
          changed_rows_per_s: Math.round(changedRps),
        },
        sqlite: {
          method: `better-sqlite3 (node ${sqlite.nodeVersion}), one transaction`,
          workbook_rows: whole.rows,
          workbook_ms: Number(whole.ms.toFixed(2)),
          rows_per_s: Math.round(sqliteRps),
          changed_rows: only.rows,
          changed_ms: Number(only.ms.toFixed(3)),
          changed_rows_per_s: Math.round(sqliteChangedRps),
        },
      });
      ctx.log(
        "\ningest-delta: per submission, ms p50 / p95 (POST /api/submissions, wrangler dev + local D1)\n" +
          table(
            ["submission", "this worker", "today's worker", "this / today"],
            [
              [
                `first, whole (${FIRST} communes, ${fmtInt(rows)} rows)`,
                `${fmtMs(fNow.p50_ms)} / ${fmtMs(fNow.p95_ms)}`,
                `${fmtMs(fToday.p50_ms)} / ${fmtMs(fToday.p95_ms)}`,
                `×${fmtRatio(fNow.p50_ms / fToday.p50_ms)}`,
              ],
              [
                `one week changed (${WEEKS}×, ${fmtInt(changedPer)} rows changed)`,
                `${fmtMs(dNow.p50_ms)} / ${fmtMs(dNow.p95_ms)}`,
                `${fmtMs(dToday.p50_ms)} / ${fmtMs(dToday.p95_ms)}`,
                `×${fmtRatio(dNow.p50_ms / dToday.p50_ms)}`,
              ],
            ],
          ) +
          `\n  rows committed/s (workbook rows at p50): ${fmtInt(workerRps)} vs better-sqlite3 ${fmtInt(sqliteRps)} (×${fmtRatio(workerRps / sqliteRps)})` +
          `\n  changed rows alone/s: ${fmtInt(changedRps)} vs better-sqlite3 ${fmtInt(sqliteChangedRps)} on just those rows (×${fmtRatio(changedRps / sqliteChangedRps)}; no goal: the request's fixed cost dominates)`,
      );
      goal("ingest_delta_one_week_p50", `${fmtMs(dNow.p50_ms)}ms`, "<50ms", dNow.p50_ms < 50);
      goal("ingest_delta_rows_per_s_vs_sqlite", `x${fmtRatio(workerRps / sqliteRps)}`, ">=x0.25", workerRps / sqliteRps >= 0.25);
      // "No slower than today", with a 10% allowance for the noise of two workers sharing 2 cores.
      goal("ingest_first_submission_vs_today", `x${fmtRatio(fNow.p50_ms / fToday.p50_ms)}`, "<=x1.10", fNow.p50_ms <= fToday.p50_ms * 1.1);
    } finally {
      await sqlite?.close().catch(() => undefined);
      for (const s of servers) await s.stop().catch(() => undefined);
    }
  },
};

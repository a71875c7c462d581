/**
 * Bench section `scale-rollup` (BENCH_ONLY=scale-rollup npm run bench): the national rollup (issue 10).
 * The country as it is since 1 July 2025 — 34 provinces, 3,321 communes (98 or 97 a province, no
 * districts), ≈33,000 teams (10 a commune), a year of weekly reports. Their flat summaries
 * (0030_rollup_summaries.sql: teams by founding, commune × month with a digit per team, meetings per
 * commune × month) are generated rows seeded straight into local D1 before wrangler dev starts
 * (`wrangler d1 execute --file`), NOT 3,321 HTTP submissions: ingesting them would take hours here,
 * and a rollup above communes reads only these rows.
 *
 * Measured: the national page (the console's "Tổng hợp" for the whole country: a row per province,
 * worker/src/rollup/national.ts) for the year, HTML, one request, p50 / p95 of sequential requests
 * after a warm-up, signed in as the development admin; its `Server-Timing` split (rollup = reads and
 * sums of the 34 provinces, render = the page), and one province's page of the same section beside
 * it; GET /health as the baseline. The goal holds only if the page accounts for the whole seeded
 * country: 34 rows whose communes add up to 3,321, "Cả nước" equal to the sum of the rows, and its
 * teams, households, reports received and on time equal to the seeded rows' sums.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startWorker } from "../tests/e2e/server";
import { goal } from "./goals";
import { COMMUNES, NATIONAL_YEAR, nationalUnits, PROVINCES, type SeededTotals, seedSql, TEAMS } from "./national-data";
import { consoleSession, type PageRow, rowsOf, timedPage } from "./national-page";
import type { BenchSection } from "./section";
import { fmtInt, fmtMs, table } from "./stats";
import { BenchWorker } from "./worker-bench";

const SAMPLES = Math.max(3, Number(process.env.BENCH_NATIONAL_SAMPLES ?? 7));
const YEAR = NATIONAL_YEAR;

/** Columns of the province table (worker/src/views/rollup/provinces.tsx PROVINCE_HEADS), by index. */
const COL = { communes: 0, shown: 1, teams: 2, households: 3, expected: 4, received: 5, on_time: 6, missing: 9 } as const;

/** What is wrong with the page's figures (empty: it accounts for the whole seeded country). */
export function checkNational(rows: PageRow[], total: PageRow | undefined, seeded: SeededTotals): string[] {
  const bad: string[] = [];
  if (rows.length !== PROVINCES) bad.push(`${rows.length} province rows, not ${PROVINCES}`);
  if (!total) return [...bad, "no Cả nước row"];
  for (const [name, i] of Object.entries(COL)) {
    const sum = rows.reduce((n, r) => n + r.cells[i]!, 0);
    if (sum !== total.cells[i]) bad.push(`${name}: rows add up to ${sum}, Cả nước shows ${total.cells[i]}`);
  }
  for (const k of ["communes", "teams", "households", "received", "on_time"] as const)
    if (total.cells[COL[k]] !== seeded[k]) bad.push(`${k}: Cả nước shows ${total.cells[COL[k]]}, the seeded rows add up to ${seeded[k]}`);
  if (total.cells[COL.shown] !== seeded.communes) bad.push(`communes with data: ${total.cells[COL.shown]} of ${seeded.communes}`);
  const t = total.cells;
  if (t[COL.expected]! - t[COL.received]! !== t[COL.missing]) bad.push("expected − received ≠ missing");
  return bad;
}

export const scaleRollupSection: BenchSection = {
  name: "scale-rollup",
  async run(ctx) {
    const all = nationalUnits();
    const communeIds = all.filter((u) => u.level === "commune").map((u) => u.id);
    const { sql, rows, totals } = seedSql(communeIds);
    const dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-national-"));
    const file = path.join(dir, "summaries.sql");
    writeFileSync(file, sql);
    ctx.log(
      `scale-rollup: ${PROVINCES} provinces, ${fmtInt(COMMUNES)} communes × ${TEAMS} teams, one year; ${fmtInt(rows)} summary rows (${fmtInt(sql.length / 1024)} KB of SQL) seeded directly as generated rows, not through ${fmtInt(COMMUNES)} HTTP submissions…`,
    );
    const server = await startWorker({ startTimeoutMs: 180_000, seedFiles: [file] });
    try {
      const w = new BenchWorker(server.base, server.adminSecret);
      await w.loadUnits(all);
      const cookie = await consoleSession(server.base, server.adminSecret);
      const health = await w.latency("/health", SAMPLES);
      const national = await timedPage(server.base, cookie, `/admin/tong-hop?ky=${YEAR}`, SAMPLES, 1);
      const province = await timedPage(
        server.base,
        cookie,
        `/admin/tong-hop?don-vi=${encodeURIComponent(all[0]!.id)}&ky=${YEAR}`,
        SAMPLES,
        1,
      );
      const provinceRows = rowsOf(national.html, "province");
      const total = rowsOf(national.html, "total")[0];
      const bad = checkNational(provinceRows, total, totals);
      // The province's own page: its total row is the national page's row of that province.
      const own = rowsOf(province.html, "total")[0];
      const communesOnProvince = rowsOf(province.html, "commune").length;
      if (communesOnProvince !== provinceRows[0]?.cells[COL.communes]) bad.push(`province page lists ${communesOnProvince} communes`);
      if (own && provinceRows[0] && own.cells[0] !== provinceRows[0].cells[COL.teams])
        bad.push("province page's teams differ from its row");
      const { html: _n, ...nationalMeasure } = national;
      const { html: _p, ...provinceMeasure } = province;
      ctx.measures.push({
        measure: "scale_rollup",
        method: "summaries seeded as generated rows (wrangler d1 execute), not HTTP submissions; console page, dev sign-in",
        provinces: PROVINCES,
        communes: COMMUNES,
        teams: COMMUNES * TEAMS,
        summary_rows: rows,
        seeded: totals,
        national: nationalMeasure,
        province: { ...provinceMeasure, communes: communesOnProvince },
        health,
        problems: bad,
      });
      const split = (p: typeof national) =>
        `rollup ${fmtMs(p.server.rollup ?? NaN)} ms` +
        (p.server.read !== undefined
          ? ` (units ${fmtMs(p.server.plan ?? NaN)}, reads ${fmtMs(p.server.read)}, sums ${fmtMs(p.server.sums ?? NaN)})`
          : "") +
        `, render ${fmtMs(p.server.render ?? NaN)} ms`;
      ctx.log(
        `\nscale-rollup: national page, ${PROVINCES} provinces, ${fmtInt(COMMUNES)} communes (${fmtInt(COMMUNES * TEAMS)} teams), year ${YEAR}, GET after 1 warm-up\n` +
          table(
            ["request", "p50 ms", "p95 ms", "KB", "server (median)"],
            [
              ["national page (HTML)", fmtMs(national.p50_ms), fmtMs(national.p95_ms), fmtInt(national.bytes / 1024), split(national)],
              [
                `one province's page (${communesOnProvince} communes)`,
                fmtMs(province.p50_ms),
                fmtMs(province.p95_ms),
                fmtInt(province.bytes / 1024),
                split(province),
              ],
              ["baseline GET /health", fmtMs(health.p50_ms), fmtMs(health.p95_ms), "", ""],
            ],
          ) +
          `\n  province rows: ${provinceRows.length}; communes over the rows: ${fmtInt(provinceRows.reduce((n, r) => n + r.cells[COL.communes]!, 0))}; ` +
          `Cả nước: ${fmtInt(total?.cells[COL.received] ?? NaN)} reports received of ${fmtInt(total?.cells[COL.expected] ?? NaN)} expected (seeded: ${fmtInt(totals.received)} received).` +
          (bad.length ? `\n  PROBLEMS: ${bad.join("; ")}` : "\n  checks: every figure checked adds up to the seeded rows."),
      );
      if (bad.length) ctx.notes.push(`scale-rollup: ${bad.join("; ")}`);
      goal("rollup_national_year_p50", `${fmtMs(national.p50_ms)}ms`, "<300ms", national.p50_ms < 300 && bad.length === 0);
    } finally {
      await server.stop();
    }
  },
};

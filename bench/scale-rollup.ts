/**
 * Bench section `scale-rollup` (BENCH_ONLY=scale-rollup npm run bench): a national rollup (issue 10).
 * The whole country — 3,321 communes, ≈33,000 teams (10 a commune), a year of weekly reports — as ONE
 * synthetic province over 111 districts, so its link's page is the national page. Its flat summaries
 * (0030_rollup_summaries.sql: teams by founding, commune × month with a digit per team, meetings per
 * commune × month) are generated rows seeded straight into local D1 before wrangler dev starts
 * (`wrangler d1 execute --file`), NOT 3,321 HTTP submissions: ingesting them would take hours here,
 * and a rollup above communes reads only these rows. Measured: the year's page (HTML, one request: the
 * rollup at depth "commune" and its table of 3,321 rows), p50 / p95 of sequential requests after a
 * warm-up, with GET /health as the baseline. (The link's JSON is the rollup by team, which reads the
 * teams' weeks: no generated rows stand for those here, so it is not measured.)
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startWorker } from "../tests/e2e/server";
import { goal } from "./goals";
import { COMMUNES, NATIONAL_YEAR, nationalUnits, seedSql, TEAMS } from "./national-data";
import type { BenchSection } from "./section";
import { fmtInt, fmtMs, table } from "./stats";
import { BenchWorker } from "./worker-bench";

const SAMPLES = Math.max(3, Number(process.env.BENCH_NATIONAL_SAMPLES ?? 7));
const YEAR = NATIONAL_YEAR;

export const scaleRollupSection: BenchSection = {
  name: "scale-rollup",
  async run(ctx) {
    const all = nationalUnits();
    const communeIds = all.filter((u) => u.level === "commune").map((u) => u.id);
    const { sql, rows } = seedSql(communeIds);
    const dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-national-"));
    const file = path.join(dir, "summaries.sql");
    writeFileSync(file, sql);
    ctx.log(
      `scale-rollup: ${fmtInt(COMMUNES)} communes × ${TEAMS} teams, one year; ${fmtInt(rows)} summary rows (${fmtInt(sql.length / 1024)} KB of SQL) seeded directly as generated rows, not through ${fmtInt(COMMUNES)} HTTP submissions…`,
    );
    const server = await startWorker({ startTimeoutMs: 180_000, seedFiles: [file] });
    try {
      const w = new BenchWorker(server.base, server.adminSecret);
      await w.loadUnits(all);
      const link = await w.link(all[0]!.id, "aggregate");
      const health = await w.latency("/health", SAMPLES);
      const page = `${new URL(link.url).pathname}?period=${YEAR}&mode=current`;
      const html = await w.latency(page, SAMPLES, 1);
      const body = await (await fetch(`${server.base}${page}`)).text();
      const shown = (body.match(/<tr class="commune">/g) ?? []).length;
      ctx.measures.push({
        measure: "scale_rollup",
        method: "summaries seeded as generated rows (wrangler d1 execute), not HTTP submissions",
        communes: COMMUNES,
        teams: COMMUNES * TEAMS,
        summary_rows: rows,
        html,
        health,
        communes_on_page: shown,
      });
      ctx.log(
        `\nscale-rollup: national rollup, ${fmtInt(COMMUNES)} communes (${fmtInt(COMMUNES * TEAMS)} teams), year ${YEAR}, GET after 1 warm-up\n` +
          table(
            ["request", "p50 ms", "p95 ms", "KB"],
            [
              ["page (HTML)", fmtMs(html.p50_ms), fmtMs(html.p95_ms), fmtInt(html.bytes / 1024)],
              ["baseline GET /health", fmtMs(health.p50_ms), fmtMs(health.p95_ms), ""],
            ],
          ) +
          `\n  communes on the page: ${fmtInt(shown)}; the summaries were seeded directly (generated rows), not submitted.`,
      );
      if (shown !== COMMUNES) ctx.notes.push(`scale-rollup: the page shows ${shown} communes of ${COMMUNES}.`);
      goal("rollup_national_year_p50", `${fmtMs(html.p50_ms)}ms`, "<300ms", html.p50_ms < 300 && shown === COMMUNES);
    } finally {
      await server.stop();
    }
  },
};

/**
 * Bench section `scale-rollup` (BENCH_ONLY=scale-rollup npm run bench): a national rollup (issue 10).
 * The whole country — 3,321 communes, ≈33,000 teams (10 a commune), a year of weekly reports — as ONE
 * synthetic province over 111 districts, so its link's page is the national page. Its flat summaries
 * (0030_rollup_summaries.sql: teams by founding, commune × month with a digit per team, meetings per
 * commune × month) are generated rows seeded straight into local D1 before wrangler dev starts
 * (`wrangler d1 execute --file`), NOT 3,321 HTTP submissions: ingesting them would take hours here,
 * and a rollup above communes reads only these rows. Measured: the year's page (HTML, one request) and
 * its JSON, p50 / p95 of sequential requests after a warm-up, with GET /health as the baseline.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { weeksInPeriod } from "../shared/periods";
import type { Unit } from "../shared/units";
import { WEEKLY_COUNTS } from "../shared/weekly-counts";
import { startWorker } from "../tests/e2e/server";
import { goal } from "./goals";
import type { BenchSection } from "./section";
import { fmtInt, fmtMs, table } from "./stats";
import { BenchWorker } from "./worker-bench";

const COMMUNES = Number(process.env.BENCH_NATIONAL_COMMUNES ?? 3321);
const TEAMS = 10;
const PER_DISTRICT = 30;
const YEAR = 2025;
const SAMPLES = Math.max(3, Number(process.env.BENCH_NATIONAL_SAMPLES ?? 7));
const FROM = "2020-01-01";

function units(): Unit[] {
  const base = { valid_from: FROM, valid_to: null };
  const province: Unit = {
    ...base,
    id: `P:99@${FROM}`,
    code: "99",
    level: "province",
    kind_vi: "tỉnh",
    name: "Toàn quốc (mô phỏng)",
    parent_id: null,
  };
  const out: Unit[] = [province];
  for (let i = 0; i < COMMUNES; i++) {
    const d = Math.floor(i / PER_DISTRICT);
    const dcode = String(700 + d);
    if (i % PER_DISTRICT === 0)
      out.push({
        ...base,
        id: `D:${dcode}@${FROM}`,
        code: dcode,
        level: "district",
        kind_vi: "huyện",
        name: `Huyện Mô Phỏng ${d + 1}`,
        parent_id: province.id,
      });
    const code = `9${String(i).padStart(4, "0")}`;
    out.push({
      ...base,
      id: `C:${code}@${FROM}`,
      code,
      level: "commune",
      kind_vi: "xã",
      name: `Xã Mô Phỏng ${i + 1}`,
      parent_id: `D:${dcode}@${FROM}`,
    });
  }
  return out;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The summaries of every commune for the year, as multi-row INSERTs. */
function seedSql(communeIds: string[]): { sql: string; rows: number } {
  const codes = JSON.stringify(Array.from({ length: TEAMS }, (_, t) => `T${String(t + 1).padStart(2, "0")}`));
  const cohorts: string[] = [];
  const months: string[] = [];
  const meetings: string[] = [];
  const communes: string[] = [];
  communeIds.forEach((id, i) => {
    cohorts.push(
      `(${q(id)}, '${YEAR}-01-01', '', ${TEAMS}, ${q(codes)}, '${"0".repeat(TEAMS)}', ${4 * TEAMS}, ${40 * TEAMS}, ${160 * TEAMS}, ${30 * TEAMS}, ${40 * TEAMS}, ${i % 5 === 0 ? 1 : 0})`,
    );
    for (let m = 1; m <= 12; m++) {
      const month = `${YEAR}-${String(m).padStart(2, "0")}`;
      const weeks = weeksInPeriod(month).length;
      const missed = (i + m) % 9 === 0 ? 1 : 0; // a team missing one report now and then
      const received = TEAMS * weeks - missed;
      const digits = `${String(weeks - missed)}${String(weeks).repeat(TEAMS - 1)}`;
      const sums = JSON.stringify(Object.fromEntries(WEEKLY_COUNTS.map((c, k) => [c, received * ((k % 4) + 1)])));
      months.push(`(${q(id)}, '${month}', ${received}, ${received}, ${received - ((i + m) % 3)}, 0, '${digits}', ${q(sums)})`);
    }
    for (const [m, kind] of [
      ["03", "quarterly"],
      ["06", "half_year"],
      ["09", "quarterly"],
      ["12", "yearly"],
    ] as const) {
      const held = i % 7 === 0 && m === "09" ? `${"1".repeat(TEAMS - 1)}0` : "1".repeat(TEAMS);
      meetings.push(`(${q(id)}, '${YEAR}-${m}', '${kind}', ${TEAMS}, ${4 * TEAMS}, '${held}')`);
    }
    communes.push(`(${q(id)}, '${YEAR}-12-29T05:00:00.000Z', '${YEAR}-W52')`);
  });
  const inserts = (head: string, values: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < values.length; i += 400) out.push(`${head} VALUES\n${values.slice(i, i + 400).join(",\n")};`);
    return out;
  };
  const sql = [
    ...inserts(
      "INSERT INTO agg_team_cohorts (commune_id, founded_on, dissolved_on, teams, codes, ethnic, members, households, people, zalo_households, zalo_known, outside_range)",
      cohorts,
    ),
    ...inserts(
      "INSERT INTO agg_commune_months (commune_id, month, reports, received, on_time, ethnic_reports, team_received, sums)",
      months,
    ),
    ...inserts("INSERT INTO agg_commune_meetings (commune_id, month, kind, n, members_present, team_held)", meetings),
    ...inserts("INSERT INTO agg_communes (commune_id, last_received_at, last_week)", communes),
  ].join("\n");
  return { sql, rows: cohorts.length + months.length + meetings.length + communes.length };
}

export const scaleRollupSection: BenchSection = {
  name: "scale-rollup",
  async run(ctx) {
    const all = units();
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
      const json = await w.latency(`${new URL(link.json_url).pathname}?period=${YEAR}&mode=current`, SAMPLES, 1);
      const body = await (await fetch(`${server.base}${page}`)).text();
      const shown = (body.match(/<tr class="commune">/g) ?? []).length;
      ctx.measures.push({
        measure: "scale_rollup",
        method: "summaries seeded as generated rows (wrangler d1 execute), not HTTP submissions",
        communes: COMMUNES,
        teams: COMMUNES * TEAMS,
        summary_rows: rows,
        html,
        json,
        health,
        communes_on_page: shown,
      });
      ctx.log(
        `\nscale-rollup: national rollup, ${fmtInt(COMMUNES)} communes (${fmtInt(COMMUNES * TEAMS)} teams), year ${YEAR}, GET after 1 warm-up\n` +
          table(
            ["request", "p50 ms", "p95 ms", "KB"],
            [
              ["page (HTML)", fmtMs(html.p50_ms), fmtMs(html.p95_ms), fmtInt(html.bytes / 1024)],
              ["JSON", fmtMs(json.p50_ms), fmtMs(json.p95_ms), fmtInt(json.bytes / 1024)],
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

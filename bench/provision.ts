/**
 * Bench section `provision` (tools/district, issue 12): `district provision` and `district pull`
 * against the local fake of Google's APIs (tests/district/fake-google), time per commune, the
 * requests each commune costs, and how long every commune of the country (3,321) takes within
 * Google's published quotas — computed from those request counts, not measured:
 *   Sheets API: 60 read and 60 write requests per minute per user (one service account), 300 per
 *   project (https://developers.google.com/workspace/sheets/api/limits).
 * Pull submits to the real worker (Miniflare, local D1) through the admin import.
 * Environment: BENCH_PROVISION_COMMUNES (default 100), BENCH_PULL_COMMUNES (default 30, each a
 * full commune of bench/data.ts: 30 teams, ~1,200 households, a year of weekly reports).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { SHEET_KEYS, SHEETS } from "../shared/templates";
import { sheetValues } from "../tests/addon/fixtures";
import { putValues } from "../tests/district/fake-google/values";
import { type Env, googleEnv, runCli, writeCommunesCsv } from "../tests/district/helpers";
import { ADMIN_SECRET, startTestWorker } from "../tests/district/worker";
import { benchUnits, benchWorkbook } from "./data";
import { goal } from "./goals";
import { table } from "./stats";

export const NATIONAL_COMMUNES = 3321;
export const SHEETS_QUOTA = { perUserPerMin: 60, perProjectPerMin: 300 } as const;

interface Costs {
  sheetsRead: number;
  sheetsWrite: number;
  drive: number;
}

function costs(g: Env, from: number, communes: number): Costs {
  const ok = g.fake.log.slice(from).filter((l) => l.status === 200);
  const n = (pred: (op: string) => boolean) => ok.filter((l) => pred(l.op)).length / communes;
  return {
    sheetsRead: n((op) => op === "sheets.get" || op === "sheets.values.batchGet"),
    sheetsWrite: n((op) => op === "sheets.batchUpdate"),
    drive: n((op) => op.startsWith("drive.")),
  };
}

/** Minutes for every commune of the country at the Sheets quota (reads and writes are counted apart). */
export function nationalMinutes(c: Costs, perMinute: number, communes = NATIONAL_COMMUNES): number {
  return (Math.max(c.sheetsRead, c.sheetsWrite) * communes) / perMinute;
}

/** What the section uses of bench/sections.ts' BenchContext (typed here: sections.ts imports this module). */
interface Ctx {
  log: (line: string) => void;
  measures: (Record<string, unknown> & { measure: string })[];
  notes: string[];
}

async function run(ctx: Ctx): Promise<void> {
  const nProvision = Math.max(1, Number(process.env.BENCH_PROVISION_COMMUNES ?? 100));
  const nPull = Math.max(1, Math.min(nProvision, Number(process.env.BENCH_PULL_COMMUNES ?? 30)));
  const units = benchUnits();
  const communes = units.communes.slice(0, nProvision);
  const g = await googleEnv();
  const worker = await startTestWorker(units.all);
  try {
    const env = { ...g.env, DAN_VAN_WORKER_URL: worker.url, DAN_VAN_ADMIN_SECRET: ADMIN_SECRET };
    const csv = writeCommunesCsv(g.dir, communes);

    // Provision (Drive create + Sheets get + one batchUpdate + share + worker record, per commune).
    let from = g.fake.log.length;
    let t0 = performance.now();
    const prov = await runCli(["provision", "--communes", csv, "--folder", g.folderId, "--concurrency", "4"], env);
    const provisionMs = performance.now() - t0;
    if (prov.code !== 0) throw new Error(`provision failed:\n${prov.out.join("\n")}`);
    const provision = costs(g, from, nProvision); // includes the run's one files.list
    const rerunFrom = g.fake.log.length;
    t0 = performance.now();
    await runCli(["provision", "--communes", csv, "--folder", g.folderId], env);
    const rerunMs = performance.now() - t0;
    const rerunRequests = g.fake.log.length - rerunFrom;

    // Fill the first communes with a full year of data, then pull them.
    const state = readFileSync(g.env.DISTRICT_STATE!, "utf8");
    const ids = JSON.parse(state).communes as Record<string, { spreadsheet_id: string }>;
    let rows = 0;
    for (const c of communes.slice(0, nPull)) {
      const wb = benchWorkbook(c);
      const ss = g.fake.spreadsheets.get(ids[c.unit.id]!.spreadsheet_id)!;
      for (const key of SHEET_KEYS) {
        putValues(ss, SHEETS[key].title, sheetValues(key, wb[key] as Record<string, unknown>[]));
        rows += wb[key].length;
      }
    }
    const pullCsv = writeCommunesCsv(g.dir, communes.slice(0, nPull));
    from = g.fake.log.length;
    t0 = performance.now();
    const check = await runCli(["pull", "--communes", pullCsv, "--dry-run", "--concurrency", "4"], env);
    const readCheckMs = performance.now() - t0;
    if (check.code !== 0) throw new Error(`pull --dry-run failed:\n${check.out.join("\n")}`);
    from = g.fake.log.length;
    t0 = performance.now();
    const pulled = await runCli(["pull", "--communes", pullCsv, "--via", "admin", "--concurrency", "4"], env);
    const pullMs = performance.now() - t0;
    if (pulled.code !== 0) throw new Error(`pull failed:\n${pulled.out.join("\n")}`);
    const pull = costs(g, from, nPull);

    const perUser = {
      provision: nationalMinutes(provision, SHEETS_QUOTA.perUserPerMin),
      pull: nationalMinutes(pull, SHEETS_QUOTA.perUserPerMin),
    };
    const perProject = {
      provision: nationalMinutes(provision, SHEETS_QUOTA.perProjectPerMin),
      pull: nationalMinutes(pull, SHEETS_QUOTA.perProjectPerMin),
    };
    const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
    const h = (min: number) => `${min.toFixed(0)} min (${(min / 60).toFixed(1)} h)`;
    const lines = table(
      [
        "run (fake Google, concurrency 4)",
        "communes",
        "ms / commune",
        "Sheets reads / commune",
        "Sheets writes / commune",
        "Drive / commune",
        `${NATIONAL_COMMUNES} communes, 1 account (60/min)`,
        "300/min (project)",
      ],
      [
        [
          "provision",
          String(nProvision),
          (provisionMs / nProvision).toFixed(1),
          fmt(provision.sheetsRead),
          fmt(provision.sheetsWrite),
          fmt(provision.drive),
          h(perUser.provision),
          h(perProject.provision),
        ],
        [
          "pull (read + check + submit)",
          String(nPull),
          (pullMs / nPull).toFixed(1),
          fmt(pull.sheetsRead),
          fmt(pull.sheetsWrite),
          fmt(pull.drive),
          h(perUser.pull),
          h(perProject.pull),
        ],
        ["pull --dry-run (read + check)", String(nPull), (readCheckMs / nPull).toFixed(1), "", "", "", "", ""],
      ],
    );
    ctx.log(`provision section:\n${lines}`);
    ctx.log(`second provision run: ${rerunMs.toFixed(0)} ms, ${rerunRequests} request(s) (all skipped); pulled ${rows} rows`);
    ctx.notes.push(
      `provision: ${(provisionMs / nProvision).toFixed(1)} ms/commune against the fake (${nProvision} communes); Sheets ${fmt(provision.sheetsRead)} read + ${fmt(provision.sheetsWrite)} write, Drive ${fmt(provision.drive)} per commune → ${NATIONAL_COMMUNES} communes within the quota: ${h(perUser.provision)} with one account (60 writes/min), ${h(perProject.provision)} at the project's 300/min.`,
      `pull: ${(pullMs / nPull).toFixed(1)} ms/commune (${nPull} full communes, ${rows} rows; read + check alone ${(readCheckMs / nPull).toFixed(1)} ms); Sheets ${fmt(pull.sheetsRead)} read per commune → ${NATIONAL_COMMUNES} communes: ${h(perUser.pull)} with one account, ${h(perProject.pull)} at 300/min.`,
    );
    ctx.measures.push({
      measure: "district_provision",
      communes: nProvision,
      ms_per_commune: provisionMs / nProvision,
      requests_per_commune: provision,
      rerun_ms: rerunMs,
      rerun_requests: rerunRequests,
      national_minutes: { one_account: perUser.provision, project: perProject.provision },
    });
    ctx.measures.push({
      measure: "district_pull",
      communes: nPull,
      rows,
      ms_per_commune: pullMs / nPull,
      read_check_ms_per_commune: readCheckMs / nPull,
      requests_per_commune: pull,
      national_minutes: { one_account: perUser.pull, project: perProject.pull },
    });
    // The shape of the work: one batchUpdate per spreadsheet, one batchGet per pull.
    goal("provision_sheets_writes_per_commune", fmt(provision.sheetsWrite), "<=1", provision.sheetsWrite <= 1);
    goal("pull_sheets_reads_per_commune", fmt(pull.sheetsRead), "<=1", pull.sheetsRead <= 1);
  } finally {
    await worker.close();
    await g.close();
  }
}

export const provisionSection = { name: "provision", run };

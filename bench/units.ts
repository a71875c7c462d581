/**
 * Bench section `units` (BENCH_ONLY=units npm run bench): does a link's rollup stay as fast when the
 * whole country's units are loaded? Three workers (wrangler dev, local D1), each with the pilot's units
 * and data: "pilot" has nothing more, "province" also the whole history of the pilot's province (Bắc
 * Giang, the old Bắc Ninh, the new Bắc Ninh: ≈580 units), "country" all of shared/data/vn/units.json
 * (≈15,600 units, ≈10,600 communes of 2021), each through `POST /api/admin/units`. The pilot's links
 * are timed on all three, request by request in turn, so baselines and measure share the run and the
 * machine's load. Goal: with the country loaded, a ward's and the district's link as fast as with the
 * pilot alone, and the province's link as fast as with its own history alone (its own units are ≈30
 * times the pilot's, and it must read them; it must not read the other provinces'). Also the time of
 * the national load, and of loading it again (nothing changes).
 */

import { nationalUnitsText, sendUnits } from "../scripts/units/send";
import { PILOT, UNITS } from "../shared/data/units";
import { buildEnvelope } from "../shared/envelope";
import { PILOT_TODAY, pilotWorkbooks } from "../shared/sample/pilot";
import type { Unit } from "../shared/units";
import { call, startWorker } from "../tests/e2e/server";
import { goal } from "./goals";
import type { BenchSection } from "./section";
import { fmtMs, fmtRatio, latency, table } from "./stats";
import { BenchWorker } from "./worker-bench";

/** The target: a link's p50 with the country loaded at most this many times its p50 with the pilot alone. */
const MAX_GROWTH = 1.5;

const LINKS = [
  { name: "ward (Phường Chũ)", unit: PILOT.chu, scope: "aggregate" as const },
  { name: "district (Huyện Lục Ngạn)", unit: PILOT.lucNgan, scope: "aggregate" as const },
  { name: "province (Tỉnh Bắc Ninh)", unit: PILOT.bacNinh, scope: "aggregate" as const },
];
const QUERY = "?period=2022&mode=current";

/** A worker with the pilot's units and data; its links' JSON paths. */
async function pilotWorker() {
  const server = await startWorker({ startTimeoutMs: 180_000 });
  try {
    const w = new BenchWorker(server.base, server.adminSecret);
    const loaded = await sendUnits(server.base, server.adminSecret, UNITS);
    if (loaded.error) throw new Error(`pilot units: ${loaded.status} ${loaded.error.messages.join("; ")}`);
    for (const c of pilotWorkbooks()) {
      const at = `${PILOT_TODAY}T12:00:00.000Z`;
      const envelope = buildEnvelope(
        {
          commune_code: c.commune_code,
          commune_name: c.commune_name,
          spreadsheet_id: `bench-${c.commune_code}`,
          submission_id: crypto.randomUUID(),
          generated_at: at,
        },
        c.workbook,
      );
      const r = await call(server.base, "/api/admin/import", {
        token: server.adminSecret,
        body: { commune_id: c.unit_id, received_at: at, envelope },
      });
      if (r.status !== 201) throw new Error(`import ${c.commune_name}: ${r.status} ${r.text.slice(0, 300)}`);
    }
    const paths: string[] = [];
    for (const l of LINKS) paths.push(`${new URL((await w.link(l.unit, l.scope)).json_url).pathname}${QUERY}`);
    return { server, paths };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** One timed GET; throws unless 200. */
async function timed(base: string, path: string): Promise<{ ms: number; bytes: number }> {
  const r = await call(base, path, { timeoutMs: 60_000 });
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return { ms: r.ms, bytes: Buffer.byteLength(r.text) };
}

/** The units of the pilot's province before and after the reform (Bắc Giang, the old Bắc Ninh, the new Bắc Ninh), all their history. */
function provinceUnits(all: Unit[]): Unit[] {
  const byId = new Map(all.map((u) => [u.id, u]));
  const top = (u: Unit): string => (u.parent_id && byId.has(u.parent_id) ? top(byId.get(u.parent_id)!) : u.id);
  const roots = new Set<string>([PILOT.bacGiang, PILOT.bacNinhOld, PILOT.bacNinh]);
  return all.filter((u) => roots.has(top(u)));
}

export const unitsSection: BenchSection = {
  name: "units",
  async run(ctx) {
    const samples = Math.max(3, Number(process.env.BENCH_SAMPLES ?? 20));
    const text = nationalUnitsText(ctx.root);
    const national = JSON.parse(text) as Unit[];
    const province = provinceUnits(national);
    ctx.log("units: three workers (wrangler dev, throwaway state), each with the pilot's units and data…");
    const workers: { name: string; units: number; server: Awaited<ReturnType<typeof pilotWorker>>["server"]; paths: string[] }[] = [];
    try {
      for (const [name, extra] of [
        ["pilot", null],
        ["province", province],
        ["country", text],
      ] as const) {
        const wk = await pilotWorker();
        workers.push({ name, units: UNITS.length, ...wk });
        if (!extra) continue;
        const first = await sendUnits(wk.server.base, wk.server.adminSecret, extra);
        if (first.error) throw new Error(`${name} units: ${first.status} ${first.error.messages.join("; ")}`);
        workers[workers.length - 1]!.units = UNITS.length + (first.changed ?? 0);
        if (name !== "country") continue;
        const again = await sendUnits(wk.server.base, wk.server.adminSecret, extra);
        ctx.log(
          `units: ${national.length} units loaded in ${Math.round(first.ms)} ms (again: ${Math.round(again.ms)} ms, ${again.changed} changed)`,
        );
        ctx.measures.push({
          measure: "units_load",
          units: national.length,
          bytes: first.bytes,
          first_ms: Math.round(first.ms),
          first_changed: first.changed,
          again_ms: Math.round(again.ms),
          again_changed: again.changed,
        });
      }

      // Warm all up, then take turns request by request, so all see the same machine load.
      for (const wk of workers) for (const p of wk.paths) for (let i = 0; i < 5; i++) await timed(wk.server.base, p);
      const ms = LINKS.map(() => workers.map(() => [] as number[]));
      const bytes = LINKS.map(() => workers.map(() => 0));
      for (let i = 0; i < samples; i++) {
        for (let li = 0; li < LINKS.length; li++) {
          for (let wi = 0; wi < workers.length; wi++) {
            const t = await timed(workers[wi]!.server.base, workers[wi]!.paths[li]!);
            ms[li]![wi]!.push(t.ms);
            bytes[li]![wi] = t.bytes;
          }
        }
      }
      const [pilot, prov, country] = [0, 1, 2];
      const rows = LINKS.map((l, li) => {
        const lat = workers.map((_, wi) => latency(ms[li]![wi]!));
        // A ward's or district's rollup against the pilot's units alone; the province's against its own history.
        const base = l.unit === PILOT.bacNinh ? prov : pilot;
        const growth = lat[country]!.p50_ms / lat[base]!.p50_ms;
        ctx.measures.push({
          measure: "units_link_latency",
          link: l.name,
          query: QUERY,
          ...Object.fromEntries(workers.map((wk, wi) => [`with_${wk.name}_units`, { units: wk.units, ...lat[wi]! }])),
          baseline: workers[base]!.name,
          p50_growth: Number(growth.toFixed(2)),
          same_json_bytes: new Set(bytes[li]).size === 1,
        });
        return { name: l.name, lat, base, growth };
      });
      const worst = Math.max(...rows.map((r) => r.growth));
      goal("units_link_p50_growth", `x${fmtRatio(worst)}`, `<=x${MAX_GROWTH}`, worst <= MAX_GROWTH);
      ctx.log(
        `\nunits: rollup JSON p50 / p95 (ms), ${QUERY}, ${samples} samples each, taking turns; units loaded: ${workers
          .map((wk) => `${wk.name} ${wk.units}`)
          .join(", ")}\n${table(
          ["link", ...workers.map((wk) => wk.name), "growth (country / baseline)"],
          rows.map((r) => [
            r.name,
            ...r.lat.map((x) => `${fmtMs(x.p50_ms)} / ${fmtMs(x.p95_ms)}`),
            `×${fmtRatio(r.growth)} vs ${workers[r.base]!.name}`,
          ]),
        )}`,
      );
      if (bytes.some((b) => new Set(b).size > 1)) ctx.notes.push("units: a link's rollup JSON differs in size between the workers.");
    } finally {
      for (const wk of workers) await wk.server.stop();
    }
  },
};

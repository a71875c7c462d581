/**
 * A real partial merge of the 1 July 2025 conversion table, rolled up by village: Phường Cống Vị
 * (00007, Quận Ba Đình, Hà Nội) went in part to Phường Ngọc Hà (00008) and in part to Phường Giảng Võ
 * (00025) ("Nhập một phần", conversion-2025-07-01.csv lines 15 and 22); Phường Vĩnh Phúc (00006) went
 * whole into Ngọc Hà (line 14). The units are the national history's own (shared/data/vn/units.json).
 * In "current" mode each village's data goes under the successor it was mapped to ("Chuyển đổi thôn"),
 * an unmapped village under "Chưa xác định đơn vị mới", and for any period the sum over current units
 * equals the sum over as-was units, on a district and a province link.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import VN from "../../shared/data/vn/units.json";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { rollup } from "../../worker/src/rollup/rollup";
import type { CommuneNode, Figures, Rollup, RollupMode } from "../../worker/src/rollup/types";
import { adminPost, call, db, envelope } from "./helpers";

const U = {
  haNoi: "P:01@2021-02-03",
  baDinh: "D:001@2021-02-03",
  vinhPhuc: "C:00006@2021-02-03",
  congVi: "C:00007@2021-02-03",
  ngocHa: "C:00008@2025-07-01",
  giangVo: "C:00025@2025-07-01",
} as const;
const UNITS = (VN as Unit[]).filter((u) => (Object.values(U) as string[]).includes(u.id));

const spec = (seed: number, code: string, name: string, villages: [string, string][]) =>
  generateCommune({
    seed,
    commune_code: code,
    commune_name: name,
    villages: villages.map(([village_code, village_name]) => ({ village_code, village_name, ethnic_identity: false, teams: 2 })),
    founded_on: "2021-10-15",
    until: "2022-10-31",
  });
const congVi = spec(7, "00007", "Phường Cống Vị", [
  ["TDP1", "Tổ dân phố số 1"],
  ["TDP2", "Tổ dân phố số 2"],
  ["TDP3", "Tổ dân phố số 3"],
]);
const vinhPhuc = spec(6, "00006", "Phường Vĩnh Phúc", [["VP1", "Tổ dân phố Vĩnh Phúc 1"]]);

async function load(unitId: string, code: string, name: string, wb: Workbook) {
  const env = envelope({ commune_code: code, commune_name: name }, wb);
  const res = await adminPost("/import", { commune_id: unitId, received_at: "2022-11-01T10:00:00+07:00", envelope: env });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The whole mapping of Cống Vị's villages, through the admin API (null: not known yet). */
async function mapVillages(moves: Record<string, string | null>) {
  const villages = Object.entries(moves).map(([village_code, successor]) => ({ village_code, successor }));
  const res = await adminPost("/village-successors", { commune_id: U.congVi, villages });
  expect(res.status, await res.clone().text()).toBe(200);
}

const linkOf = async (unit: string, scope: "aggregate" | "detail") =>
  ((await (await adminPost("/links", { unit_id: unit, scope })).json()) as { token: string }).token;

/** Additive figures as flat `path → number` (rates are ratios, not summed). */
function additive(f: Figures): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (o: unknown, path: string) => {
    if (typeof o === "number") {
      if (!/(_rate|_pct)$/.test(path)) out.set(path, o);
    } else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k);
  };
  walk({ register: f.register, reporting: f.reporting, propaganda: f.propaganda, tasks: f.tasks, changes: f.changes }, "");
  return out;
}

/** The sum over a rollup's communes (its breakdown rows), computed here, not taken from `totals`. */
function sumOverUnits(nodes: readonly CommuneNode[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const n of nodes) for (const [k, v] of additive(n)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

/** A new seed each run (printed); FUZZ_SEED=<seed> replays one, as for tests/worker/fuzz-submissions.test.ts. */
const SEED = /^-?\d+$/.test((env.FUZZ_SEED ?? "").trim()) ? Number(env.FUZZ_SEED) : (Math.random() * 2 ** 31) | 0;
console.log(`partial-merge: seed ${SEED}; replay: FUZZ_SEED=${SEED} npx vitest run tests/worker/partial-merge.test.ts`);

const TODAY = "2026-12-01";
const run = (unitId: string, period: string, mode: RollupMode, extra: { depth?: "team" | "commune"; commune?: string } = {}) =>
  rollup(db(), { unitId, period, mode, scope: "aggregate", today: TODAY, now: `${TODAY}T00:00:00.000Z`, ...extra });

const teamsOf = (wb: Workbook, village: string) => wb.teams.filter((t) => t.village_code === village).map((t) => String(t.team_code));
const villagesIn = (r: Rollup, group: string) =>
  r.communes
    .find((c) => c.unit.id === group)
    ?.villages.map((v) => v.village_code)
    .sort();

let province: string;
let district: string;
beforeAll(async () => {
  const res = await adminPost("/units", { units: UNITS });
  expect(res.status, await res.clone().text()).toBe(200);
  await load(U.congVi, "00007", "Phường Cống Vị", congVi);
  await load(U.vinhPhuc, "00006", "Phường Vĩnh Phúc", vinhPhuc);
  province = await linkOf(U.haNoi, "aggregate");
  district = await linkOf(U.baDinh, "aggregate");
});

describe("Phường Cống Vị, split between Phường Ngọc Hà and Phường Giảng Võ, rolls up by village", () => {
  it("takes its units from the national history: two partial successors, one whole merge beside it", () => {
    const congViUnit = UNITS.find((u) => u.id === U.congVi)!;
    expect(congViUnit.name).toBe("Phường Cống Vị");
    expect(congViUnit.partial_successor_ids?.sort()).toEqual([U.ngocHa, U.giangVo].sort());
    expect(UNITS.find((u) => u.id === U.vinhPhuc)!.successor_ids).toEqual([U.ngocHa]);
  });

  it("while no village is mapped, all of Cống Vị shows as not determined, never under a successor", async () => {
    await mapVillages({});
    const r = (await (await call(`/r/${district}.json?period=2022-Q1&mode=current`)).json()) as Rollup;
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Phường Ngọc Hà", "Chưa xác định đơn vị mới"]);
    const undetermined = r.communes.find((c) => c.undetermined)!;
    expect(undetermined.unit.id).toBe("chua-xac-dinh");
    expect(undetermined.sources.map((s) => s.id)).toEqual([U.congVi]);
    expect(villagesIn(r, "chua-xac-dinh")).toEqual(["TDP1", "TDP2", "TDP3"]);
    expect(r.communes.find((c) => c.unit.id === U.ngocHa)!.sources.map((s) => s.id)).toEqual([U.vinhPhuc]);
  });

  it("puts each mapped village under its successor and the unmapped one under «Chưa xác định đơn vị mới»: JSON, CSV, page", async () => {
    await mapVillages({ TDP1: U.ngocHa, TDP2: "00025", TDP3: null });
    const q = "period=2022-Q1&mode=current";
    const r = (await (await call(`/r/${district}.json?${q}`)).json()) as Rollup;
    expect(r.communes.map((c) => c.unit.label_vi)).toEqual(["Phường Giảng Võ", "Phường Ngọc Hà", "Chưa xác định đơn vị mới"]);
    expect(villagesIn(r, U.ngocHa)).toEqual(["TDP1", "VP1"]);
    expect(villagesIn(r, U.giangVo)).toEqual(["TDP2"]);
    expect(villagesIn(r, "chua-xac-dinh")).toEqual(["TDP3"]);
    // The province link (Hà Nội, which continues after the reform) groups them the same way.
    const p = (await (await call(`/r/${province}.json?${q}`)).json()) as Rollup;
    expect(p.communes.map((c) => [c.unit.label_vi, c.villages.map((v) => v.village_code).sort()])).toEqual(
      r.communes.map((c) => [c.unit.label_vi, c.villages.map((v) => v.village_code).sort()]),
    );
    const households = (c: CommuneNode | undefined) => c?.register.households;
    const inWorkbook = (wb: Workbook, villages: string[]) =>
      wb.households.filter((h) => villages.some((v) => teamsOf(wb, v).includes(String(h.team_code)))).length;
    expect(households(r.communes.find((c) => c.unit.id === U.giangVo))).toBe(inWorkbook(congVi, ["TDP2"]));
    expect(households(r.communes.find((c) => c.undetermined))).toBe(inWorkbook(congVi, ["TDP3"]));
    expect(households(r.communes.find((c) => c.unit.id === U.ngocHa))).toBe(inWorkbook(congVi, ["TDP1"]) + vinhPhuc.households.length);

    const csv = await (await call(`/r/${district}.csv?${q}`)).text();
    const rows = csv.split("\r\n").filter((l) => l.includes('"TDP3-T'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('"Chưa xác định đơn vị mới (Phường Cống Vị)"');
    expect(
      csv
        .split("\r\n")
        .filter((l) => l.includes('"TDP2-T'))
        .every((l) => l.includes('"Phường Giảng Võ"')),
    ).toBe(true);

    const page = await (await call(`/r/${district}?${q}`)).text();
    expect(page).toContain("Chưa xác định đơn vị mới");
    expect(page).toContain("chưa được xác định chuyển về đơn vị mới nào");
    const drill = await call(`/r/${district}?${q}&commune=chua-xac-dinh`);
    expect(drill.status).toBe(200);
    expect(await drill.text()).toContain("TDP3-T1");
  });

  it("on Cống Vị's own link in current mode, its villages show where they went, and nothing is lost", async () => {
    await mapVillages({ TDP1: U.ngocHa, TDP2: U.giangVo, TDP3: null });
    const own = await linkOf(U.congVi, "detail");
    const json = async (mode: RollupMode) => (await (await call(`/r/${own}.json?period=2022&mode=${mode}`)).json()) as Rollup;
    const [current, asWas] = await Promise.all([json("current"), json("as_was")]);
    expect(current.communes.map((c) => [c.unit.label_vi, c.villages.map((v) => v.village_code)])).toEqual([
      ["Phường Giảng Võ", ["TDP2"]],
      ["Phường Ngọc Hà", ["TDP1"]],
      ["Chưa xác định đơn vị mới", ["TDP3"]],
    ]);
    expect(asWas.communes.map((c) => c.unit.id)).toEqual([U.congVi]);
    expect(sumOverUnits(current.communes)).toEqual(sumOverUnits(asWas.communes));
  });

  it("conserves figures: for any period and mapping, the sum over current units equals the sum over as-was units (district and province)", async () => {
    const periods = ["2021-W45", "2022-01", "2022-Q2", "2022-H1", "2022", "P1", "2022-W40", "2025"];
    const choice = fc.constantFrom<string | null>(U.ngocHa, U.giangVo, null);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ TDP1: choice, TDP2: choice, TDP3: choice }),
        fc.constantFrom(...periods),
        fc.constantFrom<string>(U.baDinh, U.haNoi),
        fc.constantFrom<"team" | "commune">("team", "commune"),
        async (moves, period, unit, depth) => {
          await mapVillages(moves);
          const [asWas, current] = await Promise.all([run(unit, period, "as_was", { depth }), run(unit, period, "current", { depth })]);
          expect(sumOverUnits(current.communes)).toEqual(sumOverUnits(asWas.communes));
          expect(sumOverUnits(current.communes)).toEqual(Object.fromEntries(additive(current.totals)));
          for (const k of ["adhoc", "meetings", "evaluations", "milestones"] as const) {
            const strip = (x: Rollup[typeof k]) =>
              JSON.stringify({
                ...x,
                open: undefined,
                open_by_commune: undefined,
                commendations_by_commune: undefined,
                by_commune: undefined,
              });
            expect(strip(current[k]), k).toEqual(strip(asWas[k]));
          }
          // Meetings per commune: regrouped, but every meeting, owed quarter and skipped one counted once.
          const perCommune = (r: Rollup) =>
            r.meetings.by_commune.reduce(
              (a, c) => ({ total: a.total + c.total, owed: a.owed + c.owed, skipped: a.skipped + c.skipped.length }),
              { total: 0, owed: 0, skipped: 0 },
            );
          expect(perCommune(current)).toEqual(perCommune(asWas));
          // Unknown villages show as not determined, and only they do.
          const unknown = Object.entries(moves)
            .filter(([, to]) => to === null)
            .map(([v]) => v);
          const und = current.communes.find((c) => c.undetermined);
          if (depth === "team") expect(und?.villages.map((v) => v.village_code).sort() ?? []).toEqual(unknown.sort());
          // A drill-down into each group holds exactly that group's figures.
          if (depth === "commune" && period === "2022-Q2") {
            for (const node of current.communes) {
              const d = await run(unit, period, "current", { commune: node.unit.id });
              expect(sumOverUnits(d.communes), node.unit.label_vi).toEqual(sumOverUnits([node]));
            }
          }
        },
      ),
      { numRuns: 24, seed: SEED },
    );
    // 24 runs of two rollups each: ~2 s alone, more on a shared machine.
  }, 60_000);
});

describe("a successor's own (commune) link shows exactly the villages mapped to it (issue 16 point 5)", () => {
  const PERIOD = "2022";
  const inYear = (d: string) => d.startsWith(PERIOD);
  /** The rows of `wb` in `villages`, and strings that only those villages hold (names other villages also have left out). */
  const only = (wb: Workbook, villages: string[]) => {
    const teams = new Set(villages.flatMap((v) => teamsOf(wb, v)));
    const mine = (t: unknown) => teams.has(String(t));
    const names = (pick: (t: unknown) => boolean) => [
      ...wb.households.filter((h) => pick(h.team_code)).map((h) => String(h.head_name)),
      ...wb.members.filter((m) => pick(m.team_code)).map((m) => String(m.full_name)),
    ];
    // Random names may repeat across villages or communes: only names no one else has are looked for.
    const theirs = new Set([
      ...names((t) => !mine(t)),
      ...(wb === vinhPhuc
        ? []
        : [
            ...vinhPhuc.households.map((h) => String(h.head_name)),
            ...vinhPhuc.members.map((m) => String(m.full_name)),
            ...vinhPhuc.steering.map((m) => String(m.full_name)),
          ]),
    ]);
    return {
      teams,
      adhoc: wb.adhoc.filter((a) => mine(a.team_code) && inYear(String(a.report_date))).length,
      meetings: wb.meetings.filter((m) => mine(m.team_code) && inYear(String(m.meeting_date))).length,
      households: wb.households.filter((h) => mine(h.team_code)).length,
      names: names(mine).filter((n) => !theirs.has(n)),
      villageNames: wb.villages.filter((v) => villages.includes(String(v.village_code))).map((v) => String(v.village_name)),
    };
  };
  /** All of a commune: its villages' rows, and its Ban Chỉ đạo (the commune's as a whole). */
  const allOf = (wb: Workbook) => {
    const all = only(
      wb,
      wb.villages.map((v) => String(v.village_code)),
    );
    const elsewhere = new Set(
      wb === vinhPhuc
        ? []
        : [...vinhPhuc.households.map((h) => h.head_name), ...vinhPhuc.members, ...vinhPhuc.steering].map((x) =>
            String(typeof x === "string" ? x : x.full_name),
          ),
    );
    const steering = wb.steering.map((m) => String(m.full_name)).filter((n) => !elsewhere.has(n));
    return { ...all, names: [...new Set([...all.names, ...steering])] };
  };

  async function pages(link: string) {
    const q = `period=${PERIOD}&mode=current`;
    const paths = [`/r/${link}?${q}`, `/r/${link}.json?${q}`, `/r/${link}.csv?${q}`, `/r/${link}/mau-01`, `/r/${link}/mau-02`];
    const bodies = await Promise.all(
      paths.map(async (p) => {
        const res = await call(p);
        expect(res.status, p).toBe(200);
        return [p, await res.text()] as const;
      }),
    );
    return { bodies, json: JSON.parse(bodies[1]![1]) as Rollup, mau01: bodies[3]![1], mau02: bodies[4]![1] };
  }

  it.each([
    ["Phường Ngọc Hà", U.ngocHa, ["TDP1"], ["TDP2", "TDP3"], true],
    ["Phường Giảng Võ", U.giangVo, ["TDP2"], ["TDP1", "TDP3"], false],
  ] as const)(
    "%s: its villages, teams, households, members and logs, and none of the others'",
    async (_name, unit, mine, others, withVinhPhuc) => {
      await mapVillages({ TDP1: U.ngocHa, TDP2: U.giangVo, TDP3: null });
      const link = await linkOf(unit, "detail");
      const { bodies, json, mau01, mau02 } = await pages(link);
      const own = only(congVi, [...mine]);
      const vp = withVinhPhuc ? allOf(vinhPhuc) : { adhoc: 0, meetings: 0, households: 0, teams: new Set<string>() };
      expect(json.communes.flatMap((c) => c.villages.map((v) => v.village_code)).sort()).toEqual(
        [...mine, ...(withVinhPhuc ? ["VP1"] : [])].sort(),
      );
      expect(json.communes.some((c) => c.undetermined)).toBe(false);
      expect(json.totals.register.households).toBe(own.households + vp.households);
      expect(json.adhoc.total).toBe(own.adhoc + vp.adhoc);
      expect(json.meetings.total).toBe(own.meetings + vp.meetings);
      // Cống Vị's plan milestones belong to no village: not on a successor's link.
      expect(json.milestones.done + json.milestones.overdue + json.milestones.pending).toBe(
        withVinhPhuc ? vinhPhuc.milestones.filter((m) => inYear(String(m.due_on))).length : 0,
      );
      for (const n of json.notes ?? []) expect([...own.teams, ...vp.teams]).toContain(n.team_code);
      for (const o of json.adhoc.open) expect([...own.teams, ...vp.teams]).toContain(o.team_code);
      // The CSV has one row per team of its villages.
      const csvTeams = bodies[2]![1]
        .split("\r\n")
        .slice(1, -1)
        .map((l) => l.split(",")[5]!.replace(/"/g, ""));
      expect(csvTeams.sort()).toEqual([...own.teams, ...vp.teams].sort());
      // mẫu 01 / mẫu 02: the mapped villages' members and households; nothing of the others, on any page.
      for (const n of own.names.slice(0, 20)) expect(`${mau01}${mau02}`, n).toContain(n);
      const theirs = only(congVi, [...others]);
      for (const [p, body] of bodies) {
        for (const s of [...theirs.names, ...theirs.villageNames]) expect(body, `${p}: ${s}`).not.toContain(s);
      }
      expect(mau01).toContain(own.villageNames[0]);
    },
  );

  it("shows none of Cống Vị while its mapping is unknown, and follows a change of the mapping", async () => {
    await mapVillages({});
    const ngocHa = await linkOf(U.ngocHa, "detail");
    const giangVo = await linkOf(U.giangVo, "detail");
    const cv = allOf(congVi);
    for (const link of [ngocHa, giangVo]) {
      const { bodies, json } = await pages(link);
      expect(json.communes.flatMap((c) => c.sources.map((s) => s.id))).not.toContain(U.congVi);
      for (const [p, body] of bodies) for (const s of [...cv.names, ...cv.villageNames]) expect(body, `${p}: ${s}`).not.toContain(s);
    }
    await mapVillages({ TDP3: U.giangVo });
    const { json, mau02 } = await pages(giangVo);
    expect(json.communes.flatMap((c) => c.villages.map((v) => v.village_code))).toEqual(["TDP3"]);
    expect(mau02).toContain(only(congVi, ["TDP3"]).names[0]);
    // Cống Vị's Ban Chỉ đạo is the old commune's as a whole: not on the page of the successor that took TDP3.
    const page = await (await call(`/r/${giangVo}?period=${PERIOD}&mode=current`)).text();
    const steering = congVi.steering.map((m) => String(m.full_name)).filter((n) => allOf(congVi).names.includes(n));
    expect(steering.length).toBeGreaterThan(0);
    for (const n of steering) expect(page, n).not.toContain(n);
  });
});

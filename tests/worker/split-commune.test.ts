/**
 * A commune split between two successors (a partial merge of the 2025 reform): which of its villages
 * went where is not known yet (UnitTree.villagesMappedTo), so neither successor's own link — pages,
 * JSON, CSV, mẫu 01 / mẫu 02 — shows any of its villages, teams, members or households. A commune
 * merged whole still shows under its one successor.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { buildEnvelope } from "../../shared/envelope";
import { generateCommune } from "../../shared/sample/generate";
import type { Unit } from "../../shared/units";
import type { Rollup } from "../../worker/src/rollup/types";
import { adminPost, call, seed } from "./helpers";

const REFORM = "2025-07-01";
const commune = (id: string, code: string, name: string, parent: string, from: string, to: string | null, successors: string[]): Unit => ({
  id,
  code,
  level: "commune",
  kind_vi: "xã",
  name,
  parent_id: parent,
  valid_from: from,
  valid_to: to,
  successor_ids: successors,
});
// Invented communes: codes 999xx are above every GSO commune code (shared/data/vn/units.json ends at 32248).
const U = { split: "C:99901@2021-02-03", whole: "C:99902@2021-02-03", east: "C:99911@2025-07-01", west: "C:99912@2025-07-01" };
const UNITS: Unit[] = [
  commune(U.split, "99901", "Xã Tách Đôi", PILOT.lucNgan, "2021-02-03", REFORM, [U.east, U.west]),
  commune(U.whole, "99902", "Xã Nhập Hết", PILOT.lucNgan, "2021-02-03", REFORM, [U.east]),
  commune(U.east, "99911", "Phường Đông", PILOT.bacNinh, REFORM, null, []),
  commune(U.west, "99912", "Xã Tây", PILOT.bacNinh, REFORM, null, []),
];

const workbook = (code: string, name: string, village: string, seed: number) =>
  generateCommune({
    seed,
    commune_code: code,
    commune_name: name,
    villages: [{ village_code: village, village_name: `Thôn ${village}`, ethnic_identity: false, teams: 2 }],
    founded_on: "2021-10-15",
    until: "2022-06-30",
  });
const split = workbook("99901", "Xã Tách Đôi", "TD", 1);
const whole = workbook("99902", "Xã Nhập Hết", "NH", 2);

async function load(unitId: string, code: string, name: string, wb: ReturnType<typeof workbook>) {
  const envelope = buildEnvelope(
    {
      commune_code: code,
      commune_name: name,
      spreadsheet_id: `s-${code}`,
      submission_id: crypto.randomUUID(),
      generated_at: "2022-07-01T00:00:00Z",
    },
    wb,
  );
  const res = await adminPost("/import", { commune_id: unitId, received_at: "2022-07-01T10:00:00+07:00", envelope });
  expect(res.status, await res.clone().text()).toBe(201);
}

const linkOf = async (unit: string) =>
  ((await (await adminPost("/links", { unit_id: unit, scope: "detail" })).json()) as { token: string }).token;

let east: string;
let west: string;
beforeAll(async () => {
  await seed();
  expect((await adminPost("/units", { units: UNITS })).status).toBe(200);
  await load(U.split, "99901", "Xã Tách Đôi", split);
  await load(U.whole, "99902", "Xã Nhập Hết", whole);
  east = await linkOf(U.east);
  west = await linkOf(U.west);
});

/** Strings of the split commune's register that must not appear on a successor's link (names the other commune also has left out). */
const splitStrings = () => {
  const other = new Set([...whole.households.map((h) => h.head_name), ...whole.members.map((m) => m.full_name)]);
  return [...split.households.slice(0, 20).map((h) => h.head_name), ...split.members.map((m) => m.full_name)]
    .filter((n) => !other.has(n))
    .concat(["Thôn TD", "TD-T1"]);
};

describe("a successor's own link after a split", () => {
  it.each(["east", "west"] as const)("the %s successor shows none of the split commune's register, on any page", async (which) => {
    const link = which === "east" ? east : west;
    const q = "period=2022-Q1&mode=current";
    const bodies = await Promise.all(
      [`/r/${link}?${q}`, `/r/${link}.json?${q}`, `/r/${link}.csv?${q}`, `/r/${link}/mau-01`, `/r/${link}/mau-02`].map(async (p) => {
        const res = await call(p);
        expect(res.status, p).toBe(200);
        return [p, await res.text()] as const;
      }),
    );
    for (const [p, body] of bodies) for (const s of splitStrings()) expect(body, `${p}: ${s}`).not.toContain(s);
    const r = JSON.parse(bodies[1]![1]) as Rollup;
    expect(r.communes.flatMap((c) => c.sources.map((s) => s.id))).not.toContain(U.split);
  });

  it("a commune merged whole still shows under its one successor", async () => {
    const r = (await (await call(`/r/${east}.json?period=2022-Q1&mode=current`)).json()) as Rollup;
    expect(r.communes.flatMap((c) => c.sources.map((s) => s.id))).toEqual([U.whole]);
    expect(r.totals.register.households).toBe(whole.households.length);
    expect(await (await call(`/r/${east}/mau-02`)).text()).toContain(whole.households[0]!.head_name);
    expect(await (await call(`/r/${east}/mau-01`)).text()).toContain("Thôn NH");
  });

  it("the split commune's own link still shows its register", async () => {
    const own = await linkOf(U.split);
    const mau02 = await (await call(`/r/${own}/mau-02`)).text();
    expect(mau02).toContain(split.households[0]!.head_name);
  });
});

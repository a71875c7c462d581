/**
 * Bench data: synthetic units (one province, its districts, 100 communes) and one seeded commune
 * workbook per commune from shared/sample/generate.ts — 30 teams of 3–5 members, 30–50 households a
 * team (≈1,200 a commune), every weekly report of one year (52 weeks), changes, ad-hoc reports,
 * meetings and evaluations.
 *
 * Sizes grow by adding communes: "commune" is the first commune, "district" the first district's
 * 30 communes, "province" all 100 (≈120,000 households, ≈156,000 weekly reports).
 */

import { generateCommune } from "../shared/sample/generate";
import type { Workbook } from "../shared/schemas";
import type { Unit } from "../shared/units";

export const SIZES = {
  commune: { communes: 1, label: "commune (1 xã)" },
  district: { communes: 30, label: "district (30 xã)" },
  province: { communes: 100, label: "province (100 xã)" },
} as const;
export type SizeName = keyof typeof SIZES;

/** The year of data; rollups ask for a quarter of it and for all of it. */
export const YEAR = 2025;
export const PERIODS = { quarter: `${YEAR}-Q2`, year: String(YEAR) } as const;
export const TEAMS_PER_COMMUNE = 30;
const VILLAGES_PER_COMMUNE = 6;

const VALID_FROM = "2020-01-01";
const PROVINCE_CODE = "90";
const DISTRICT_SIZES = [30, 30, 30, 10];

export interface BenchCommune {
  index: number;
  unit: Unit;
  districtId: string;
}

export function benchUnits(): { province: Unit; districts: Unit[]; communes: BenchCommune[]; all: Unit[] } {
  const province: Unit = {
    id: `P:${PROVINCE_CODE}@${VALID_FROM}`,
    code: PROVINCE_CODE,
    level: "province",
    kind_vi: "tỉnh",
    name: "Tỉnh Thử Nghiệm",
    parent_id: null,
    valid_from: VALID_FROM,
    valid_to: null,
    successor_ids: [],
  };
  const districts: Unit[] = [];
  const communes: BenchCommune[] = [];
  let n = 0;
  DISTRICT_SIZES.forEach((size, d) => {
    const code = `${PROVINCE_CODE}${d + 1}`;
    const district: Unit = {
      id: `D:${code}@${VALID_FROM}`,
      code,
      level: "district",
      kind_vi: "huyện",
      name: `Huyện Thử Nghiệm ${d + 1}`,
      parent_id: province.id,
      valid_from: VALID_FROM,
      valid_to: null,
      successor_ids: [],
    };
    districts.push(district);
    for (let i = 0; i < size; i++) {
      n++;
      const ccode = `${PROVINCE_CODE}${String(n).padStart(3, "0")}`;
      communes.push({
        index: n,
        districtId: district.id,
        unit: {
          id: `C:${ccode}@${VALID_FROM}`,
          code: ccode,
          level: "commune",
          kind_vi: "xã",
          name: `Xã Thử Nghiệm ${n}`,
          parent_id: district.id,
          valid_from: VALID_FROM,
          valid_to: null,
          successor_ids: [],
        },
      });
    }
  });
  return { province, districts, communes, all: [province, ...districts, ...communes.map((c) => c.unit)] };
}

/** The workbook of the n-th commune (1-based), the same on every run. */
export function benchWorkbook(c: BenchCommune): Workbook {
  const per = TEAMS_PER_COMMUNE / VILLAGES_PER_COMMUNE;
  return generateCommune({
    seed: 90_000 + c.index,
    commune_code: c.unit.code,
    commune_name: c.unit.name,
    villages: Array.from({ length: VILLAGES_PER_COMMUNE }, (_, v) => ({
      village_code: `V${v + 1}`,
      village_name: `Thôn ${["Đồng Mương", "Ao Vường", "Khuôn Thần", "Bãi Chợ", "Tân Sơn", "Quý Thịnh"][v]}`,
      ethnic_identity: v % 3 === 2,
      teams: per,
    })),
    founded_on: `${YEAR}-01-01`,
    until: `${YEAR}-12-31`,
    reportRate: 1,
  });
}

export function rowCount(wb: Workbook): number {
  return Object.values(wb).reduce((n, rows) => n + (rows as unknown[]).length, 0);
}

export function rowsBySheet(wbs: Workbook[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const wb of wbs) for (const [k, rows] of Object.entries(wb)) out[k] = (out[k] ?? 0) + (rows as unknown[]).length;
  return out;
}

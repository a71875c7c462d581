/**
 * The country as bench data (bench/scale-rollup.ts), shaped as it is since 1 July 2025: 34 provinces,
 * 3,321 communes (98 or 97 a province), no districts; 10 teams a commune, and a year of their flat
 * summaries (0030_rollup_summaries.sql) as generated rows — what a year of weekly reports leaves in
 * those tables, without submitting them. `seededTotals` gives the figures the national page must show.
 */
import { weeksInPeriod } from "../shared/periods";
import type { Unit } from "../shared/units";
import { WEEKLY_COUNTS } from "../shared/weekly-counts";

export const COMMUNES = Number(process.env.BENCH_NATIONAL_COMMUNES ?? 3321);
export const PROVINCES = 34;
export const TEAMS = 10;
/** Households a team looks after in the seeded register (agg_team_cohorts). */
const HOUSEHOLDS = 40;
export const NATIONAL_YEAR = 2025;
const YEAR = NATIONAL_YEAR;
const FROM = "2020-01-01";

/** The province of the i-th commune: the communes spread as evenly as they go (98 or 97 each for 3,321). */
export const provinceIndexOf = (i: number) => Math.floor((i * PROVINCES) / COMMUNES);

export function nationalUnits(): Unit[] {
  const base = { valid_from: FROM, valid_to: null, successor_ids: [] as string[] };
  const provinces: Unit[] = Array.from({ length: PROVINCES }, (_, p) => ({
    ...base,
    id: `P:${50 + p}@${FROM}`,
    code: String(50 + p),
    level: "province",
    kind_vi: "tỉnh",
    name: `Mô Phỏng ${String(p + 1).padStart(2, "0")}`,
    parent_id: null,
  }));
  const out: Unit[] = [...provinces];
  for (let i = 0; i < COMMUNES; i++) {
    const code = `9${String(i).padStart(4, "0")}`;
    out.push({
      ...base,
      id: `C:${code}@${FROM}`,
      code,
      level: "commune",
      kind_vi: "xã",
      name: `Xã Mô Phỏng ${i + 1}`,
      parent_id: provinces[provinceIndexOf(i)]!.id,
    });
  }
  return out;
}

/** What the seeded rows add up to over the country (the national page's "Cả nước" row must show these). */
export interface SeededTotals {
  communes: number;
  teams: number;
  households: number;
  received: number;
  on_time: number;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The summaries of every commune for the year, as multi-row INSERTs. */
export function seedSql(communeIds: string[]): { sql: string; rows: number; totals: SeededTotals } {
  const totals: SeededTotals = { communes: communeIds.length, teams: 0, households: 0, received: 0, on_time: 0 };
  const codes = JSON.stringify(Array.from({ length: TEAMS }, (_, t) => `T${String(t + 1).padStart(2, "0")}`));
  const cohorts: string[] = [];
  const months: string[] = [];
  const meetings: string[] = [];
  const communes: string[] = [];
  communeIds.forEach((id, i) => {
    totals.teams += TEAMS;
    totals.households += HOUSEHOLDS * TEAMS;
    cohorts.push(
      `(${q(id)}, '${YEAR}-01-01', '', ${TEAMS}, ${q(codes)}, '${"0".repeat(TEAMS)}', ${4 * TEAMS}, ${HOUSEHOLDS * TEAMS}, ${160 * TEAMS}, ${30 * TEAMS}, ${40 * TEAMS}, ${i % 5 === 0 ? 1 : 0})`,
    );
    for (let m = 1; m <= 12; m++) {
      const month = `${YEAR}-${String(m).padStart(2, "0")}`;
      const weeks = weeksInPeriod(month).length;
      const missed = (i + m) % 9 === 0 ? 1 : 0; // a team missing one report now and then
      const received = TEAMS * weeks - missed;
      const digits = `${String(weeks - missed)}${String(weeks).repeat(TEAMS - 1)}`;
      const sums = WEEKLY_COUNTS.map((_, k) => received * ((k % 4) + 1)).join(", ");
      const onTime = received - ((i + m) % 3);
      totals.received += received;
      totals.on_time += onTime;
      months.push(`(${q(id)}, '${month}', ${received}, ${received}, ${onTime}, 0, '${digits}', ${sums})`);
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
    for (let i = 0; i < values.length; i += 100) out.push(`${head} VALUES\n${values.slice(i, i + 100).join(",\n")};`);
    return out;
  };
  const sql = [
    ...inserts(
      "INSERT INTO agg_team_cohorts (commune_id, founded_on, dissolved_on, teams, codes, ethnic, members, households, people, zalo_households, zalo_known, outside_range)",
      cohorts,
    ),
    ...inserts(
      `INSERT INTO agg_commune_months (commune_id, month, reports, received, on_time, ethnic_reports, team_received, ${WEEKLY_COUNTS.join(", ")})`,
      months,
    ),
    ...inserts("INSERT INTO agg_commune_meetings (commune_id, month, kind, n, members_present, team_held)", meetings),
    ...inserts("INSERT INTO agg_communes (commune_id, last_received_at, last_week)", communes),
  ].join("\n");
  return { sql, rows: cohorts.length + months.length + meetings.length + communes.length, totals };
}

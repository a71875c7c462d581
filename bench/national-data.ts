/**
 * The country as bench data (bench/scale-rollup.ts): one synthetic province of 3,321 communes (111
 * districts of 30), 10 teams a commune, and a year of their flat summaries (0030_rollup_summaries.sql)
 * as generated rows — what a year of weekly reports leaves in those tables, without submitting them.
 */
import { weeksInPeriod } from "../shared/periods";
import type { Unit } from "../shared/units";
import { WEEKLY_COUNTS } from "../shared/weekly-counts";

export const COMMUNES = Number(process.env.BENCH_NATIONAL_COMMUNES ?? 3321);
export const TEAMS = 10;
const PER_DISTRICT = 30;
export const NATIONAL_YEAR = 2025;
const YEAR = NATIONAL_YEAR;
const FROM = "2020-01-01";

export function nationalUnits(): Unit[] {
  const base = { valid_from: FROM, valid_to: null, successor_ids: [] as string[] };
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
export function seedSql(communeIds: string[]): { sql: string; rows: number } {
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
      const sums = WEEKLY_COUNTS.map((_, k) => received * ((k % 4) + 1)).join(", ");
      months.push(`(${q(id)}, '${month}', ${received}, ${received}, ${received - ((i + m) % 3)}, 0, '${digits}', ${sums})`);
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
  return { sql, rows: cohorts.length + months.length + meetings.length + communes.length };
}

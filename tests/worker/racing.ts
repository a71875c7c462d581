/**
 * Workbooks for racing submissions (tests/worker/faults-concurrency.test.ts, tests/shards/racing.test.ts):
 * two versions of one small generated commune, whose registers differ, for sending at once.
 */
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { copy } from "./helpers";

/**
 * A small valid workbook (one village, one team of 30–50 households, a quarter of weekly reports)
 * and two versions of it: A drops one household and the last two weeks of reports; B drops two
 * other households and changes a household's size, with every weekly report.
 */
export function racingVersions(unit: Unit, i: number): { a: Workbook; b: Workbook } {
  const base = generateCommune({
    seed: 4_2000 + i,
    commune_code: unit.code,
    commune_name: unit.name,
    villages: [{ village_code: "TN", village_name: "Thôn Thử Nghiệm", ethnic_identity: i % 2 === 0, teams: 1 }],
    founded_on: "2025-07-07",
    until: "2025-09-28",
  });
  const referenced = new Set(base.changes.map((c) => c.household_code));
  const spare = base.households.filter((h) => !referenced.has(h.household_code));
  const weeks = [...new Set(base.weekly.map((w) => w.week))].sort();
  const lastTwo = new Set(weeks.slice(-2));

  const a = copy(base);
  a.households = a.households.filter((h) => h.household_code !== spare[0]!.household_code);
  a.weekly = a.weekly.filter((w) => !lastTwo.has(w.week));

  const b = copy(base);
  b.households = b.households.filter((h) => h.household_code !== spare[1]!.household_code && h.household_code !== spare[2]!.household_code);
  const h0 = b.households[0]!;
  h0.members_count = h0.members_count === 8 ? 7 : h0.members_count + 1;
  return { a, b };
}

export const codesOf = (wb: Workbook) => wb.households.map((h) => h.household_code).sort();
export const peopleOf = (wb: Workbook) => wb.households.reduce((s, h) => s + h.members_count, 0);
export const householdRows = (wb: Workbook) => wb.households.map((h) => `${h.household_code}|${h.members_count}`).sort();
export const weeklyKeys = (...wbs: Workbook[]) => new Set(wbs.flatMap((wb) => wb.weekly.map((w) => `${w.team_code}|${w.week}`)));

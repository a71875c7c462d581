/**
 * What an aggregate (district, province) link calls villages, teams and milestones: figures and fixed
 * vocabulary only, never a word a commune typed (a team named "Tổ nhà ông A, SĐT 09…" stays on the
 * commune's own link). Teams by code, villages by the unit list's name (admin data) or by code,
 * milestones by code with the plan's own title (shared/periods.ts PLAN_MILESTONES).
 */
import { PLAN_MILESTONES } from "../../../shared/plan";
import { type Unit, unitLabel } from "../../../shared/units";

export const teamLabel = (teamCode: string) => `Tổ ${teamCode}`;

/** "Thôn Quý Thịnh" when the village is in the unit list under its commune, else "Thôn QT". */
export const villageLabel = (villageCode: string, official?: string) => official ?? `Thôn ${villageCode}`;

const PLAN_TITLES = new Map<string, string>(PLAN_MILESTONES.map((m) => [m.code, m.title_vi]));

/** The plan's title of a milestone code; a code the plan does not have is shown as itself. */
export const milestoneTitle = (code: string) => PLAN_TITLES.get(code) ?? `Mốc ${code}`;

/**
 * Village units of the communes in a rollup (their code is the commune's code + "-" + the village
 * code: shared/units.ts), as `commune id|village code` → label.
 */
export function officialVillages(rows: readonly Pick<Unit, "parent_id" | "code" | "name" | "kind_vi" | "level">[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of rows) {
    const dash = v.code.indexOf("-");
    if (v.parent_id && dash > 0) out.set(`${v.parent_id}|${v.code.slice(dash + 1)}`, unitLabel(v));
  }
  return out;
}

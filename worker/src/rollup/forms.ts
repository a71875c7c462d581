/**
 * The registers behind the printable forms of the plan: mẫu 01 (members of the founding decision)
 * and mẫu 02 (households assigned to each team). Household-level data: only for detail links.
 */
import { TEAM_ROLES, type TeamRole } from "../../../shared/enums";
import { compareVi } from "../../../shared/text";
import type { UnitRef } from "./types";
import type { UnitTree } from "./units";

export interface FormMember {
  member_no: number;
  full_name: string;
  current_position: string | null;
  role_vi: string;
}
export interface FormHousehold {
  household_no: number;
  head_name: string;
  birth_year: number;
  members_count: number;
  note: string | null;
}
export interface FormTeam {
  team_code: string;
  team_name: string;
  decision_no: string | null;
  members: FormMember[];
  /** Members responsible for the team's households, in order of first appearance. */
  responsible: string[];
  households: FormHousehold[];
}
export interface FormVillage {
  village_code: string;
  village_name: string;
  teams: FormTeam[];
}
export interface FormCommune {
  unit: UnitRef;
  /** The parent the commune had (district, or province after 2025). */
  parent: UnitRef | null;
  /**
   * Set when every team of the commune has been dissolved: the last day they existed, the day the
   * lists stand at (the pilot's teams, dissolved with the final review). Absent: today's lists.
   */
  as_of?: string;
  villages: FormVillage[];
}

interface TeamRow {
  team_code: string;
  team_name: string;
  village_code: string;
  decision_no: string | null;
  dissolved_on: string | null;
  village_name: string | null;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The teams a form lists: those not dissolved by `today`; when every team is, those of the last
 * day any existed (with that day), so a dissolved commune's lists can still be printed.
 */
function teamsToList(rows: TeamRow[], today: string): { teams: TeamRow[]; as_of?: string } {
  const alive = (on: string) => rows.filter((t) => !t.dissolved_on || t.dissolved_on > on);
  const now = alive(today);
  if (now.length || !rows.length) return { teams: now };
  const last = dayBefore(rows.reduce((max, t) => (t.dissolved_on! > max ? t.dissolved_on! : max), ""));
  return { teams: alive(last), as_of: last };
}
interface MemberRow {
  team_code: string;
  member_no: number;
  full_name: string;
  current_position: string | null;
  role: TeamRole;
}
interface HouseholdRow {
  team_code: string;
  responsible: string;
  household_no: number;
  head_name: string;
  birth_year: number;
  members_count: number;
  note: string | null;
}

/**
 * The registers of the given communes; teams dissolved on or before `today` are left out (see
 * teamsToList for a commune whose teams are all dissolved). The village filter
 * (`villagesOf`) limits a commune to some of its villages (see UnitTree.villagesMappedTo); "all" when absent.
 */
export async function loadForms(
  db: D1Database,
  tree: UnitTree,
  communeIds: string[],
  today: string,
  withHouseholds: boolean,
  villagesOf: (communeId: string) => "all" | readonly string[] = () => "all",
): Promise<FormCommune[]> {
  const out: FormCommune[] = [];
  for (const id of communeIds) {
    const shown = villagesOf(id);
    if (shown !== "all" && shown.length === 0) continue;
    const stmts = [
      db
        .prepare(`SELECT t.team_code, t.team_name, t.village_code, t.decision_no, t.dissolved_on, v.village_name FROM teams t
                  LEFT JOIN villages v ON v.commune_id = t.commune_id AND v.village_code = t.village_code
                  WHERE t.commune_id = ?1`)
        .bind(id),
      db.prepare(`SELECT team_code, member_no, full_name, current_position, role FROM members WHERE commune_id = ?1`).bind(id),
    ];
    if (withHouseholds) {
      stmts.push(
        db
          .prepare(`SELECT team_code, responsible, household_no, head_name, birth_year, members_count, note
                             FROM households WHERE commune_id = ?1`)
          .bind(id),
      );
    }
    const [teams, members, households] = await db.batch(stmts);
    const listed = teamsToList(
      ((teams?.results ?? []) as TeamRow[]).filter((t) => shown === "all" || shown.includes(t.village_code)),
      today,
    );
    const teamRows = listed.teams;
    if (!teamRows.length) continue;

    const villages = new Map<string, FormVillage>();
    const byCode = new Map<string, FormTeam>();
    for (const t of teamRows) {
      const team: FormTeam = {
        team_code: t.team_code,
        team_name: t.team_name,
        decision_no: t.decision_no,
        members: [],
        responsible: [],
        households: [],
      };
      byCode.set(t.team_code, team);
      let v = villages.get(t.village_code);
      if (!v) {
        v = { village_code: t.village_code, village_name: t.village_name ?? t.village_code, teams: [] };
        villages.set(t.village_code, v);
      }
      v.teams.push(team);
    }
    for (const m of (members?.results ?? []) as MemberRow[]) {
      byCode.get(m.team_code)?.members.push({
        member_no: m.member_no,
        full_name: m.full_name,
        current_position: m.current_position,
        role_vi: TEAM_ROLES[m.role] ?? m.role,
      });
    }
    for (const h of (households?.results ?? []) as HouseholdRow[]) {
      const team = byCode.get(h.team_code);
      if (!team) continue;
      team.households.push({
        household_no: h.household_no,
        head_name: h.head_name,
        birth_year: h.birth_year,
        members_count: h.members_count,
        note: h.note,
      });
      for (const name of parseNames(h.responsible)) if (!team.responsible.includes(name)) team.responsible.push(name);
    }
    for (const team of byCode.values()) {
      team.members.sort((a, b) => a.member_no - b.member_no);
      team.households.sort((a, b) => a.household_no - b.household_no);
    }
    const sorted = [...villages.values()].sort((a, b) => compareVi(a.village_name, b.village_name));
    for (const v of sorted) v.teams.sort((a, b) => compareVi(a.team_name, b.team_name));
    const parent = tree.ancestors(id)[0];
    out.push({
      unit: tree.ref(id),
      parent: parent ? tree.ref(parent.id) : null,
      ...(listed.as_of ? { as_of: listed.as_of } : {}),
      villages: sorted,
    });
  }
  return out;
}

function parseNames(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** What every cross-row rule gets: the parsed workbook, indexes over it, and today's date. */
import type { Issue, Severity } from "../issues";
import { sheetRow } from "../issues";
import type { Household, Member, Team, Village, Workbook } from "../schemas";
import type { SheetKey } from "../templates";

export interface RuleOptions {
  /** Today as 'yyyy-MM-dd' in Vietnam time (rules about "the current year"). */
  today: string;
}

/**
 * Rows that are on the sheets but have cell errors (reported on their own cells), each with the
 * cells that still read on their own (a team's code when only its founding date is missing).
 */
export type RowsWithErrors = Partial<Record<SheetKey, Record<string, unknown>[]>>;

/** The sheets whose rows other rows refer to by code. */
type Referenced = "villages" | "teams" | "households";
const CODE_OF = { villages: "village_code", teams: "team_code", households: "household_code" } as const;

export interface RuleContext extends RuleOptions {
  wb: Workbook;
  villages: Map<string, Village>;
  teams: Map<string, Team>;
  households: Map<string, Household>;
  membersByTeam: Map<string, Member[]>;
  /**
   * Whether a village, team or household row is on its sheet, with or without errors: a row that
   * refers to one with errors is not told it refers to nothing — the real cause is on that row.
   */
  exists(sheet: Referenced, code: string): boolean;
  /** Member or household rows of a team that have cell errors: the clerk sees them, counts include them. */
  erroredOfTeam(sheet: "members" | "households", teamCode: string): Record<string, unknown>[];
  issue(
    sheet: SheetKey,
    row: { _row?: number | undefined },
    index: number,
    column: string | null,
    code: string,
    severity: Severity,
    message_vi: string,
  ): Issue;
}

export type Rule = (ctx: RuleContext) => Issue[];

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export function makeContext(wb: Workbook, opts: RuleOptions, withErrors: RowsWithErrors = {}): RuleContext {
  const villages = new Map(wb.villages.map((v) => [v.village_code, v]));
  const teams = new Map(wb.teams.map((t) => [t.team_code, t]));
  const households = new Map(wb.households.map((h) => [h.household_code, h]));
  const codesWithErrors = (sheet: Referenced) =>
    new Set((withErrors[sheet] ?? []).map((r) => r[CODE_OF[sheet]]).filter((c) => c !== undefined));
  const errored = { villages: codesWithErrors("villages"), teams: codesWithErrors("teams"), households: codesWithErrors("households") };
  const byTeam = {
    members: groupBy(withErrors.members ?? [], (r) => r.team_code),
    households: groupBy(withErrors.households ?? [], (r) => r.team_code),
  };
  const valid = { villages, teams, households };
  return {
    ...opts,
    wb,
    villages,
    teams,
    households,
    membersByTeam: groupBy(wb.members, (m) => m.team_code),
    exists: (sheet, code) => valid[sheet].has(code) || errored[sheet].has(code),
    erroredOfTeam: (sheet, teamCode) => byTeam[sheet].get(teamCode) ?? [],
    issue: (sheet, row, index, column, code, severity, message_vi) => ({
      sheet,
      row: sheetRow(row, index),
      column,
      code,
      severity,
      message_vi,
    }),
  };
}

/** The village of a team, if both are known. */
export function villageOfTeam(ctx: RuleContext, teamCode: string): Village | undefined {
  const t = ctx.teams.get(teamCode);
  return t ? ctx.villages.get(t.village_code) : undefined;
}

/** What every cross-row rule gets: the parsed workbook, indexes over it, and today's date. */
import type { Issue, Severity } from "../issues";
import { sheetRow } from "../issues";
import type { Household, Member, Team, Village, Workbook } from "../schemas";
import type { SheetKey } from "../templates";

export interface RuleOptions {
  /** Today as 'yyyy-MM-dd' in Vietnam time (rules about "the current year"). */
  today: string;
}

export interface RuleContext extends RuleOptions {
  wb: Workbook;
  villages: Map<string, Village>;
  teams: Map<string, Team>;
  households: Map<string, Household>;
  membersByTeam: Map<string, Member[]>;
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

export function makeContext(wb: Workbook, opts: RuleOptions): RuleContext {
  return {
    ...opts,
    wb,
    villages: new Map(wb.villages.map((v) => [v.village_code, v])),
    teams: new Map(wb.teams.map((t) => [t.team_code, t])),
    households: new Map(wb.households.map((h) => [h.household_code, h])),
    membersByTeam: groupBy(wb.members, (m) => m.team_code),
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

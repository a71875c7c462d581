/**
 * The teams of the register as the team tools need them (Zalo forms and paste, new week, evaluation
 * drafts): read with one getValues per sheet, each cell with its own column's check, so a row with
 * an error elsewhere still counts by what it says.
 */
import { readableCells } from "../../../shared/rules/index";
import { rowsToObjects } from "../../../shared/sheet-model";
import type { SheetKey } from "../../../shared/templates";
import { fold } from "../../../shared/text";
import type { ZaloTeam } from "../../../shared/zalo/parse";
import { dateToIsoIn, readSheets, type SheetData } from "./read";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Row = Record<string, unknown> & { _row?: number };

export interface RegisterTeam extends ZaloTeam {
  founded_on?: string;
  dissolved_on?: string;
}

/** Rows of a sheet, each cell read on its own (missing sheet: none). */
export function rowsOf(d: SheetData, key: SheetKey, toIso: (d: Date) => string): Row[] {
  return d.map ? rowsToObjects(d.values, d.map, { dateToIso: toIso }).map((r) => readableCells(key, r) as Row) : [];
}

/** Read `keys` (plus the register's villages, teams, members) and the teams with their village and members. */
export function readTeams(
  ss: Spreadsheet,
  keys: readonly SheetKey[] = [],
): { teams: RegisterTeam[]; data: Record<SheetKey, SheetData>; toIso: (d: Date) => string } {
  const data = readSheets(ss, ["villages", "teams", "members", ...keys]);
  const toIso = dateToIsoIn(ss.getSpreadsheetTimeZone());
  const villages = new Map(rowsOf(data.villages, "villages", toIso).map((v) => [v.village_code, v]));
  const members = rowsOf(data.members, "members", toIso);
  const teams = rowsOf(data.teams, "teams", toIso)
    .filter((t) => typeof t.team_code === "string")
    .map((t) => {
      const v = villages.get(t.village_code);
      return {
        team_code: t.team_code as string,
        team_name: String(t.team_name ?? t.team_code),
        village_name: String(v?.village_name ?? t.village_code ?? ""),
        ethnic: v?.ethnic_identity === true,
        members: members.filter((m) => m.team_code === t.team_code && m.full_name).map((m) => String(m.full_name)),
        ...(t.founded_on ? { founded_on: String(t.founded_on) } : {}),
        ...(t.dissolved_on ? { dissolved_on: String(t.dissolved_on) } : {}),
      };
    })
    .sort((a, b) => fold(a.team_code).localeCompare(fold(b.team_code)));
  return { teams, data, toIso };
}

/** Teams that exist during [start, end] (a team lives from its founding to the day before its dissolution). */
export const activeIn = (t: RegisterTeam, start: string, end: string) =>
  (!t.founded_on || t.founded_on <= end) && (!t.dissolved_on || t.dissolved_on > start);

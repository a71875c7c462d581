/**
 * Writes generated codes into rows that lack one (households, ad-hoc reports): one setValues of
 * the code column per sheet, only when something was generated. Updates `values` in place.
 */

import { isBlank } from "../../../shared/sheet-model";
import { adhocCodes, asCode, householdCodes } from "../codes";
import type { SheetData } from "./read";

function rowsFor(d: SheetData, codeKey: string, teamKey: string) {
  const map = d.map!;
  const keys = Object.keys(map.colOf).filter((k) => k !== codeKey);
  return d.values.slice(1).map((cells) => ({
    code: cells[map.colOf[codeKey]!],
    team: map.colOf[teamKey] !== undefined ? cells[map.colOf[teamKey]!] : "",
    hasData: keys.some((k) => !isBlank(cells[map.colOf[k]!])),
  }));
}

function write(d: SheetData, codeKey: string, codes: Map<number, string>): number {
  if (codes.size === 0 || !d.sheet || !d.map) return 0;
  const col = d.map.colOf[codeKey]!;
  const column = d.values.slice(1).map((cells, i) => {
    const c = codes.get(i);
    if (c !== undefined) cells[col] = c;
    return [cells[col]];
  });
  d.sheet.getRange(2, col + 1, column.length, 1).setValues(column);
  return codes.size;
}

/** Fill missing household and ad-hoc report codes; returns how many were generated. */
export function fillMissingCodes(data: Partial<Record<"teams" | "households" | "adhoc", SheetData>>): number {
  let n = 0;
  const teams = data.teams;
  const villageOfTeam = new Map<string, string>();
  if (teams?.map && teams.map.colOf.team_code !== undefined && teams.map.colOf.village_code !== undefined) {
    for (const cells of teams.values.slice(1)) {
      const t = asCode(cells[teams.map.colOf.team_code]);
      if (t) villageOfTeam.set(t, asCode(cells[teams.map.colOf.village_code]));
    }
  }
  const hh = data.households;
  if (hh?.map && hh.map.colOf.household_code !== undefined && hh.values.length > 1) {
    n += write(hh, "household_code", householdCodes(rowsFor(hh, "household_code", "team_code"), villageOfTeam));
  }
  const ad = data.adhoc;
  if (ad?.map && ad.map.colOf.report_code !== undefined && ad.values.length > 1) {
    n += write(ad, "report_code", adhocCodes(rowsFor(ad, "report_code", "team_code")));
  }
  return n;
}

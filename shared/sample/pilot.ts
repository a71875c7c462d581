/**
 * The pilot data set, in one place: thôn Quý Thịnh (xã Quý Sơn) and thôn Ngọt (xã Hồng Giang),
 * huyện Lục Ngạn, from the teams' founding in October 2021 to the final review in October 2022.
 * Generated with a fixed seed so every machine gets the same rows; it passes every rule.
 * Used by the tests and by the demo (`npm start`).
 */
import { PILOT, UNITS } from "../data/units";
import type { Workbook } from "../schemas";
import { generateCommune } from "./generate";
import { pilotNarratives } from "./narratives";

/** "Today" for the pilot data: the month of the final review. */
export const PILOT_TODAY = "2022-10-31";

export interface PilotCommune {
  unit_id: string;
  commune_code: string;
  commune_name: string;
  workbook: Workbook;
}

function unit(id: string) {
  const u = UNITS.find((x) => x.id === id);
  if (!u) throw new Error(`pilot unit ${id} missing from shared/data/units`);
  return u;
}

/** Both pilot communes with their workbooks (a fresh copy on each call). */
export function pilotWorkbooks(): PilotCommune[] {
  const quySon = unit(PILOT.quySon);
  const hongGiang = unit(PILOT.hongGiang);
  const communes: PilotCommune[] = [
    {
      unit_id: quySon.id,
      commune_code: quySon.code,
      commune_name: quySon.name,
      workbook: generateCommune({
        seed: 2021_10_20,
        commune_code: quySon.code,
        commune_name: quySon.name,
        villages: [{ village_code: "QT", village_name: unit(PILOT.quyThinh).name, ethnic_identity: false, teams: 4 }],
        founded_on: "2021-10-15",
        until: PILOT_TODAY,
      }),
    },
    {
      unit_id: hongGiang.id,
      commune_code: hongGiang.code,
      commune_name: hongGiang.name,
      workbook: generateCommune({
        seed: 2021_10_21,
        commune_code: hongGiang.code,
        commune_name: hongGiang.name,
        villages: [{ village_code: "NG", village_name: unit(PILOT.ngot).name, ethnic_identity: true, teams: 3 }],
        founded_on: "2021-10-15",
        until: PILOT_TODAY,
      }),
    },
  ];
  // What each commune wrote for the phase reviews ("Báo cáo kỳ").
  communes[0]!.workbook.period_reports.push(...pilotNarratives.quySon());
  communes[1]!.workbook.period_reports.push(...pilotNarratives.hongGiang());
  return communes;
}

/**
 * The pilot data set, in one place: thôn Quý Thịnh (xã Quý Sơn) and thôn Ngọt (xã Hồng Giang),
 * huyện Lục Ngạn, as the district plan tells it (section III): the teams are founded on 15/10/2021,
 * report every week through the plan's three phases and their reviews (sơ kết đợt 1 in 01/2022,
 * đợt 2 in 06/2022), hold their quarterly meetings (a few skipped) and end with the pilot's final
 * review (tổng kết, 10/2022): the communes dissolve the pilot teams on 31/10/2022, so nothing is
 * expected of them afterwards. The roll-out from 12/2022 is not in this data set.
 * Generated with a fixed seed so every machine gets the same rows; it passes every rule.
 * Used by the tests and by the demo (`npm start`).
 */
import { PILOT, UNITS } from "../data/units";
import { PLAN_PHASES } from "../plan";
import type { Workbook } from "../schemas";
import { generateCommune } from "./generate";
import { pilotNarratives } from "./narratives";

/** "Today" for the pilot data: the last day of the final review's month (the end of phase 3). */
export const PILOT_TODAY = PLAN_PHASES[2].end;

/**
 * The pilot teams are dissolved with the final review: from 31/10/2022 they no longer exist (the
 * Tổ sheet's "Ngày giải thể"); their last week is 24–30/10/2022.
 */
export const PILOT_DISSOLVED_ON = PLAN_PHASES[2].end;

/** Share of the quarterly meetings the pilot teams hold: most, not all (the district page lists who skipped). */
const MEETING_RATE = 0.85;

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
        dissolved_on: PILOT_DISSOLVED_ON,
        until: PILOT_TODAY,
        meetingRate: MEETING_RATE,
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
        dissolved_on: PILOT_DISSOLVED_ON,
        until: PILOT_TODAY,
        meetingRate: MEETING_RATE,
      }),
    },
  ];
  // What each commune wrote for the phase reviews ("Báo cáo kỳ").
  communes[0]!.workbook.period_reports.push(...pilotNarratives.quySon());
  communes[1]!.workbook.period_reports.push(...pilotNarratives.hongGiang());
  return communes;
}

/**
 * The pilot district's Tổ hướng dẫn và giám sát as the plan composes it (II.1.1: six members, led by
 * the Trưởng Ban Dân vận Huyện ủy). The names are invented for the demo.
 */
export const PILOT_GUIDANCE = [
  { member_no: 1, full_name: "Hoàng Văn Quyết", current_position: "Trưởng Ban Dân vận Huyện ủy", seat: "dv_head", role: "head" },
  { member_no: 2, full_name: "Nguyễn Thị Hằng", current_position: "Phó Trưởng Ban Dân vận Huyện ủy", seat: "dv_deputy", role: "member" },
  { member_no: 3, full_name: "Trần Văn Lực", current_position: "Phó Trưởng phòng Y tế", seat: "health", role: "member" },
  {
    member_no: 4,
    full_name: "Lê Văn Mạnh",
    current_position: "Phó Trưởng phòng Tài nguyên và Môi trường",
    seat: "environment",
    role: "member",
  },
  { member_no: 5, full_name: "Phạm Văn Cường", current_position: "Phó Trưởng Công an huyện", seat: "police", role: "member" },
  { member_no: 6, full_name: "Đỗ Thị Vân", current_position: "Phó Trưởng phòng Văn hóa và Thông tin", seat: "culture", role: "member" },
] as const;

/** A generated commune's Ban Chỉ đạo (./generate.ts). */
import type { Workbook } from "../schemas";
import { fold } from "../text";
import { personName } from "./names";
import type { Random } from "./random";

/**
 * The commune's Ban Chỉ đạo as the plan composes it (shared/steering.ts): 9 members, from their own
 * random stream so the rest of the data does not change with it.
 */
export function steeringRoster(r: Random, used: Set<string>): Workbook["steering"] {
  const seats = [
    ["party_secretary", "head", "Bí thư Đảng ủy xã"],
    ["standing_deputy", "deputy", "Phó Bí thư Thường trực Đảng ủy xã"],
    ["people_committee", "deputy", "Chủ tịch UBND xã"],
    ["front", "member", "Chủ tịch Ủy ban MTTQ xã"],
    ["mass_org", "member", "Chủ tịch Hội Nông dân xã"],
    ["mass_org", "member", "Chủ tịch Hội Liên hiệp Phụ nữ xã"],
    ["health", "member", "Trạm trưởng Trạm Y tế xã"],
    ["police", "member", "Trưởng Công an xã"],
    ["land_env", "member", "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường"],
  ] as const;
  return seats.map(([seat, role, current_position], i) => {
    let full_name = personName(r);
    while (used.has(fold(full_name))) full_name = personName(r);
    used.add(fold(full_name));
    return { member_no: i + 1, full_name, current_position, seat, role, phone: `09${String(r.int(10000000, 99999999))}` };
  });
}

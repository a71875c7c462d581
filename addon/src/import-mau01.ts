/**
 * Reading a member list kept as the plan's mẫu 01 (list attached to the founding decision):
 *
 *   TT | Tổ Dân vận cộng đồng       | Tổ   | STT | Họ và tên | Chức vụ hiện tại | Chức vụ tham gia Tổ DVCĐ
 *   1  | Thôn Quý Thịnh             | Tổ 1 | 1   | …         | …                | Tổ trưởng
 *      |                            |      | 2   | …         | …                | Tổ phó
 *      |                            | Tổ 2 | 1   | …         |                  | Tổ trưởng
 *
 * Village and team stand on their first row only (often merged) and are carried down; rows
 * without a name are form filler. Pure.
 */
import { findMau01, type Layout, type Mau01Key } from "./import-layout";
import { cellText, type ImportProblem, isFiller } from "./import-mau02";

export interface Mau01Member {
  row: number;
  no: unknown;
  full_name: string;
  current_position: string;
  role: string;
}

export interface Mau01Team {
  row: number;
  name: string;
  members: Mau01Member[];
}

export interface Mau01Village {
  row: number;
  name: string;
  teams: Mau01Team[];
}

export interface Mau01 {
  villages: Mau01Village[];
  problems: ImportProblem[];
  fillerRows: number;
}

export function parseMau01(
  values: readonly (readonly unknown[])[],
  layout: Layout<Mau01Key> | null = findMau01(values),
): Mau01 | { error: string } {
  if (!layout) {
    return {
      error:
        'Không tìm thấy dòng tiêu đề của mẫu 01 (cần có các cột "Tổ Dân vận cộng đồng", "Tổ", "Họ và tên", "Chức vụ tham gia Tổ DVCĐ"…).',
    };
  }
  const { col } = layout;
  const at = (cells: readonly unknown[], k: Mau01Key) => (col[k] === undefined ? "" : cells[col[k]!]);
  const villages: Mau01Village[] = [];
  const problems: ImportProblem[] = [];
  let fillerRows = 0;
  let village: Mau01Village | null = null;
  let team: Mau01Team | null = null;
  for (let r = layout.headerRow + 1; r < values.length; r++) {
    const cells = values[r] ?? [];
    const row = r + 1;
    const v = at(cells, "village");
    const t = at(cells, "team");
    const name = at(cells, "name");
    if (!isFiller(v)) {
      village = { row, name: cellText(v), teams: [] };
      villages.push(village);
      team = null;
    }
    if (!isFiller(t)) {
      if (!village) {
        problems.push({ row, reason: `Tổ "${cellText(t)}" chưa thuộc thôn nào: cột "Tổ Dân vận cộng đồng" phía trên còn trống.` });
        team = null;
      } else {
        team = { row, name: cellText(t), members: [] };
        village.teams.push(team);
      }
    }
    if (isFiller(name)) {
      fillerRows++;
      continue;
    }
    if (!team) {
      problems.push({
        row,
        reason: `Thành viên "${cellText(name)}" chưa thuộc tổ nào: cột "Tổ" phía trên còn trống; dòng này không được nhập.`,
      });
      continue;
    }
    if (typeof name !== "string") {
      problems.push({ row, reason: `Cột "Họ và tên" chứa "${cellText(name)}", không phải họ tên; dòng này không được nhập.` });
      continue;
    }
    team.members.push({
      row,
      no: typeof at(cells, "no") === "string" ? cellText(at(cells, "no")) : at(cells, "no"),
      full_name: cellText(name),
      current_position: cellText(at(cells, "position")),
      role: cellText(at(cells, "role")),
    });
  }
  return { villages, problems, fillerRows };
}

/**
 * Reading a household list kept as the plan's mẫu 02:
 *
 *   Tên nhóm | Họ và tên người phụ trách các hộ gia đình | Số TT | Họ và tên chủ hộ | Năm sinh | Số nhân khẩu… | Ghi chú
 *   Tổ số 1  | 1. Nguyễn Thị A; 2. Hoàng Văn B:           | 1     | Trần Văn X       | 1969     |              |
 *            |                                            | 2     | Thân Văn S       | 1975     |              |
 *            |                                            | ...   |                  |          |              |
 *
 * The group name and its responsible members stand only on the group's first row (often merged
 * cells: getValues gives the value in the top-left cell only), so they are carried down. Filler
 * rows ("...", numbered empty rows) and blank rows are skipped. Pure.
 */
import { splitNames } from "../../shared/cells";
import { isBlank } from "../../shared/sheet-model";
import { nfc } from "../../shared/text";
import { findMau02, type Layout, type Mau02Key } from "./import-layout";

export interface ImportProblem {
  /** Row of the source sheet (1-based), or null for the whole sheet. */
  row: number | null;
  reason: string;
}

export interface Mau02Household {
  row: number;
  no: unknown;
  head_name: string;
  birth_year: unknown;
  members_count: unknown;
  note: string;
  responsible: string[];
}

export interface Mau02Group {
  row: number;
  name: string;
  households: Mau02Household[];
}

export interface Mau02 {
  groups: Mau02Group[];
  problems: ImportProblem[];
  /** Filler and blank rows skipped. */
  fillerRows: number;
}

/** "...", "…", dashes: placeholders of a printed form, not data. */
export function isFiller(v: unknown): boolean {
  if (isBlank(v)) return true;
  return typeof v === "string" && /^[\s.…·_-]*$/.test(v);
}

export function cellText(v: unknown): string {
  if (isBlank(v)) return "";
  return nfc(String(v)).replace(/\s+/g, " ").trim();
}

export function parseMau02(
  values: readonly (readonly unknown[])[],
  layout: Layout<Mau02Key> | null = findMau02(values),
): Mau02 | { error: string } {
  if (!layout) {
    return {
      error:
        'Không tìm thấy dòng tiêu đề của mẫu 02 (cần có các cột "Tên nhóm", "Họ và tên người phụ trách…", "Họ và tên chủ hộ", "Năm sinh"…).',
    };
  }
  const { col } = layout;
  const at = (cells: readonly unknown[], k: Mau02Key) => (col[k] === undefined ? "" : cells[col[k]!]);
  const groups: Mau02Group[] = [];
  const problems: ImportProblem[] = [];
  let fillerRows = 0;
  let current: Mau02Group | null = null;
  let responsible: string[] = [];
  for (let r = layout.headerRow + 1; r < values.length; r++) {
    const cells = values[r] ?? [];
    const row = r + 1;
    const group = at(cells, "group");
    const resp = at(cells, "responsible");
    if (!isFiller(group)) {
      current = { row, name: cellText(group), households: [] };
      groups.push(current);
      responsible = [];
    }
    if (!isFiller(resp)) responsible = splitNames(cellText(resp));
    const head = at(cells, "head");
    const birth = at(cells, "birth");
    const count = at(cells, "count");
    const note = at(cells, "note");
    if (isFiller(head)) {
      if (!isFiller(birth) || !isFiller(count)) {
        problems.push({ row, reason: "Có năm sinh hoặc số nhân khẩu nhưng thiếu họ và tên chủ hộ; dòng này không được nhập." });
      } else fillerRows++;
      continue;
    }
    if (!current) {
      problems.push({
        row,
        reason: `Hộ "${cellText(head)}" chưa thuộc nhóm (tổ) nào: cột "Tên nhóm" phía trên còn trống; dòng này không được nhập.`,
      });
      continue;
    }
    if (typeof head !== "string") {
      problems.push({ row, reason: `Cột "Họ và tên chủ hộ" chứa "${cellText(head)}", không phải họ tên; dòng này không được nhập.` });
      continue;
    }
    current.households.push({
      row,
      no: typeof at(cells, "no") === "string" ? cellText(at(cells, "no")) : at(cells, "no"),
      head_name: cellText(head),
      birth_year: typeof birth === "string" ? birth.trim() : birth,
      members_count: typeof count === "string" ? count.trim() : count,
      note: cellText(note),
      responsible,
    });
  }
  return { groups, problems, fillerRows };
}

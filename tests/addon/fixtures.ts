/**
 * Spreadsheets as a commune clerk keeps them: workbooks written into the doubles with Vietnamese
 * labels ("Tổ trưởng", "Có"), dates as Date cells, names lists as "A; B".
 */

import { PROP } from "../../addon/src/config";
import {
  ADHOC_STATUSES,
  CHANGE_TYPES,
  MEETING_KINDS,
  MILESTONE_STATUSES,
  RATINGS,
  TASK_AREAS,
  TEAM_ROLES,
  URGENCIES,
} from "../../shared/enums";
import type { Workbook } from "../../shared/schemas";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import type { FakeSpreadsheet } from "./double/spreadsheet";

const VOCABS: Record<string, Record<string, string>> = {
  "members.role": TEAM_ROLES,
  "changes.change_type": CHANGE_TYPES,
  "adhoc.area": TASK_AREAS,
  "adhoc.urgency": URGENCIES,
  "adhoc.status": ADHOC_STATUSES,
  "meetings.kind": MEETING_KINDS,
  "evaluations.rating": RATINGS,
  "milestones.status": MILESTONE_STATUSES,
};

/** A calendar date as Sheets' getValues returns it for a Vietnamese spreadsheet: midnight +07:00. */
export function dateCell(iso: string): Date {
  return new Date(`${iso}T00:00:00+07:00`);
}

/** One cell as a clerk would have it. */
export function toCell(sheet: SheetKey, key: string, v: unknown): unknown {
  if (v === undefined || v === null) return "";
  const col = columnsOf(sheet).find((c) => c.key === key)!;
  switch (col.type) {
    case "enum":
      return VOCABS[`${sheet}.${key}`]?.[String(v)] ?? v;
    case "bool":
      return v === true ? "Có" : v === false ? "Không" : v;
    case "names":
      return Array.isArray(v) ? v.join("; ") : v;
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateCell(v) : v;
    default:
      return v;
  }
}

/** Header row + rows of a sheet. */
export function sheetValues(sheet: SheetKey, rows: readonly Record<string, unknown>[]): unknown[][] {
  const cols = columnsOf(sheet);
  return [cols.map((c) => c.header), ...rows.map((r) => cols.map((c) => toCell(sheet, c.key, r[c.key])))];
}

/** Write a workbook into the template sheets (no service calls counted). */
export function putWorkbook(ss: FakeSpreadsheet, wb: Partial<Workbook>): void {
  for (const key of SHEET_KEYS) {
    const rows = (wb[key] ?? []) as Record<string, unknown>[];
    const sheet = ss._sheet(SHEETS[key].title);
    sheet._put(sheetValues(key, rows));
  }
}

export function setCommune(ss: FakeSpreadsheet, code = "07576", name = "Xã Quý Sơn"): void {
  ss.documentProperties.setProperty(PROP.communeCode, code);
  ss.documentProperties.setProperty(PROP.communeName, name);
}

export function setConnection(ss: FakeSpreadsheet, url: string, token: string): void {
  ss.documentProperties.setProperty(PROP.workerUrl, url);
  ss.documentProperties.setProperty(PROP.token, token);
}

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Thân",
  "Giáp",
  "Lục",
  "Vi",
  "Hà",
];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quang", "Ngọc"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hòa",
  "Hùng",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phúc",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Thắng",
  "Trang",
  "Tuấn",
  "Vân",
  "Yến",
];

const SECOND = ["", "Hoài", "Xuân", "Bảo", "Kim", "Phương", "Thu", "Hồng", "Gia", "Anh"];

/** The i-th distinct Vietnamese name (38,880 of them). */
export function nameAt(i: number): string {
  const g = GIVEN[i % GIVEN.length]!;
  let k = Math.floor(i / GIVEN.length);
  const m = MIDDLE[k % MIDDLE.length]!;
  k = Math.floor(k / MIDDLE.length);
  const f = FAMILY[k % FAMILY.length]!;
  k = Math.floor(k / FAMILY.length);
  const s = SECOND[k % SECOND.length]!;
  return [f, m, s, g].filter(Boolean).join(" ");
}

/**
 * A commune register that passes every rule without warnings: `villages` villages with
 * `teamsPerVillage` teams of 4 members (leader, deputy, 2 members) and `householdsPerTeam`
 * households each (30–50 keeps the plan's range; other sizes give a warning per team).
 */
export function register(
  opts: { villages?: number; teamsPerVillage?: number; householdsPerTeam?: number; totalHouseholds?: number } = {},
): Workbook {
  const nv = opts.villages ?? 2;
  const nt = opts.teamsPerVillage ?? 1;
  const per = opts.householdsPerTeam ?? 35;
  const wb: Workbook = {
    villages: [],
    teams: [],
    members: [],
    households: [],
    changes: [],
    weekly: [],
    adhoc: [],
    meetings: [],
    evaluations: [],
    milestones: [],
    steering: [],
    period_reports: [],
  };
  const villageNames = ["Quý Thịnh", "Ngọt", "Đồng Mương", "Ao Vường", "Khuôn Thần", "Bãi Chợ", "Tân Sơn", "Hồng Giang"];
  let person = 0;
  let head = 5000;
  for (let v = 0; v < nv; v++) {
    const vname = villageNames[v % villageNames.length]! + (v >= villageNames.length ? ` ${Math.floor(v / villageNames.length) + 1}` : "");
    const vcode = `V${String(v + 1).padStart(2, "0")}`;
    wb.villages.push({ village_code: vcode, village_name: `Thôn ${vname}`, ethnic_identity: v % 2 === 1 });
    let seq = 0;
    for (let t = 1; t <= nt; t++) {
      const team_code = `${vcode}-T${t}`;
      wb.teams.push({ team_code, team_name: `Tổ số ${t}`, village_code: vcode, founded_on: "2021-10-15", decision_no: "12-QĐ/ĐU" });
      const roles = ["leader", "deputy", "member", "member"] as const;
      const crew = roles.map((role, i) => ({
        team_code,
        member_no: i + 1,
        full_name: nameAt(person++),
        role,
        phone: `09${String(12000000 + person).padStart(8, "0")}`,
      }));
      wb.members.push(...crew);
      for (let h = 1; h <= per; h++) {
        seq++;
        wb.households.push({
          household_code: `${vcode}-${String(seq).padStart(4, "0")}`,
          team_code,
          responsible: [crew[0]!.full_name, crew[1]!.full_name],
          household_no: h,
          head_name: nameAt(head++),
          birth_year: 1940 + (h % 60),
          members_count: 1 + (h % 7),
          in_zalo: h % 4 !== 0,
        });
      }
    }
  }
  if (opts.totalHouseholds !== undefined) wb.households = wb.households.slice(0, opts.totalHouseholds);
  for (const rows of Object.values(wb)) {
    (rows as { _row?: number }[]).forEach((r, i) => {
      r._row = i + 2;
    });
  }
  return wb;
}

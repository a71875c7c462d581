/** A small hand-made commune workbook that passes every rule, for mutating in rule tests. */
import type { Workbook } from "../../shared/schemas";

export const TODAY = "2022-03-31";

export function validWorkbook(): Workbook {
  const households = (team: string, prefix: string, responsible: string[], n: number) =>
    Array.from({ length: n }, (_, i) => ({
      household_code: `${prefix}-${String(i + 1).padStart(4, "0")}`,
      team_code: team,
      responsible,
      household_no: i + 1,
      head_name: `Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}${"a".repeat(Math.floor(i / 26))}`,
      birth_year: 1950 + (i % 40),
      members_count: 1 + (i % 6),
      in_zalo: i % 3 !== 0,
    }));
  return {
    villages: [
      { village_code: "QT", village_name: "Thôn Quý Thịnh", ethnic_identity: false },
      { village_code: "NG", village_name: "Thôn Ngọt", ethnic_identity: true },
    ],
    teams: [
      { team_code: "QT-T1", team_name: "Tổ số 1", village_code: "QT", founded_on: "2021-10-15" },
      { team_code: "NG-T1", team_name: "Tổ số 1", village_code: "NG", founded_on: "2021-10-15" },
    ],
    members: [
      { team_code: "QT-T1", member_no: 1, full_name: "Nguyễn Thị An", role: "leader", phone: "0912000001" },
      { team_code: "QT-T1", member_no: 2, full_name: "Hoàng Văn Bình", role: "deputy" },
      { team_code: "QT-T1", member_no: 3, full_name: "Thân Văn Sơn", role: "member" },
      { team_code: "NG-T1", member_no: 1, full_name: "Lục Văn Hải", role: "leader" },
      { team_code: "NG-T1", member_no: 2, full_name: "Vi Thị Mai", role: "deputy" },
      { team_code: "NG-T1", member_no: 3, full_name: "Dương Văn Toàn", role: "member" },
      { team_code: "NG-T1", member_no: 4, full_name: "Giáp Thị Hoa", role: "member" },
    ],
    households: [...households("QT-T1", "QT", ["Nguyễn Thị An", "Hoàng Văn Bình"], 30), ...households("NG-T1", "NG", ["Lục Văn Hải"], 40)],
    changes: [{ change_date: "2022-01-10", household_code: "QT-0003", change_type: "birth", people: 1 }],
    weekly: [
      { week: "2022-W02", team_code: "QT-T1", reporter: "Nguyễn Thị An", submitted_on: "2022-01-17", broadcasts: 3 },
      {
        week: "2022-W02",
        team_code: "NG-T1",
        reporter: "Lục Văn Hải",
        submitted_on: "2022-01-16",
        ethnic_activities: 1,
        ethnic_participants: 40,
      },
    ],
    adhoc: [
      {
        report_code: "DX-1",
        report_date: "2022-01-12",
        team_code: "NG-T1",
        area: "ethnic",
        urgency: "normal",
        content: "Lớp hát Soọng cô",
        status: "resolved",
      },
    ],
    meetings: [{ meeting_date: "2021-12-31", team_code: "QT-T1", kind: "quarterly", members_present: 3 }],
    evaluations: [{ period: "2021-Q4", team_code: "QT-T1", rating: "good" }],
    milestones: [{ milestone_code: "M01", title: "Ban hành kế hoạch", due_on: "2021-10-10", done_on: "2021-10-08", status: "done" }],
    steering: [],
    period_reports: [{ period: "2022-Q1", results: "Các tổ duy trì báo cáo tuần.", proposals: "Đề nghị tập huấn thêm." }],
  };
}

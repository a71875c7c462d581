/**
 * Template specs: every sheet the add-on builds and the worker parses, with its Vietnamese title
 * and columns in order. Row schemas (./schemas) are derived from these, so a column is defined once.
 * Forms mẫu 01 (members) and mẫu 02 (households) follow the forms attached to the district plan (huyện Lục Ngạn, 2021).
 */

import { bool, type ColumnSpec, choice, code, count, date, int, name, names, period, phone, text } from "./cells";
import { ADHOC_STATUSES, CHANGE_TYPES, MEETING_KINDS, MILESTONE_STATUSES, RATINGS, TASK_AREAS, TEAM_ROLES, URGENCIES } from "./enums";
import { reportSheet } from "./report-sheet";
import { type Columns, sheet } from "./sheet-spec";
import { boolOrUnknown } from "./unknown";

export type { Columns, SheetSpec } from "./sheet-spec";

export const villagesSheet = sheet({
  key: "villages",
  title: "Thôn",
  description: "Danh sách thôn, tổ dân phố của xã",
  part: "register",
  naturalKey: ["village_code"],
  columns: {
    village_code: code("village_code", true, { header: "Mã thôn", note: "Mã ngắn, không dấu, ví dụ QT.", width: 90 }),
    village_name: text("village_name", true, { header: "Tên thôn", max: 100, width: 180 }),
    ethnic_identity: bool("ethnic_identity", true, {
      header: "Nhiệm vụ giữ gìn bản sắc dân tộc",
      width: 150,
      note: 'Chọn "Có" nếu thôn thực hiện thêm nhiệm vụ giữ gìn bản sắc dân tộc.',
    }),
  },
});

export const teamsSheet = sheet({
  key: "teams",
  title: "Tổ",
  description: "Danh sách Tổ Dân vận cộng đồng",
  part: "register",
  naturalKey: ["team_code"],
  columns: {
    team_code: code("team_code", true, { header: "Mã tổ", note: "Mã ngắn, không dấu, ví dụ QT-T1.", width: 90 }),
    team_name: text("team_name", true, { header: "Tên tổ", max: 100, width: 140 }),
    village_code: code("village_code", true, { header: "Mã thôn", note: "Chọn thôn trong danh sách (trang Thôn).", width: 90 }),
    founded_on: date("founded_on", true, { header: "Ngày thành lập", width: 110 }),
    dissolved_on: date("dissolved_on", false, {
      header: "Ngày giải thể",
      width: 110,
      note: "Ngày tổ thôi hoạt động (từ ngày này tổ không còn). Để trống nếu tổ đang hoạt động.",
    }),
    decision_no: text("decision_no", false, { header: "Số quyết định thành lập", max: 60, width: 140 }),
    zalo_group: text("zalo_group", false, { header: "Tên nhóm Zalo", max: 100, width: 160 }),
  },
});

export const membersSheet = sheet({
  key: "members",
  title: "Thành viên (mẫu 01)",
  description: "Danh sách các thành viên Tổ Dân vận cộng đồng (kèm theo Quyết định thành lập — mẫu 01)",
  part: "register",
  naturalKey: ["team_code", "full_name"],
  columns: {
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    member_no: int("member_no", true, { header: "STT", min: 1, max: 99, width: 50 }),
    full_name: name("full_name", true, { header: "Họ và tên", width: 180 }),
    current_position: text("current_position", false, { header: "Chức vụ hiện tại", max: 150, width: 180 }),
    role: choice("role", true, { header: "Chức vụ tham gia Tổ DVCĐ", vocab: TEAM_ROLES, width: 130 }),
    phone: phone("phone", false, { header: "Số điện thoại", width: 110 }),
    note: text("note", false, { header: "Ghi chú", max: 500, width: 160 }),
  },
});

export const householdsSheet = sheet({
  key: "households",
  title: "Hộ gia đình (mẫu 02)",
  description: "Danh sách các hộ gia đình phân công phụ trách (mẫu 02)",
  part: "register",
  naturalKey: ["household_code"],
  columns: {
    household_code: code("household_code", true, {
      header: "Mã hộ",
      note: "Mã cố định của hộ, do tiện ích tự tạo. Không sửa.",
      width: 100,
    }),
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    responsible: names("responsible", true, { header: "Người phụ trách", width: 220 }),
    household_no: int("household_no", true, { header: "Số TT", min: 1, max: 999, width: 60 }),
    head_name: name("head_name", true, { header: "Họ và tên chủ hộ", width: 180 }),
    birth_year: int("birth_year", true, {
      header: "Năm sinh",
      min: 1900,
      max: 2100,
      year: true,
      width: 80,
      note: "Năm sinh của chủ hộ, đủ 4 chữ số, ví dụ 1975.",
    }),
    members_count: int("members_count", true, {
      header: "Số nhân khẩu",
      min: 1,
      max: 30,
      width: 90,
      note: "Số nhân khẩu trong gia đình, từ 1 đến 30.",
    }),
    in_zalo: boolOrUnknown("in_zalo", {
      header: "Tham gia nhóm Zalo",
      width: 100,
      note: 'Hộ có người trong nhóm Zalo của tổ: "Có", "Không", hoặc "Chưa rõ" khi chưa biết (tỷ lệ tham gia Zalo chỉ tính trên các hộ đã rõ).',
    }),
    ethnicity: text("ethnicity", false, { header: "Dân tộc", max: 40, width: 90 }),
    note: text("note", false, { header: "Ghi chú", max: 500, width: 160 }),
  },
});

export const changesSheet = sheet({
  key: "changes",
  title: "Biến động nhân khẩu",
  description: "Theo dõi biến động nhân, hộ khẩu hằng ngày",
  part: "log",
  naturalKey: ["change_date", "household_code", "change_type"],
  columns: {
    change_date: date("change_date", true, { header: "Ngày", width: 100 }),
    household_code: code("household_code", true, { header: "Mã hộ", width: 100 }),
    change_type: choice("change_type", true, { header: "Loại biến động", vocab: CHANGE_TYPES, width: 120 }),
    people: int("people", true, { header: "Số người", min: 1, max: 30, width: 80 }),
    note: text("note", false, { header: "Ghi chú", max: 500, width: 200 }),
  },
});

export const weeklySheet = sheet({
  key: "weekly",
  title: "Báo cáo tuần",
  description: "Báo cáo định kỳ hằng tuần của Tổ Dân vận cộng đồng",
  part: "log",
  naturalKey: ["week", "team_code"],
  columns: {
    week: period("week", true, { header: "Tuần", kinds: ["week"], example: "2022-W03", width: 90 }),
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    reporter: name("reporter", true, { header: "Người báo cáo", width: 160 }),
    submitted_on: date("submitted_on", true, { header: "Ngày báo cáo", width: 100 }),
    // Counts: each summed by the rollup under its `group` (./weekly-counts.ts derives every list of them).
    broadcasts: count("broadcasts", "Số lần tuyên truyền trên loa", { group: "propaganda", short: "Loa", chart: true }),
    zalo_posts: count("zalo_posts", "Số tin đăng nhóm Zalo", { group: "propaganda", short: "Tin Zalo", chart: true }),
    households_visited: count("households_visited", "Số hộ đến tận nhà", { group: "propaganda", short: "Hộ đến tận nhà" }),
    covid_new_cases: count("covid_new_cases", "Covid-19: ca mắc mới", { group: "covid" }),
    covid_violations: count("covid_violations", "Covid-19: vi phạm quy định", { group: "covid" }),
    covid_vaccination: count("covid_vaccination", "Covid-19: người được vận động tiêm vắc xin", { group: "covid" }),
    antt_incidents: count("antt_incidents", "ANTT: vụ việc phát hiện", { group: "antt" }),
    antt_disputes_mediated: count("antt_disputes_mediated", "ANTT: mâu thuẫn được hòa giải", { group: "antt" }),
    antt_police_reports: count("antt_police_reports", "ANTT: tin báo công an", { group: "antt" }),
    env_violations: count("env_violations", "Môi trường: vi phạm", { group: "env" }),
    env_cleanups: count("env_cleanups", "Môi trường: buổi tổng vệ sinh", { group: "env" }),
    env_waste_sorting: count("env_waste_sorting", "Môi trường: hộ phân loại rác", { group: "env" }),
    ethnic_activities: count(
      "ethnic_activities",
      "Bản sắc dân tộc: hoạt động văn hóa",
      { group: "ethnic" },
      "Chỉ nhập ở thôn có nhiệm vụ giữ gìn bản sắc dân tộc.",
    ),
    ethnic_participants: count(
      "ethnic_participants",
      "Bản sắc dân tộc: người tham gia",
      { group: "ethnic" },
      "Chỉ nhập ở thôn có nhiệm vụ giữ gìn bản sắc dân tộc.",
    ),
    difficulties: text("difficulties", false, { header: "Khó khăn, vướng mắc", max: 2000, width: 220 }),
    proposals: text("proposals", false, { header: "Đề xuất, kiến nghị", max: 2000, width: 220 }),
  },
});

export const adhocSheet = sheet({
  key: "adhoc",
  title: "Báo cáo đột xuất",
  description: "Báo cáo đột xuất của Tổ Dân vận cộng đồng",
  part: "log",
  naturalKey: ["report_code"],
  columns: {
    report_code: code("report_code", true, { header: "Mã báo cáo", note: "Mã cố định, do tiện ích tự tạo. Không sửa.", width: 110 }),
    report_date: date("report_date", true, { header: "Ngày", width: 100 }),
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    area: choice("area", true, { header: "Lĩnh vực", vocab: TASK_AREAS, width: 170 }),
    urgency: choice("urgency", true, { header: "Mức độ", vocab: URGENCIES, width: 100 }),
    content: text("content", true, { header: "Nội dung", max: 2000, width: 260 }),
    action_taken: text("action_taken", false, { header: "Biện pháp đã xử lý", max: 2000, width: 220 }),
    referred_to: text("referred_to", false, { header: "Chuyển đến", max: 200, width: 140 }),
    status: choice("status", true, { header: "Tình trạng", vocab: ADHOC_STATUSES, width: 110 }),
  },
});

export const meetingsSheet = sheet({
  key: "meetings",
  title: "Họp tổ",
  description: "Các cuộc họp định kỳ quý, 6 tháng, năm của tổ",
  part: "log",
  naturalKey: ["meeting_date", "team_code", "kind"],
  columns: {
    meeting_date: date("meeting_date", true, { header: "Ngày họp", width: 100 }),
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    kind: choice("kind", true, { header: "Loại cuộc họp", vocab: MEETING_KINDS, width: 120 }),
    members_present: int("members_present", true, { header: "Số thành viên dự", min: 0, max: 5, width: 90 }),
    results: text("results", false, { header: "Kết quả đã thực hiện", max: 3000, width: 240 }),
    difficulties: text("difficulties", false, { header: "Khó khăn, vướng mắc", max: 3000, width: 220 }),
    solutions: text("solutions", false, { header: "Giải pháp, nhiệm vụ tiếp theo", max: 3000, width: 220 }),
  },
});

export const evaluationsSheet = sheet({
  key: "evaluations",
  title: "Đánh giá",
  description: "Ban Chỉ đạo xã đánh giá, xếp loại các tổ hằng quý, hằng năm",
  part: "log",
  naturalKey: ["period", "team_code"],
  columns: {
    period: period("period", true, { header: "Kỳ đánh giá", kinds: ["quarter", "year"], example: "2022-Q1 hoặc 2022", width: 100 }),
    team_code: code("team_code", true, { header: "Mã tổ", width: 90 }),
    rating: choice("rating", true, { header: "Xếp loại", vocab: RATINGS, width: 200 }),
    commendation: text("commendation", false, {
      header: "Đề xuất khen thưởng",
      max: 300,
      width: 180,
      note: "Ví dụ: Giấy khen của UBND xã. Để trống nếu không đề xuất.",
    }),
    comment: text("comment", false, { header: "Nhận xét", max: 2000, width: 240 }),
  },
});

export const milestonesSheet = sheet({
  key: "milestones",
  title: "Tiến độ kế hoạch",
  description: "Các mốc thời gian của kế hoạch (mục III)",
  part: "log",
  naturalKey: ["milestone_code"],
  columns: {
    milestone_code: code("milestone_code", true, { header: "Mã", width: 60 }),
    title: text("title", true, { header: "Nội dung", max: 500, width: 320 }),
    due_on: date("due_on", true, { header: "Hạn hoàn thành", width: 110 }),
    done_on: date("done_on", false, { header: "Ngày hoàn thành", width: 110 }),
    status: choice("status", true, { header: "Tình trạng", vocab: MILESTONE_STATUSES, width: 120 }),
  },
});

/** Every sheet, in the order the add-on lays them out. */
export const SHEETS = {
  villages: villagesSheet,
  teams: teamsSheet,
  members: membersSheet,
  households: householdsSheet,
  changes: changesSheet,
  weekly: weeklySheet,
  adhoc: adhocSheet,
  meetings: meetingsSheet,
  evaluations: evaluationsSheet,
  milestones: milestonesSheet,
  period_reports: reportSheet,
} as const;

export type SheetKey = keyof typeof SHEETS;
export const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];

/** The columns of a sheet, in order. */
export function columnsOf(key: SheetKey): ColumnSpec[] {
  return Object.values(SHEETS[key].columns) as ColumnSpec[];
}

/** Header text of a column, for messages. */
export function headerOf(sheet: SheetKey, column: string): string {
  return (SHEETS[sheet].columns as Columns)[column]?.header ?? column;
}

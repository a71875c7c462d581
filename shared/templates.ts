/**
 * Template specs: every sheet the add-on builds and the worker parses, with its Vietnamese title
 * and columns in order. Row schemas (./schemas) are derived from these, so a column is defined once.
 * The register's sheets are in ./templates/register.ts, what a spec is in ./templates/sheet.ts.
 * Forms mẫu 01 (members) and mẫu 02 (households) follow the forms attached to the district plan (huyện Lục Ngạn, 2021).
 */

import { type ColumnSpec, choice, code, count, date, int, name, period, phone, text } from "./cells";
import { ADHOC_STATUSES, MEETING_KINDS, MILESTONE_STATUSES, RATINGS, STEERING_ROLES, STEERING_SEATS, TASK_AREAS, URGENCIES } from "./enums";
import { reportSheet } from "./report-sheet";
import { changesSheet, householdsSheet, membersSheet, teamsSheet, villagesSheet } from "./templates/register";
import { type Columns, sheet } from "./templates/sheet";

export { changesSheet, householdsSheet, membersSheet, teamsSheet, villagesSheet } from "./templates/register";
export type { Columns, SheetSpec } from "./templates/sheet";

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
    // Counts: each summed by the rollup under its `group` (./weekly-counts.ts derives every list of them);
    // `zalo` and `words`: its line in the Zalo report form and how leaders write it (./zalo/labels.ts);
    // `criterion`: the evaluation draft's activity criterion that sums it (./evaluation/criteria.ts).
    broadcasts: count("broadcasts", "Số lần tuyên truyền trên loa", {
      group: "propaganda",
      short: "Loa",
      chart: true,
      zalo: "Tuyên truyền trên loa (lần)",
      criterion: "TT",
      words: ["loa", "loa truyền thanh", "tuyên truyền loa", "tuyên truyền trên loa", "phát loa", "phát thanh"],
    }),
    zalo_posts: count("zalo_posts", "Số tin đăng nhóm Zalo", {
      group: "propaganda",
      short: "Tin Zalo",
      chart: true,
      zalo: "Tin đăng nhóm Zalo",
      criterion: "TT",
      words: ["zalo", "tin zalo", "đăng zalo", "bài đăng zalo", "tin nhóm zalo", "đăng nhóm zalo"],
    }),
    households_visited: count("households_visited", "Số hộ đến tận nhà", {
      group: "propaganda",
      short: "Hộ đến tận nhà",
      zalo: "Hộ đến tận nhà",
      criterion: "HO",
      words: ["đến tận nhà", "đến nhà", "thăm hộ", "đến hộ", "hộ đến tận nơi", "đi hộ"],
    }),
    covid_new_cases: count("covid_new_cases", "Covid-19: ca mắc mới", {
      group: "covid",
      zalo: "Covid - ca mắc mới",
      words: ["ca mắc mới", "ca mắc", "mắc mới", "F0", "ca covid"],
    }),
    covid_violations: count("covid_violations", "Covid-19: vi phạm quy định", {
      group: "covid",
      zalo: "Covid - vi phạm quy định",
      words: ["vi phạm covid", "vi phạm phòng dịch", "vi phạm quy định phòng dịch"],
    }),
    covid_vaccination: count("covid_vaccination", "Covid-19: người được vận động tiêm vắc xin", {
      group: "covid",
      zalo: "Covid - vận động tiêm vắc xin (người)",
      words: ["tiêm vắc xin", "vận động tiêm", "vận động tiêm vắc xin", "tiêm chủng", "vắc xin", "vacxin", "tiêm vacxin"],
    }),
    antt_incidents: count("antt_incidents", "ANTT: vụ việc phát hiện", {
      group: "antt",
      zalo: "ANTT - vụ việc phát hiện",
      words: ["vụ việc", "vụ việc ANTT", "vụ việc phát hiện", "vụ việc an ninh trật tự"],
    }),
    antt_disputes_mediated: count("antt_disputes_mediated", "ANTT: mâu thuẫn được hòa giải", {
      group: "antt",
      zalo: "ANTT - mâu thuẫn được hòa giải",
      words: ["hòa giải", "mâu thuẫn hòa giải", "hòa giải mâu thuẫn", "hòa giải thành"],
    }),
    antt_police_reports: count("antt_police_reports", "ANTT: tin báo công an", {
      group: "antt",
      zalo: "ANTT - tin báo công an",
      words: ["tin báo công an", "báo công an", "tin báo"],
    }),
    env_violations: count("env_violations", "Môi trường: vi phạm", {
      group: "env",
      zalo: "Môi trường - vi phạm",
      words: ["vi phạm môi trường", "vi phạm về môi trường"],
    }),
    env_cleanups: count("env_cleanups", "Môi trường: buổi tổng vệ sinh", {
      group: "env",
      zalo: "Môi trường - buổi tổng vệ sinh",
      words: ["tổng vệ sinh", "buổi tổng vệ sinh", "vệ sinh môi trường", "dọn vệ sinh"],
    }),
    env_waste_sorting: count("env_waste_sorting", "Môi trường: hộ phân loại rác", {
      group: "env",
      zalo: "Môi trường - hộ phân loại rác",
      words: ["phân loại rác", "hộ phân loại rác", "phân loại rác thải"],
    }),
    ethnic_activities: count(
      "ethnic_activities",
      "Bản sắc dân tộc: hoạt động văn hóa",
      {
        group: "ethnic",
        zalo: "Bản sắc dân tộc - hoạt động văn hóa",
        words: ["hoạt động văn hóa", "văn hóa dân tộc", "hoạt động bản sắc"],
      },
      "Chỉ nhập ở thôn có nhiệm vụ giữ gìn bản sắc dân tộc.",
    ),
    ethnic_participants: count(
      "ethnic_participants",
      "Bản sắc dân tộc: người tham gia",
      {
        group: "ethnic",
        zalo: "Bản sắc dân tộc - người tham gia",
        words: ["người tham gia", "số người tham gia", "tham gia văn hóa"],
      },
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
    suggested_rating: choice("suggested_rating", false, {
      header: "Xếp loại gợi ý",
      vocab: RATINGS,
      width: 200,
      note: "Do tiện ích điền (Dân vận → Dự thảo đánh giá) theo trang Tiêu chí đánh giá. Ban Chỉ đạo sửa ở cột Xếp loại; xếp loại đã sửa không bị ghi đè.",
    }),
    suggestion_reasons: text("suggestion_reasons", false, { header: "Lý do gợi ý", max: 1500, width: 320 }),
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

export const steeringSheet = sheet({
  key: "steering",
  title: "Ban Chỉ đạo",
  description: "Ban Chỉ đạo xây dựng Tổ Dân vận cộng đồng của xã: từ 7 đến 9 đồng chí (kế hoạch, mục II.1.2)",
  part: "roster",
  naturalKey: ["full_name"],
  columns: {
    member_no: int("member_no", true, { header: "STT", min: 1, max: 99, width: 50 }),
    full_name: name("full_name", true, { header: "Họ và tên", width: 180 }),
    current_position: text("current_position", false, { header: "Chức vụ hiện tại", max: 150, width: 200 }),
    seat: choice("seat", true, { header: "Thành phần", vocab: STEERING_SEATS, width: 230 }),
    role: choice("role", true, { header: "Chức vụ trong Ban Chỉ đạo", vocab: STEERING_ROLES, width: 140 }),
    phone: phone("phone", false, { header: "Số điện thoại", width: 110 }),
    note: text("note", false, { header: "Ghi chú", max: 500, width: 160 }),
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
  steering: steeringSheet,
  period_reports: reportSheet,
} as const;

export type SheetKey = keyof typeof SHEETS;
export const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];
/** The sheets whose part is "roster" (see SheetSpec.part); tests/shared checks the list against SHEETS. */
export const ROSTER_SHEET_KEYS = ["steering"] as const satisfies readonly SheetKey[];
export type RosterSheetKey = (typeof ROSTER_SHEET_KEYS)[number];

/** The columns of a sheet, in order. */
export function columnsOf(key: SheetKey): ColumnSpec[] {
  return Object.values(SHEETS[key].columns) as ColumnSpec[];
}

/** Header text of a column, for messages. */
export function headerOf(sheet: SheetKey, column: string): string {
  return (SHEETS[sheet].columns as Columns)[column]?.header ?? column;
}

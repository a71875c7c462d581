/**
 * The commune register's sheets (part "register", replaced whole by each submission): villages,
 * teams, members (mẫu 01), households (mẫu 02) and the log of household changes. Listed in ../templates.ts SHEETS.
 */
import { bool, choice, code, date, int, name, names, phone, text } from "../cells";
import { CHANGE_TYPES, TEAM_ROLES } from "../enums";
import { boolOrUnknown } from "../unknown";
import { sheet } from "./sheet";

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

/**
 * The closed vocabularies of the domain, with the Vietnamese labels users see.
 * Labels are what cells hold; codes are what the API and the database store.
 * Source: the district plan (huyện Lục Ngạn, 2021, on Tổ Dân vận cộng đồng), sections II and IV.
 */

/** A code → Vietnamese label table, read-only. */
export type Vocabulary<C extends string> = Readonly<Record<C, string>>;

export const TEAM_ROLES = {
  leader: "Tổ trưởng",
  deputy: "Tổ phó",
  member: "Tổ viên",
} as const satisfies Vocabulary<string>;
export type TeamRole = keyof typeof TEAM_ROLES;

/** The four task areas; `ethnic` only in villages that enable it. */
export const TASK_AREAS = {
  covid: "Phòng, chống dịch Covid-19",
  antt: "An ninh, trật tự",
  env: "Bảo vệ môi trường",
  ethnic: "Giữ gìn bản sắc dân tộc",
} as const satisfies Vocabulary<string>;
export type TaskArea = keyof typeof TASK_AREAS;

/**
 * Where the rollup sums a weekly count (shared/templates.ts weeklySheet, each count's `figure.group`):
 * propaganda, or one of the task areas. The heading is the page's.
 */
export const FIGURE_GROUPS = {
  propaganda: "Tuyên truyền, vận động",
  ...TASK_AREAS,
} as const satisfies Vocabulary<string>;
export type FigureGroup = keyof typeof FIGURE_GROUPS;

export const CHANGE_TYPES = {
  birth: "Sinh",
  death: "Mất",
  move_in: "Chuyển đến",
  move_out: "Chuyển đi",
  split: "Tách hộ",
  merge: "Nhập hộ",
} as const satisfies Vocabulary<string>;
export type ChangeType = keyof typeof CHANGE_TYPES;

/** Sign of a change type on the number of people (split/merge move people between households). */
export const CHANGE_SIGN: Readonly<Record<ChangeType, -1 | 0 | 1>> = {
  birth: 1,
  death: -1,
  move_in: 1,
  move_out: -1,
  split: 0,
  merge: 0,
};

export const URGENCIES = {
  normal: "Bình thường",
  urgent: "Khẩn",
  critical: "Rất khẩn",
} as const satisfies Vocabulary<string>;
export type Urgency = keyof typeof URGENCIES;

export const ADHOC_STATUSES = {
  open: "Mới phát sinh",
  in_progress: "Đang xử lý",
  resolved: "Đã xử lý",
} as const satisfies Vocabulary<string>;
export type AdhocStatus = keyof typeof ADHOC_STATUSES;

export const MEETING_KINDS = {
  quarterly: "Họp quý",
  half_year: "Họp 6 tháng",
  yearly: "Họp năm",
  extraordinary: "Họp đột xuất",
} as const satisfies Vocabulary<string>;
export type MeetingKind = keyof typeof MEETING_KINDS;

export const RATINGS = {
  excellent: "Hoàn thành xuất sắc nhiệm vụ",
  good: "Hoàn thành tốt nhiệm vụ",
  done: "Hoàn thành nhiệm vụ",
  not_done: "Không hoàn thành nhiệm vụ",
} as const satisfies Vocabulary<string>;
export type Rating = keyof typeof RATINGS;

export const MILESTONE_STATUSES = {
  todo: "Chưa thực hiện",
  doing: "Đang thực hiện",
  done: "Đã hoàn thành",
} as const satisfies Vocabulary<string>;
export type MilestoneStatus = keyof typeof MILESTONE_STATUSES;

/** Positions in the commune steering committee (Ban Chỉ đạo xã), plan section II.1.2. */
export const STEERING_ROLES = {
  head: "Trưởng ban",
  deputy: "Phó Trưởng ban",
  member: "Thành viên",
} as const satisfies Vocabulary<string>;
export type SteeringRole = keyof typeof STEERING_ROLES;

/** Whom a steering committee member represents (plan section II.1.2: "thành phần"). */
export const STEERING_SEATS = {
  party_secretary: "Bí thư Đảng ủy xã",
  standing_deputy: "Phó Bí thư Thường trực Đảng ủy xã",
  people_committee: "Lãnh đạo UBND xã",
  front: "Chủ tịch Ủy ban MTTQ xã",
  mass_org: "Trưởng đoàn thể",
  health: "Trạm trưởng Trạm Y tế",
  police: "Trưởng Công an xã",
  land_env: "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường",
  other: "Khác",
} as const satisfies Vocabulary<string>;
export type SteeringSeat = keyof typeof STEERING_SEATS;

/** Positions in the district guidance and supervision team (Tổ hướng dẫn và giám sát), plan section II.1.1. */
export const GUIDANCE_ROLES = {
  head: "Tổ trưởng",
  member: "Thành viên",
} as const satisfies Vocabulary<string>;
export type GuidanceRole = keyof typeof GUIDANCE_ROLES;

/** Whom a guidance team member represents (plan sections II.1.1 and IV). */
export const GUIDANCE_SEATS = {
  dv_head: "Trưởng Ban Dân vận",
  dv_deputy: "Phó Trưởng Ban Dân vận",
  health: "Lãnh đạo Phòng Y tế",
  environment: "Lãnh đạo Phòng Tài nguyên và Môi trường",
  police: "Lãnh đạo Công an",
  culture: "Lãnh đạo Phòng Văn hóa và Thông tin",
  other: "Khác",
} as const satisfies Vocabulary<string>;
export type GuidanceSeat = keyof typeof GUIDANCE_SEATS;

/** Codes of a vocabulary as a non-empty tuple, for z.enum. */
export function codesOf<C extends string>(v: Vocabulary<C>): [C, ...C[]] {
  return Object.keys(v) as [C, ...C[]];
}

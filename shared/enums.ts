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

/** Codes of a vocabulary as a non-empty tuple, for z.enum. */
export function codesOf<C extends string>(v: Vocabulary<C>): [C, ...C[]] {
  return Object.keys(v) as [C, ...C[]];
}

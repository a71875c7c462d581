/**
 * The words of a team's weekly report on Zalo: the short label of each figure in the message the
 * add-on gives the team (./form.ts), and the other ways leaders write it (read by ./parse.ts,
 * compared without case, diacritics or punctuation). A figure without a label here is written and
 * read under its template header (shared/templates.ts weeklySheet).
 */
import { headerOf } from "../templates";
import { fold } from "../text";
import { WEEKLY_FIGURES } from "../weekly";

/** Short labels, as the form shows them (no ":" inside: it separates the label from the number). */
const SHORT: Readonly<Record<string, string>> = {
  broadcasts: "Tuyên truyền trên loa (lần)",
  zalo_posts: "Tin đăng nhóm Zalo",
  households_visited: "Hộ đến tận nhà",
  covid_new_cases: "Covid - ca mắc mới",
  covid_violations: "Covid - vi phạm quy định",
  covid_vaccination: "Covid - vận động tiêm vắc xin (người)",
  antt_incidents: "ANTT - vụ việc phát hiện",
  antt_disputes_mediated: "ANTT - mâu thuẫn được hòa giải",
  antt_police_reports: "ANTT - tin báo công an",
  env_violations: "Môi trường - vi phạm",
  env_cleanups: "Môi trường - buổi tổng vệ sinh",
  env_waste_sorting: "Môi trường - hộ phân loại rác",
  ethnic_activities: "Bản sắc dân tộc - hoạt động văn hóa",
  ethnic_participants: "Bản sắc dân tộc - người tham gia",
};

/** Other ways of writing a label (folded). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  broadcasts: ["loa", "loa truyen thanh", "tuyen truyen loa", "tuyen truyen tren loa", "phat loa", "phat thanh"],
  zalo_posts: ["zalo", "tin zalo", "dang zalo", "bai dang zalo", "tin nhom zalo", "dang nhom zalo"],
  households_visited: ["den tan nha", "den nha", "tham ho", "den ho", "ho den tan noi", "di ho"],
  covid_new_cases: ["ca mac moi", "ca mac", "mac moi", "f0", "ca covid"],
  covid_violations: ["vi pham covid", "vi pham phong dich", "vi pham quy dinh phong dich"],
  covid_vaccination: ["tiem vac xin", "van dong tiem", "van dong tiem vac xin", "tiem chung", "vac xin", "vacxin", "tiem vacxin"],
  antt_incidents: ["vu viec", "vu viec antt", "vu viec phat hien", "vu viec an ninh trat tu"],
  antt_disputes_mediated: ["hoa giai", "mau thuan hoa giai", "hoa giai mau thuan", "hoa giai thanh"],
  antt_police_reports: ["tin bao cong an", "bao cong an", "tin bao"],
  env_violations: ["vi pham moi truong", "vi pham ve moi truong"],
  env_cleanups: ["tong ve sinh", "buoi tong ve sinh", "ve sinh moi truong", "don ve sinh"],
  env_waste_sorting: ["phan loai rac", "ho phan loai rac", "phan loai rac thai"],
  ethnic_activities: ["hoat dong van hoa", "van hoa dan toc", "hoat dong ban sac"],
  ethnic_participants: ["nguoi tham gia", "so nguoi tham gia", "tham gia van hoa"],
};

/** Label of a figure in the form. */
export const figureLabel = (key: string): string => SHORT[key] ?? headerOf("weekly", key);

/** The other fields of the form, with the ways of writing their labels (folded). */
export const FIELDS = {
  team: { label: "Tổ", aliases: ["to", "ten to", "ma to", "to dan van", "to dvcd"] },
  week: { label: "Tuần", aliases: ["tuan", "tuan bao cao", "bao cao tuan"] },
  reporter: { label: "Người báo cáo", aliases: ["nguoi bao cao", "nguoi bc", "bao cao vien", "ho ten", "nguoi gui"] },
  date: { label: "Ngày báo cáo", aliases: ["ngay bao cao", "ngay bc", "ngay"] },
  difficulties: { label: "Khó khăn, vướng mắc", aliases: ["kho khan", "kho khan vuong mac", "vuong mac"] },
  proposals: { label: "Đề xuất, kiến nghị", aliases: ["de xuat", "kien nghi", "de xuat kien nghi", "de nghi"] },
} as const;
export type FieldKey = keyof typeof FIELDS;

/** A label folded for matching: no case, diacritics or punctuation, single spaces, one name per task area. */
export const labelKey = (s: string): string =>
  fold(s)
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b(?:an ninh trat tu|an ninh)\b/g, "antt")
    .replace(/\bcovid 19\b/g, "covid")
    .replace(/\bbao ve moi truong\b/g, "moi truong")
    .trim();

/** Every way of writing each figure and field: folded label → what it names. */
export function labelIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [k, f] of Object.entries(FIELDS)) for (const a of [f.label, ...f.aliases]) index.set(labelKey(a), k);
  for (const k of WEEKLY_FIGURES) {
    for (const a of [figureLabel(k), headerOf("weekly", k), ...(ALIASES[k] ?? [])]) index.set(labelKey(a), k);
  }
  return index;
}

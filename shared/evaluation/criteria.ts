/**
 * The rule table of the evaluation drafts: a sheet "Tiêu chí đánh giá" the commune edits, created
 * with defaults by "Thiết lập mẫu" (and by tools/district's provision: one layout, two builders,
 * ../template-plan.ts). One row per criterion with the least value for each rating, and the
 * commendation proposed for a rating (yearly and quarterly evaluations; the plan's commendations are
 * yearly, II.1.2 and IV.1). Rows are found by their code in column A, so the clerk may reorder them;
 * a blank threshold asks nothing at that rating. Pure.
 */
import { readNumber } from "../cells";
import type { Rating } from "../enums";
import { nfc } from "../text";
import { WEEKLY_COUNT_COLUMNS } from "../weekly-counts";

export const CRITERIA_SHEET = "Tiêu chí đánh giá";

export type CriterionCode = "BC" | "DH" | "HOP" | "TT" | "HO";
/** The criteria that sum weekly counts: each count says which, by its `criterion` (../templates.ts weeklySheet). */
export type ActivityCriterion = "TT" | "HO";

/** The weekly counts an activity criterion sums, in sheet order. */
export const countsOfCriterion = (code: ActivityCriterion) => WEEKLY_COUNT_COLUMNS.filter((c) => c.figure.criterion === code);

/** "số lần tuyên truyền trên loa và số tin đăng nhóm Zalo": the criterion's counts, as words in a sentence. */
const countWords = (code: ActivityCriterion) =>
  countsOfCriterion(code)
    .map((c) => c.header.charAt(0).toLocaleLowerCase("vi") + c.header.slice(1))
    .join(" và ");
/** The ratings a threshold leads to, best first ("Không hoàn thành" is below the last). */
export const LEVELS = ["excellent", "good", "done"] as const satisfies readonly Rating[];

export const CRITERIA: readonly {
  code: CriterionCode;
  label: string;
  unit: string;
  defaults: readonly [number, number, number];
  how: string;
}[] = [
  {
    code: "BC",
    label: "Tỷ lệ báo cáo tuần (%)",
    unit: "%",
    defaults: [95, 85, 70],
    how: "Số báo cáo tuần đã có / số báo cáo phải nộp trong kỳ (tính như trang tổng hợp của huyện).",
  },
  {
    code: "DH",
    label: "Tỷ lệ báo cáo đúng hạn (%)",
    unit: "%",
    defaults: [90, 75, 50],
    how: "Báo cáo có Ngày báo cáo không muộn hơn thứ Hai sau tuần / số báo cáo phải nộp.",
  },
  {
    code: "HOP",
    label: "Tỷ lệ quý có họp tổ định kỳ (%)",
    unit: "%",
    defaults: [100, 100, 0],
    how: "Số quý có họp quý, 6 tháng hoặc năm / số quý tổ hoạt động (quý chưa kết thúc chỉ tính khi đã họp).",
  },
  {
    code: "TT",
    label: "Tuyên truyền trên loa và Zalo, bình quân mỗi tuần (lần)",
    unit: "lần/tuần",
    defaults: [4, 2, 1],
    how: `Tổng ${countWords("TT")} / số tuần phải báo cáo.`,
  },
  {
    code: "HO",
    label: "Hộ đến tận nhà, bình quân mỗi tuần",
    unit: "hộ/tuần",
    defaults: [5, 3, 1],
    how: `Tổng ${countWords("HO")} / số tuần phải báo cáo.`,
  },
];

export type CommendationCode = "KT-NAM" | "KT-QUY";
const COMMENDATIONS: readonly { code: CommendationCode; label: string; defaults: readonly [string, string, string] }[] = [
  { code: "KT-NAM", label: "Đề xuất khen thưởng khi đánh giá năm", defaults: ["Giấy khen của Chủ tịch UBND xã", "", ""] },
  { code: "KT-QUY", label: "Đề xuất khen thưởng khi đánh giá quý", defaults: ["", "", ""] },
];

export const CRITERIA_HEADER = [
  "Mã",
  "Tiêu chí",
  "Hoàn thành xuất sắc nhiệm vụ (từ)",
  "Hoàn thành tốt nhiệm vụ (từ)",
  "Hoàn thành nhiệm vụ (từ)",
  "Cách tính",
];
export const CRITERIA_WIDTHS = [60, 300, 150, 150, 150, 420] as const;

/** The sheet as "Thiết lập mẫu" creates it: header and default rows (8 × 6 cells after the header). */
export function criteriaRows(): unknown[][] {
  return [
    CRITERIA_HEADER,
    ...CRITERIA.map((c) => [c.code, c.label, ...c.defaults, c.how]),
    ...COMMENDATIONS.map((c) => [c.code, c.label, ...c.defaults, "Để trống nếu không đề xuất."]),
  ];
}

/** Number formats of the created block: text, numbers in the threshold columns of criterion rows. */
export function criteriaFormats(): string[][] {
  return criteriaRows().map((_, r) => CRITERIA_HEADER.map((__, c) => (r >= 1 && r <= CRITERIA.length && c >= 2 && c <= 4 ? "0.##" : "@")));
}

export interface CriteriaTable {
  /** Criterion → least value per level (null: nothing asked at that level); a criterion not in the sheet is not used. */
  thresholds: Partial<Record<CriterionCode, (number | null)[]>>;
  /** Commendation proposed per period kind and rating ("" none). */
  commendations: Record<"year" | "quarter", Partial<Record<Rating, string>>>;
}

/** Read the sheet's values (header first); errors name the cell, in Vietnamese. */
export function readCriteria(values: readonly (readonly unknown[])[]): { table: CriteriaTable; errors: string[] } {
  const table: CriteriaTable = { thresholds: {}, commendations: { year: {}, quarter: {} } };
  const errors: string[] = [];
  values.forEach((row, i) => {
    const code = nfc(row[0]).toUpperCase();
    const crit = CRITERIA.find((c) => c.code === code);
    if (crit) {
      const t = LEVELS.map((_, j) => {
        const v = row[2 + j];
        if (v === "" || v === null || v === undefined) return null;
        const n = readNumber(typeof v === "string" ? v.replace(",", ".") : v);
        if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
          errors.push(`Trang "${CRITERIA_SHEET}", dòng ${i + 1}, cột ${CRITERIA_HEADER[2 + j]}: "${nfc(v)}" không phải là số.`);
          return null;
        }
        return n;
      });
      const set = t.filter((x): x is number => x !== null);
      if (set.some((x, j) => j > 0 && x > set[j - 1]!)) {
        errors.push(
          `Trang "${CRITERIA_SHEET}", dòng ${i + 1}: mức xuất sắc phải cao hơn hoặc bằng mức tốt, mức tốt cao hơn hoặc bằng mức hoàn thành.`,
        );
      }
      table.thresholds[crit.code] = t;
    } else if (code === "KT-NAM" || code === "KT-QUY") {
      const kind = code === "KT-NAM" ? "year" : "quarter";
      LEVELS.forEach((level, j) => {
        table.commendations[kind][level] = nfc(row[2 + j]).slice(0, 300);
      });
    }
  });
  return { table, errors };
}

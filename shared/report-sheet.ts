/**
 * "Báo cáo kỳ": the commune's narrative for a reporting period or a phase review, one row per period,
 * in the sections a Vietnamese periodic report has (kết quả; hạn chế, khó khăn; nguyên nhân; phương
 * hướng; kiến nghị). The worker's report (worker/src/report/) puts it beside the figures of the same
 * period. Free text: it is shown on the commune's own link only, never on district or province links.
 */
import { period, text } from "./cells";
import { sheet } from "./templates/sheet";

/** Characters allowed per section (a page of A4 is about 3,000). */
export const NARRATIVE_LIMITS = { results: 4000, shortcomings: 3000, causes: 2000, directions: 3000, proposals: 2000 } as const;

const limit = (key: keyof typeof NARRATIVE_LIMITS, hint: string) =>
  `${hint} Tối đa ${NARRATIVE_LIMITS[key].toLocaleString("vi-VN")} ký tự; xuống dòng trong ô bằng Ctrl+Enter.`;

export const reportSheet = sheet({
  key: "period_reports",
  title: "Báo cáo kỳ",
  description: "Phần nhận định của xã trong báo cáo tháng, quý, 6 tháng, năm và báo cáo sơ kết, tổng kết",
  part: "log",
  naturalKey: ["period"],
  columns: {
    period: period("period", true, {
      header: "Kỳ báo cáo",
      kinds: ["month", "quarter", "half", "year", "phase"],
      example: "2022-01, 2022-Q1, 2022-H1, 2022 hoặc P1 (sơ kết đợt 1)",
      width: 110,
      note: "Tháng 2022-01, quý 2022-Q1, 6 tháng 2022-H1, năm 2022; P1, P2: sơ kết đợt 1, đợt 2; P3: tổng kết.",
    }),
    results: text("results", false, {
      header: "Kết quả đạt được",
      max: NARRATIVE_LIMITS.results,
      width: 320,
      note: limit("results", "Những kết quả nổi bật; số liệu do hệ thống tự điền."),
    }),
    shortcomings: text("shortcomings", false, {
      header: "Hạn chế, khó khăn",
      max: NARRATIVE_LIMITS.shortcomings,
      width: 260,
      note: limit("shortcomings", "Những hạn chế, khó khăn trong kỳ."),
    }),
    causes: text("causes", false, {
      header: "Nguyên nhân",
      max: NARRATIVE_LIMITS.causes,
      width: 220,
      note: limit("causes", "Nguyên nhân của hạn chế, khó khăn."),
    }),
    directions: text("directions", false, {
      header: "Phương hướng, giải pháp",
      max: NARRATIVE_LIMITS.directions,
      width: 260,
      note: limit("directions", "Phương hướng, nhiệm vụ, giải pháp kỳ tới."),
    }),
    proposals: text("proposals", false, {
      header: "Kiến nghị, đề xuất",
      max: NARRATIVE_LIMITS.proposals,
      width: 220,
      note: limit("proposals", "Kiến nghị, đề xuất với cấp trên."),
    }),
  },
});

/** The narrative sections, in the order a report has them. */
export const NARRATIVE_KEYS = ["results", "shortcomings", "causes", "directions", "proposals"] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

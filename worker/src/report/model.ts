/**
 * buildReport(): the rollup of a period and, on a commune's own link, its narrative → the report as a
 * document (./types.ts). The figures are the rollup's (./figures.ts); parts II–IV are the narrative's
 * sections on a commune link, and fixed sentences with figures on an aggregate link, which shows no
 * text a commune typed (ARCHITECTURE.md, "Personal data and free text only on commune links").
 */
import { NARRATIVE_KEYS, type NarrativeKey, reportSheet } from "../../../shared/report-sheet";
import type { Rollup } from "../rollup/types";
import { figureBlocks, reportFigures } from "./figures";
import { bodiesOf, headingOf } from "./heading";
import type { Narrative } from "./narrative";
import type { ReportBlock, ReportDoc, ReportPart } from "./types";

const REVIEWS = ["P1", "P2", "P3"] as const;
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

/** "Sơ kết", "tổng kết": the review a phase ends with (shared/plan.ts PLAN_PHASES). */
export const reviewOf = (periodKey: string): ReportDoc["review"] => REVIEWS.find((k) => k === periodKey) ?? null;

const NOT_WRITTEN = `(Xã chưa nhập nội dung này ở trang "${reportSheet.title}".)`;
const TO_COMPLETE = "(Cơ quan báo cáo bổ sung nội dung này trước khi ký ban hành.)";

/** The paragraphs of one section of the narratives: each commune's, named when there are several. */
function section(r: Rollup, narratives: readonly Narrative[], key: NarrativeKey): string[] {
  const label = (id: string) => r.communes.flatMap((c) => c.sources).find((u) => u.id === id)?.label_vi ?? id;
  const out: string[] = [];
  for (const n of narratives) {
    const text = n[key]?.trim();
    if (!text) continue;
    const lines = text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
    out.push(...(narratives.length > 1 ? [`${label(n.commune_id)}:`, ...lines] : lines));
  }
  return out.length ? out : [NOT_WRITTEN];
}

/** On an aggregate link: where reports are missing, per commune, from the figures. */
function missingParagraphs(r: Rollup): string[] {
  const lines = r.missing_by_commune
    .filter((m) => m.reports > 0)
    .map((m) => `${m.commune}: còn ${m.reports} báo cáo tuần chưa nộp (${m.teams} tổ).`);
  return lines.length ? lines : ["Các tổ nộp đủ báo cáo tuần trong kỳ."];
}

export interface ReportOptions {
  /** Today in Vietnam, 'yyyy-MM-dd': the document's date. */
  today: string;
  /** The commune's narratives (detail links only; ignored on an aggregate link). */
  narratives: readonly Narrative[];
}

export function buildReport(r: Rollup, o: ReportOptions): ReportDoc {
  const detail = r.scope === "detail";
  const aboveCommune = r.unit.level !== "commune";
  const review = reviewOf(r.period.key);
  const bodies = bodiesOf(r.unit, r.unit.parents.at(-1));
  const narratives = detail ? o.narratives : [];
  const heading = headingOf(bodies, r.period, review, o.today);
  const own = (key: NarrativeKey): string[] => (detail ? section(r, narratives, key) : [TO_COMPLETE]);

  const results: ReportBlock[] = figureBlocks(r, aboveCommune);
  results.push({ heading: `${results.length + 1}. Đánh giá chung`, paragraphs: own("results") });
  const parts: ReportPart[] = [
    { heading: "I. KẾT QUẢ THỰC HIỆN", blocks: results },
    {
      heading: "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
      blocks: [
        {
          heading: "1. Hạn chế, khó khăn",
          paragraphs: detail ? own("shortcomings") : [...missingParagraphs(r), TO_COMPLETE],
        },
        { heading: "2. Nguyên nhân", paragraphs: own("causes") },
      ],
    },
    { heading: "III. PHƯƠNG HƯỚNG, GIẢI PHÁP", blocks: [{ heading: "", paragraphs: own("directions") }] },
    { heading: "IV. KIẾN NGHỊ, ĐỀ XUẤT", blocks: [{ heading: "", paragraphs: own("proposals") }] },
  ];
  return {
    unit: r.unit,
    scope: r.scope,
    period: r.period,
    review,
    narrative: detail && narratives.some((n) => NARRATIVE_KEYS.some((k) => n[k]?.trim())),
    heading,
    intro: `Thực hiện Kế hoạch xây dựng thí điểm mô hình Tổ Dân vận cộng đồng, ${bodies.author} báo cáo ${lowerFirst(heading.subject)} như sau:`,
    parts,
    recipients: bodies.recipients,
    signature: bodies.signature,
    figures: reportFigures(r),
    filename: `bao-cao-${r.unit.code || "don-vi"}-${r.period.key}.docx`,
  };
}

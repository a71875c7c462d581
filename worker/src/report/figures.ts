/**
 * Part I of a report, "Kết quả thực hiện": the rollup's figures as numbered items — the teams and
 * their register, weekly reporting, propaganda, the task areas, population changes, ad-hoc reports,
 * meetings, evaluations — with the vocabularies' own Vietnamese labels, and (above commune level) one
 * row per commune. Figures only: nothing here is text a commune typed.
 */
import { ADHOC_STATUSES, CHANGE_TYPES, MEETING_KINDS, RATINGS, TASK_AREAS, type TaskArea, URGENCIES } from "../../../shared/enums";
import { WEEKLY_COUNT_GROUPS } from "../../../shared/weekly-counts";
import type { Figures, Rollup } from "../rollup/types";
import type { FigureLine, ReportBlock, ReportFigures, ReportTable } from "./types";

const byVocab = <K extends string>(prefix: string, vocab: Record<K, string>, counts: Record<K, number>): FigureLine[] =>
  (Object.keys(vocab) as K[]).map((k) => ({ label: `${prefix}${vocab[k]}`, value: counts[k] ?? 0 }));

/** The figures of the document, exactly as the rollup has them. */
export function reportFigures(r: Rollup): ReportFigures {
  const { open: _open, open_by_commune: _byCommune, ...adhoc } = r.adhoc;
  const pick = (f: Figures): Figures => ({
    register: f.register,
    reporting: f.reporting,
    propaganda: f.propaganda,
    tasks: f.tasks,
    changes: f.changes,
  });
  return {
    totals: pick(r.totals),
    communes: r.communes.map((c) => ({ unit: c.unit, ...pick(c) })),
    adhoc,
    meetings: r.meetings,
    evaluations: { by_rating: r.evaluations.by_rating, commendations: r.evaluations.commendations.length },
  };
}

function register(f: Figures, communes: number | null): FigureLine[] {
  const g = f.register;
  return [
    ...(communes === null ? [] : [{ label: "Số xã, phường có số liệu", value: communes }]),
    { label: "Số Tổ Dân vận cộng đồng", value: g.teams },
    { label: "Số thành viên", value: g.members },
    { label: "Số hộ gia đình được phân công phụ trách", value: g.households },
    { label: "Số nhân khẩu", value: g.people },
    { label: "Số hộ tham gia nhóm Zalo", value: g.zalo_households },
    { label: "Tỷ lệ hộ tham gia nhóm Zalo (trên số hộ đã rõ)", value: g.zalo_pct, pct: true },
    { label: "Số tổ phụ trách ngoài mức 30–50 hộ", value: g.teams_outside_range },
  ];
}

function reporting(f: Figures): FigureLine[] {
  const g = f.reporting;
  return [
    { label: "Số báo cáo tuần phải nộp", value: g.expected },
    { label: "Số báo cáo đã nhận", value: g.received },
    { label: "Số báo cáo đúng hạn", value: g.on_time },
    { label: "Số báo cáo chậm", value: g.late },
    { label: "Số báo cáo còn thiếu", value: g.missing },
    { label: "Tỷ lệ báo cáo", value: g.reporting_rate, pct: true },
    { label: "Tỷ lệ báo cáo đúng hạn", value: g.on_time_rate, pct: true },
  ];
}

function tasks(f: Figures): ReportBlock {
  const paragraphs: string[] = [];
  const lines: FigureLine[] = [];
  for (const area of Object.keys(TASK_AREAS) as TaskArea[]) {
    const sums = f.tasks[area] as Record<string, number> | null;
    if (!sums) {
      paragraphs.push(`${TASK_AREAS[area]}: không có thôn thực hiện nhiệm vụ này.`);
      continue;
    }
    for (const c of WEEKLY_COUNT_GROUPS[area]) lines.push({ label: c.header, value: sums[c.key] ?? 0 });
  }
  return { heading: "4. Kết quả thực hiện các nhiệm vụ", lines, ...(paragraphs.length ? { paragraphs } : {}) };
}

function changes(f: Figures): ReportBlock {
  const t = f.changes.by_type;
  const table: ReportTable = {
    head: [{ label: "Loại biến động" }, { label: "Số trường hợp" }, { label: "Số người" }],
    rows: (Object.keys(CHANGE_TYPES) as (keyof typeof CHANGE_TYPES)[]).map((k) => [CHANGE_TYPES[k], t[k].events, t[k].people]),
  };
  return { heading: "5. Biến động nhân, hộ khẩu", table, lines: [{ label: "Tăng (giảm) nhân khẩu trong kỳ", value: f.changes.net }] };
}

/** One row per commune: the register and the weekly reporting (aggregate above commune level). */
export function communeTable(r: Rollup): ReportTable {
  const row = (label: string, f: Figures) => [
    label,
    f.register.teams,
    f.register.members,
    f.register.households,
    f.register.zalo_pct,
    f.reporting.received,
    f.reporting.expected,
    f.reporting.reporting_rate,
    f.reporting.on_time_rate,
    ...WEEKLY_COUNT_GROUPS.propaganda.map((c) => f.propaganda[c.key]),
  ];
  return {
    head: [
      { label: "Xã, phường" },
      { label: "Số tổ" },
      { label: "Thành viên" },
      { label: "Số hộ" },
      { label: "Hộ vào Zalo", pct: true },
      { label: "Báo cáo đã nhận" },
      { label: "Phải nộp" },
      { label: "Tỷ lệ báo cáo", pct: true },
      { label: "Đúng hạn", pct: true },
      ...WEEKLY_COUNT_GROUPS.propaganda.map((c) => ({ label: c.figure.short ?? c.header })),
    ],
    rows: r.communes.map((c) => row(c.unit.label_vi, c)),
    total: row("Tổng", r.totals),
  };
}

/** The numbered items of part I. */
export function figureBlocks(r: Rollup, aboveCommune: boolean): ReportBlock[] {
  const f = r.totals;
  const blocks: ReportBlock[] = [
    { heading: "1. Tổ chức và hoạt động của các Tổ Dân vận cộng đồng", lines: register(f, aboveCommune ? r.communes.length : null) },
    { heading: "2. Thực hiện chế độ báo cáo tuần", lines: reporting(f) },
    {
      heading: "3. Công tác tuyên truyền, vận động",
      lines: WEEKLY_COUNT_GROUPS.propaganda.map((c) => ({ label: c.header, value: f.propaganda[c.key] })),
    },
    tasks(f),
    changes(f),
    {
      heading: "6. Báo cáo đột xuất",
      lines: [
        { label: "Tổng số báo cáo đột xuất", value: r.adhoc.total },
        ...byVocab("Lĩnh vực ", TASK_AREAS, r.adhoc.by_area),
        ...byVocab("Mức độ ", URGENCIES, r.adhoc.by_urgency),
        ...byVocab("", ADHOC_STATUSES, r.adhoc.by_status),
      ],
    },
    {
      heading: "7. Sinh hoạt, họp tổ",
      lines: [
        { label: "Số cuộc họp", value: r.meetings.total },
        ...byVocab("", MEETING_KINDS, r.meetings.by_kind),
        { label: "Lượt thành viên dự họp", value: r.meetings.members_present },
      ],
    },
    {
      heading: "8. Đánh giá, xếp loại và đề xuất khen thưởng",
      lines: [
        ...byVocab("Lượt tổ xếp loại ", RATINGS, r.evaluations.by_rating),
        { label: "Số tổ được đề xuất khen thưởng", value: r.evaluations.commendations.length },
      ],
    },
  ];
  if (aboveCommune) blocks.push({ heading: "9. Số liệu của từng xã, phường", table: communeTable(r) });
  return blocks;
}

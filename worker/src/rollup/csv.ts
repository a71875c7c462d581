/**
 * The rollup as CSV, one row per team, for Google Sheets IMPORTDATA or a spreadsheet program.
 * UTF-8 with a BOM (so Excel reads Vietnamese), RFC 4180 quoting, CRLF line ends
 * (https://www.rfc-editor.org/rfc/rfc4180). Text cells that a spreadsheet would read as a formula
 * (starting with = + - @, tab or CR, after white space and invisible characters) get a leading
 * apostrophe — OWASP "CSV Injection":
 * https://owasp.org/www-community/attacks/CSV_Injection
 * Percentages are whole numbers and dates dd/MM/yyyy, so no cell depends on the decimal separator.
 */
import { CHANGE_TYPES, type ChangeType } from "../../../shared/enums";
import { formatDateVi, stripInvisible } from "../../../shared/text";
import { type CountColumn, WEEKLY_COUNT_COLUMNS } from "../../../shared/weekly-counts";
import type { Figures, Rollup } from "./types";

export type Cell = string | number | null;

/** A formula-looking start, after any leading white space. */
const FORMULA_START = /^\s*[=+\-@\t\r]/;

/**
 * A text cell made safe for spreadsheets: invisible and bidi control characters removed first (text
 * stored before the cell readers removed them, shared/text.ts), then a formula-looking start is
 * neutralised with `'`.
 */
export function guardCell(s: string): string {
  const visible = stripInvisible(s);
  return FORMULA_START.test(visible) ? `'${visible}` : visible;
}

function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return `"${guardCell(v).replace(/"/g, '""')}"`;
}

export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const round = (n: number | null) => (n === null ? null : Math.round(n));
const dateVi = (iso: string | null) => (iso ? formatDateVi(iso) : "");
const CHANGE_KEYS = Object.keys(CHANGE_TYPES) as ChangeType[];

/** The header row; one column per weekly count (shared/weekly-counts.ts) after the reporting figures. */
export const csvHeader = (counts: readonly CountColumn[]): string[] => [
  "Kỳ",
  "Tỉnh",
  "Huyện",
  "Xã",
  "Thôn",
  "Mã tổ",
  "Tổ",
  "Ngày thành lập",
  "Ngày giải thể",
  "Số thành viên",
  "Số hộ",
  "Số nhân khẩu",
  "Hộ tham gia nhóm Zalo",
  "Tỷ lệ hộ tham gia Zalo (% số hộ đã rõ)",
  "Hộ chưa rõ tham gia Zalo",
  "Ngoài mức 30–50 hộ",
  "Báo cáo tuần phải nộp",
  "Đã nộp",
  "Nộp đúng hạn",
  "Nộp muộn",
  "Chưa nộp",
  "Tỷ lệ báo cáo (%)",
  "Tỷ lệ đúng hạn (%)",
  "Các tuần chưa nộp",
  ...counts.map((c) => c.header),
  ...CHANGE_KEYS.map((k) => `Biến động: ${CHANGE_TYPES[k]} (người)`),
  "Tăng/giảm nhân khẩu",
];

/** A count's sum in figures; empty for a group the figures do not carry (ethnic where no village has the task). */
function countCell(f: Figures, c: CountColumn): Cell {
  const group: Record<string, number> | null = c.figure.group === "propaganda" ? f.propaganda : f.tasks[c.figure.group];
  return group?.[c.key] ?? null;
}

/** One row per team with its commune, village and figures. Holds no household-level data. */
export function rollupCsv(r: Rollup, counts: readonly CountColumn[] = WEEKLY_COUNT_COLUMNS): string {
  const rows: Cell[][] = [csvHeader(counts)];
  for (const c of r.communes) {
    const province = c.parents.find((p) => p.level === "province")?.label_vi ?? "";
    const district = c.parents.find((p) => p.level === "district")?.label_vi ?? "";
    // "Chưa xác định đơn vị mới (Phường Cống Vị)": the pseudo-group names the split commune of each village.
    const communeOf = (v: (typeof c.villages)[number]) =>
      c.undetermined
        ? `${c.unit.label_vi} (${c.sources.find((s) => s.id === v.source_commune_id)?.label_vi ?? v.source_commune_id})`
        : c.unit.label_vi;
    for (const v of c.villages) {
      for (const t of v.teams) {
        rows.push([
          r.period.key,
          province,
          district,
          communeOf(v),
          v.village_name,
          t.team_code,
          t.team_name,
          dateVi(t.founded_on),
          dateVi(t.dissolved_on),
          t.register.members,
          t.register.households,
          t.register.people,
          t.register.zalo_households,
          round(t.register.zalo_pct),
          t.register.households - t.register.zalo_known,
          t.register.teams_outside_range ? "Có" : "",
          t.reporting.expected,
          t.reporting.received,
          t.reporting.on_time,
          t.reporting.late,
          t.reporting.missing,
          round(t.reporting.reporting_rate),
          round(t.reporting.on_time_rate),
          t.missing_weeks.join("; "),
          ...counts.map((c) => countCell(t, c)),
          ...CHANGE_KEYS.map((k) => t.changes.by_type[k].people),
          t.changes.net,
        ]);
      }
    }
  }
  return toCsv(rows);
}

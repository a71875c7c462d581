/**
 * A report as a document (issue 13): the figures of one rollup and, on a commune's own link, the
 * narrative the commune wrote in "Báo cáo kỳ" (shared/report-sheet.ts), laid out as a Vietnamese
 * administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body, number and symbol,
 * national title and motto, place and date, subject, body, "Nơi nhận", signature. The HTML page and
 * the .docx (worker/src/views/report-*.ts) render this one model.
 */
import type { AdhocSummary, Figures, MeetingSummary, PeriodRef, RollupScope, UnitRef } from "../rollup/types";

/** A figure in a line of the body: a count, or a percent (one decimal). */
export interface FigureLine {
  label: string;
  value: number | null;
  pct?: boolean;
}

export type TableCell = string | number | null;

export interface ReportTable {
  head: { label: string; pct?: boolean }[];
  rows: TableCell[][];
  /** The "Tổng" row. */
  total?: TableCell[];
}

/** One numbered item of a part: figures, a table and/or paragraphs of text. */
export interface ReportBlock {
  heading: string;
  lines?: FigureLine[];
  table?: ReportTable;
  paragraphs?: string[];
}

/** A part of the body ("I. KẾT QUẢ THỰC HIỆN"). */
export interface ReportPart {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportHeading {
  /** The body above the issuing body ("ĐẢNG ỦY XÃ QUÝ SƠN"). */
  superior: string;
  /** The issuing body ("BAN CHỈ ĐẠO TỔ DÂN VẬN CỘNG ĐỒNG"). */
  issuer: string;
  /** "Số:      /BC-BCĐ": the number is filled in when the report is signed. */
  number: string;
  nation: string;
  motto: string;
  /** "Quý Sơn, ngày 03 tháng 12 năm 2026". */
  placeDate: string;
  /** "BÁO CÁO". */
  kind: string;
  /** The subject line. */
  subject: string;
  /** The period it covers ("Từ ngày 20/10/2021 đến ngày 31/01/2022"). */
  span: string;
}

export interface ReportSignature {
  /** "T/M BAN CHỈ ĐẠO" (on behalf of a collective body), or empty. */
  onBehalf: string;
  /** "TRƯỞNG BAN". */
  title: string;
  /** Where the signer writes the name. */
  note: string;
}

/** The figures the document shows, as the rollup JSON of the same period has them (tested equal). */
export interface ReportFigures {
  totals: Figures;
  communes: ({ unit: UnitRef } & Figures)[];
  adhoc: Omit<AdhocSummary, "open" | "open_by_commune">;
  meetings: MeetingSummary;
  evaluations: { by_rating: Record<string, number>; commendations: number };
}

export interface ReportDoc {
  unit: UnitRef;
  scope: RollupScope;
  period: PeriodRef;
  /** The plan phase whose review this is (P1, P2: sơ kết; P3: tổng kết), null for another period. */
  review: "P1" | "P2" | "P3" | null;
  /** Whether the commune's own narrative is in the document (commune links only). */
  narrative: boolean;
  heading: ReportHeading;
  /** The opening sentence of the body. */
  intro: string;
  parts: ReportPart[];
  recipients: string[];
  signature: ReportSignature;
  figures: ReportFigures;
  /** File name of the .docx, ASCII. */
  filename: string;
}

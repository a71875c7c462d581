/**
 * A report as a Word document (.docx), for the clerk to edit in Word or LibreOffice before signing:
 * the same model as the printable page (worker/src/report/types.ts) with the `docx` library
 * (https://docx.js.org), A4, Times New Roman 14pt, margins of Nghị định 30/2020/NĐ-CP (20/20/30/15 mm).
 * `Packer.toArrayBuffer` zips with fflate, plain JavaScript: it runs in workerd without Node's Buffer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type ITableBordersOptions,
  convertMillimetersToTwip as mm,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { TableCell as Cell, ReportDoc, ReportTable } from "../report/types";
import { cellText, lineText } from "./report-text";

/** Half-points: 14pt body, 13pt heading block, 12pt "Nơi nhận", 11pt its items and tables. */
const PT = (n: number) => n * 2;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS: ITableBordersOptions = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}
const run = (r: Run) =>
  new TextRun({ text: r.text, bold: r.bold, italics: r.italics, size: PT(r.size ?? 14), ...(r.underline ? { underline: {} } : {}) });
const centered = (...runs: Run[]) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs.map(run) });
const body = (text: string, bold = false) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 60, after: 60 },
    children: [run({ text, bold })],
  });

/** Two cells side by side without borders: the issuing body and the national title. */
function heads(doc: ReportDoc): Table {
  const h = doc.heading;
  const cell = (width: number, children: Paragraph[]) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(40, [
            centered({ text: h.superior, size: 13 }),
            centered({ text: h.issuer, bold: true, size: 13 }),
            centered({ text: "—————", size: 13 }),
            centered({ text: h.number, size: 13 }),
          ]),
          cell(60, [
            centered({ text: h.nation, bold: true, size: 13 }),
            centered({ text: h.motto, bold: true, underline: true, size: 13 }),
            centered({ text: "" }),
            centered({ text: h.placeDate, italics: true, size: 13 }),
          ]),
        ],
      }),
    ],
  });
}

function table(t: ReportTable): Table {
  const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run({ text, bold: opts.bold, size: 11 })],
        }),
      ],
    });
  const row = (cells: Cell[], bold = false) =>
    new TableRow({
      children: cells.map((c, i) => cell(cellText(c, t.head[i]?.pct), { bold, right: typeof c === "number" || c === null })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.head.map((h) => cell(h.label, { bold: true })) }),
      ...t.rows.map((r) => row(r)),
      ...(t.total ? [row(t.total, true)] : []),
    ],
  });
}

/** Recipients on the left, the signature block on the right. */
function foot(doc: ReportDoc): Table {
  const to = [
    new Paragraph({ children: [run({ text: "Nơi nhận:", bold: true, italics: true, size: 12 })] }),
    ...doc.recipients.map(
      (r, i) => new Paragraph({ children: [run({ text: `- ${r}${i === doc.recipients.length - 1 ? "." : ";"}`, size: 11 })] }),
    ),
  ];
  const s = doc.signature;
  const sign = [
    ...(s.onBehalf ? [centered({ text: s.onBehalf, bold: true })] : []),
    centered({ text: s.title, bold: true }),
    centered({ text: s.note, italics: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: to }),
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: sign }),
        ],
      }),
    ],
  });
}

function document(doc: ReportDoc): Document {
  const h = doc.heading;
  const children: (Paragraph | Table)[] = [
    heads(doc),
    centered({ text: "" }),
    centered({ text: h.kind, bold: true }),
    centered({ text: h.subject, bold: true }),
    centered({ text: `(${h.span})`, italics: true }),
    centered({ text: "—————" }),
    body(doc.intro),
  ];
  for (const part of doc.parts) {
    children.push(new Paragraph({ spacing: { before: 120 }, children: [run({ text: part.heading, bold: true })] }));
    for (const b of part.blocks) {
      if (b.heading) children.push(body(b.heading, true));
      for (const l of b.lines ?? []) children.push(body(lineText(l)));
      if (b.table) children.push(table(b.table));
      for (const p of b.paragraphs ?? []) children.push(body(p));
    }
  }
  children.push(centered({ text: "" }), foot(doc));
  return new Document({
    creator: h.issuer,
    title: `${h.kind} ${h.subject}`,
    styles: { default: { document: { run: { font: "Times New Roman", size: PT(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children,
      },
    ],
  });
}

/** The .docx file of a report. */
export function reportDocx(doc: ReportDoc): Promise<ArrayBuffer> {
  return Packer.toArrayBuffer(document(doc));
}

/** Renders decision blocks into a new Google Doc (DocumentApp; needs the `documents` scope). */
import type { Block } from "../decision";

export function createDoc(title: string, blocks: readonly Block[]): { id: string; url: string } {
  const doc = DocumentApp.create(title);
  const body = doc.getBody();
  const A = DocumentApp.HorizontalAlignment;
  const align = { left: A.LEFT, center: A.CENTER, right: A.RIGHT, justify: A.JUSTIFY } as const;
  const H = DocumentApp.ParagraphHeading;
  const heading = { title: H.TITLE, h1: H.HEADING1, h2: H.HEADING2 } as const;
  for (const b of blocks) {
    if (b.kind === "pagebreak") {
      body.appendPageBreak();
    } else if (b.kind === "table") {
      const table = body.appendTable([b.header, ...b.rows]);
      const head = table.getRow(0);
      for (let c = 0; c < head.getNumCells(); c++) head.getCell(c).editAsText().setBold(true);
    } else {
      const p = body.appendParagraph(b.text);
      if (b.heading) p.setHeading(heading[b.heading]);
      if (b.align) p.setAlignment(align[b.align]);
      if (b.bold) p.editAsText().setBold(true);
      if (b.italic) p.editAsText().setItalic(true);
    }
  }
  doc.saveAndClose();
  return { id: doc.getId(), url: doc.getUrl() };
}

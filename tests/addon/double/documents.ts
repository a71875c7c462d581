/** DocumentApp: documents made of paragraphs, tables and page breaks (what "Tạo Quyết định" writes). */
export class FakeDocument {
  paragraphs: { text: string; heading?: string; align?: string; bold?: boolean; italic?: boolean }[] = [];
  tables: string[][][] = [];
  pageBreaks = 0;
  saved = false;
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}
  getId() {
    return this.id;
  }
  getName() {
    return this.name;
  }
  getUrl() {
    return `https://docs.google.com/document/d/${this.id}/edit`;
  }
  saveAndClose() {
    this.saved = true;
  }
  getBody() {
    const doc = this;
    const text = (p: { bold?: boolean; italic?: boolean }) => ({
      setBold: (b: boolean) => {
        p.bold = b;
      },
      setItalic: (b: boolean) => {
        p.italic = b;
      },
    });
    return {
      appendParagraph(t: string) {
        const p: FakeDocument["paragraphs"][number] = { text: t };
        doc.paragraphs.push(p);
        const api = {
          setHeading: (h: string) => {
            p.heading = h;
            return api;
          },
          setAlignment: (a: string) => {
            p.align = a;
            return api;
          },
          editAsText: () => text(p),
        };
        return api;
      },
      appendTable(cells: string[][]) {
        doc.tables.push(cells.map((r) => [...r]));
        return {
          getRow: (i: number) => ({
            getNumCells: () => cells[i]!.length,
            getCell: (_c: number) => ({ editAsText: () => text({}) }),
          }),
        };
      },
      appendPageBreak() {
        doc.pageBreaks++;
      },
    };
  }
}

/** The DocumentApp global: each created document goes into `documents`; `nextId` names it. */
export function documentApp(documents: FakeDocument[], nextId: () => string) {
  return {
    create: (name: string) => {
      const d = new FakeDocument(nextId(), name);
      documents.push(d);
      return d;
    },
    ParagraphHeading: { TITLE: "TITLE", HEADING1: "HEADING1", HEADING2: "HEADING2", NORMAL: "NORMAL" },
    HorizontalAlignment: { LEFT: "LEFT", CENTER: "CENTER", RIGHT: "RIGHT", JUSTIFY: "JUSTIFY" },
  };
}

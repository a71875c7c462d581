/**
 * A report as a printable page (issue 13): A4, Times New Roman 13–14pt, margins as Nghị định
 * 30/2020/NĐ-CP (Phụ lục I, mục I.4) sets them — top and bottom 20 mm, left 30 mm, right 15 mm. It
 * renders the report model it is given (worker/src/report/types.ts); the .docx renders the same one.
 */
import type { ReportDoc, ReportTable, TableCell } from "../report/types";
import { Layout } from "./layout";
import { cellText, lineText } from "./report-text";

const CSS = `
.doc { background: #fff; max-width: 210mm; margin: 0 auto; padding: 20mm 15mm 20mm 30mm; font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.35; color: #000; }
.doc .heads { display: grid; grid-template-columns: 1fr 1.5fr; text-align: center; font-size: 13pt; gap: 8px; }
.doc .heads p { margin: 0; }
.doc .heads .motto { text-decoration: underline; font-weight: 700; }
.doc .heads .date { font-style: italic; margin-top: 8px; }
.doc .heads .number { white-space: pre; }
.doc .title { text-align: center; margin: 18px 0 10px; }
.doc .title h1 { font-size: 14pt; margin: 0; }
.doc .title p { margin: 2px 0; font-weight: 700; }
.doc .title .span { font-weight: 400; font-style: italic; }
.doc p.body, .doc li { text-align: justify; text-indent: 1cm; margin: 4px 0; }
.doc h2 { font-size: 14pt; margin: 12px 0 4px; border: 0; padding: 0; }
.doc h3 { font-size: 14pt; margin: 8px 0 4px; font-weight: 700; text-indent: 1cm; }
.doc ul { list-style: none; padding: 0; margin: 0; }
.doc table { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 4px 0; }
.doc th, .doc td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; background: none; }
.doc th { text-align: center; }
.doc td.n { text-align: right; white-space: nowrap; }
.doc tr.total td { font-weight: 700; }
.doc .foot { display: grid; grid-template-columns: 1fr 1fr; margin-top: 18px; }
.doc .foot .to { font-size: 12pt; }
.doc .foot .to p { margin: 0; }
.doc .foot .to .label { font-weight: 700; font-style: italic; }
.doc .foot .to p.item { font-size: 11pt; }
.doc .foot .sign { text-align: center; font-weight: 700; }
.doc .foot .sign p { margin: 0; }
.doc .foot .sign .note { font-weight: 400; font-style: italic; margin-top: 4px; }
nav.doc-nav { max-width: 210mm; margin: 8px auto; display: flex; flex-wrap: wrap; gap: 8px 16px; }
@media print {
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  .doc { padding: 0; max-width: none; }
  nav.doc-nav { display: none; }
  .doc tr, .doc .foot { break-inside: avoid; }
}
`;

function Table({ t }: { t: ReportTable }) {
  const row = (cells: TableCell[], cls?: string) => (
    <tr class={cls}>
      {cells.map((c, i) => (
        <td class={typeof c === "number" || c === null ? "n" : undefined}>{cellText(c, t.head[i]?.pct)}</td>
      ))}
    </tr>
  );
  return (
    <table>
      <thead>
        <tr>
          {t.head.map((h) => (
            <th>{h.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((r) => row(r))}
        {t.total ? row(t.total, "total") : null}
      </tbody>
    </table>
  );
}

export interface ReportNav {
  docx: string;
  back: string;
  reviews: { href: string; label: string }[];
}

export function ReportPage({ doc, nav }: { doc: ReportDoc; nav: ReportNav }) {
  const h = doc.heading;
  return (
    <Layout title={`${h.kind} ${h.subject}`}>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <nav class="doc-nav">
        <a href={nav.back}>← Trang tổng hợp</a>
        <a href={nav.docx}>Tải về tệp Word (.docx)</a>
        {nav.reviews.map((r) => (
          <a href={r.href}>{r.label}</a>
        ))}
        <span>In: dùng lệnh In của trình duyệt (Ctrl+P), khổ A4.</span>
      </nav>
      <article class="doc">
        <div class="heads">
          <div>
            <p>{h.superior}</p>
            <p>
              <strong>{h.issuer}</strong>
            </p>
            <p>—————</p>
            <p class="number">{h.number}</p>
          </div>
          <div>
            <p>
              <strong>{h.nation}</strong>
            </p>
            <p class="motto">{h.motto}</p>
            <p>—————</p>
            <p class="date">{h.placeDate}</p>
          </div>
        </div>
        <div class="title">
          <h1>{h.kind}</h1>
          <p>{h.subject}</p>
          <p class="span">({h.span})</p>
          <p>—————</p>
        </div>
        <p class="body">{doc.intro}</p>
        {doc.parts.map((part) => (
          <section class="part">
            <h2>{part.heading}</h2>
            {part.blocks.map((b) => (
              <div>
                {b.heading ? <h3>{b.heading}</h3> : null}
                {b.lines?.length ? (
                  <ul>
                    {b.lines.map((l) => (
                      <li>{lineText(l)}</li>
                    ))}
                  </ul>
                ) : null}
                {b.table ? <Table t={b.table} /> : null}
                {(b.paragraphs ?? []).map((p) => (
                  <p class="body">{p}</p>
                ))}
              </div>
            ))}
          </section>
        ))}
        <div class="foot">
          <div class="to">
            <p class="label">Nơi nhận:</p>
            {doc.recipients.map((r, i) => (
              <p class="item">
                - {r}
                {i === doc.recipients.length - 1 ? "." : ";"}
              </p>
            ))}
          </div>
          <div class="sign">
            {doc.signature.onBehalf ? <p>{doc.signature.onBehalf}</p> : null}
            <p>{doc.signature.title}</p>
            <p class="note">{doc.signature.note}</p>
          </div>
        </div>
      </article>
    </Layout>
  );
}

/**
 * The page shell: one request, no external resources (inline CSS, system fonts, no scripts),
 * readable on a phone, printable. Text is escaped by hono/jsx; the only unescaped HTML is the
 * constant stylesheet below. https://hono.dev/docs/guides/jsx
 */
import type { Child } from "hono/jsx";
import { COMMUNE_TABLE_CSS } from "./rollup/communes";

const CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d5dae0; --bg: #f6f7f9; --accent: #b3261e; --ok: #2e7d32; --bar: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 12px; }
header.top { background: var(--accent); color: #fff; padding: 12px; }
header.top h1 { margin: 0; font-size: 1.2rem; }
header.top p { margin: 4px 0 0; }
h2 { font-size: 1.05rem; margin: 20px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 2px; }
h3 { font-size: 1rem; margin: 14px 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px 12px; margin: 12px 0; }
.muted { color: var(--muted); font-size: .9em; }
.warn { background: #fff4e5; border: 1px solid #f0b35b; padding: 8px; border-radius: 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
.card b { display: block; font-size: 1.35rem; }
.scroll { overflow-x: auto; }
code { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
th { background: #eef1f4; text-align: left; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.commune td { background: #e8eef5; font-weight: 600; }
tr.village td { background: #f3f5f7; font-weight: 600; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
.bad { color: var(--accent); font-weight: 600; }
/* Pink marks only a figure out of range (the note under the table says which). */
table td.out, table tr td.out { background: #fbe9e7; color: var(--accent); font-weight: 700; }
pre.zalo { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); border: 1px solid var(--line); padding: 8px; font: inherit; }
form.picker { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; }
form.picker label { display: flex; flex-direction: column; font-size: .9em; }
form.picker input, form.picker select, form.picker button { font: inherit; padding: 6px 8px; min-height: 38px; }
form.picker fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 10px; flex-wrap: wrap; }
form.picker fieldset label { flex-direction: row; gap: 4px; align-items: center; }
form.picker button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; }
form.inline { display: inline-block; margin: 0 6px 4px 0; }
form.inline button { font: inherit; padding: 4px 10px; min-height: 34px; }
nav.links { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 8px 0; }
nav.links a { color: var(--bar); }
figure.chart { margin: 4px 0 8px; max-width: 760px; }
.bar-row { display: grid; grid-template-columns: minmax(90px, 14em) 1fr 4.5em; gap: 8px; align-items: center; margin: 3px 0; }
.bar-row svg { width: 100%; height: 14px; display: block; }
.bar-row .bar-value { text-align: right; white-space: nowrap; }
figure.chart rect.bar { fill: var(--bar); }
figure.chart rect.bg { fill: #e8edf3; }
@media print { figure.chart rect.bar { fill: #555; } figure.chart rect.bg { fill: #eee; } }
td.weeks { min-width: 14em; }
@media (max-width: 600px) { body { font-size: 14px; } main { padding: 6px; } section { padding: 6px; } }
/*
 * Phones: a table marked "stack" becomes one card per row, each cell a line "header: value" (its
 * data-label); "name" cells head the card, "text" cells put long text under their label; "figures"
 * tables set their lines two by two. Screens only: printed pages keep their tables.
 */
@media screen and (max-width: 600px) {
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 4px 8px; background: #fff; }
  table.stack td, table.stack tr td { border: 0; padding: 2px 0; background: none; display: flex; justify-content: space-between; align-items: baseline; gap: 10px; text-align: right; white-space: normal; min-width: 0; }
  table.stack td::before { content: attr(data-label); color: var(--muted); text-align: left; font-weight: 400; }
  table.stack td.name { display: block; text-align: left; font-weight: 600; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-bottom: 2px; }
  table.stack td.name::before, table.stack td:not([data-label])::before { content: none; }
  table.stack td.text { display: block; text-align: left; }
  table.stack td.text::before { display: block; }
  table.stack td:empty { display: none; }
  table.stack tr.commune { background: #e8eef5; }
  table.stack tr.village { background: #f3f5f7; }
  table.stack tr.total { border: 2px solid var(--ink); }
  table.stack td.out, table.stack tr td.out { background: #fbe9e7; }
  table.stack.figures tr { display: grid; grid-template-columns: 1fr 1fr; column-gap: 14px; }
  table.stack.figures td.name { grid-column: 1 / -1; }
  td.weeks { min-width: 0; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  header.top { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 6px; }
  form.picker, nav.links, .noprint { display: none; }
  section { border: 0; padding: 0; margin: 8px 0; break-inside: avoid-page; }
  .scroll { overflow: visible; }
  tr { break-inside: avoid; }
  th { background: #eee; }
  .wide table { font-size: 7.5pt; }
  .wide th, .wide td { padding: 1px 3px; }
  .wide th.n { white-space: normal; }
  section.wide { break-inside: auto; }
}
/* Forms mẫu 01 / mẫu 02: laid out like the plan's attachments. */
.form-page { background: #fff; max-width: 210mm; margin: 0 auto; padding: 14mm 12mm; font-family: "Times New Roman", Times, serif; font-size: 13pt; }
.form-page .heads { display: grid; grid-template-columns: 1fr 1.4fr; text-align: center; gap: 8px; font-size: 12pt; }
.form-page .heads p { margin: 0; }
.form-page .title { text-align: center; margin: 18px 0 8px; }
.form-page .title h1 { font-size: 14pt; margin: 0; }
.form-page .title p { margin: 2px 0; }
.form-page table { font-size: 12pt; }
.form-page th, .form-page td { border: 1px solid #000; padding: 3px 5px; }
.form-page th { background: none; text-align: center; vertical-align: middle; }
.form-page td.c { text-align: center; }
.form-page td.nw { white-space: nowrap; }
.form-page .sign { display: grid; grid-template-columns: 1fr 1fr; margin-top: 16px; text-align: center; }
.form-page + .form-page { break-before: page; }
nav.form-nav { max-width: 210mm; margin: 8px auto; }
.form-page tr.subtotal td { font-style: italic; }
.form-page tr.total td { font-weight: 700; border-top: 1px solid #000; }
@media print { .form-page { padding: 0; max-width: none; } }
/* The forms on a phone: the same table, smaller, words allowed to break so it fits the screen. */
@media screen and (max-width: 600px) {
  .form-page { padding: 12px 6px; font-size: 11px; }
  .form-page .heads { font-size: 10px; gap: 4px; }
  .form-page .title h1 { font-size: 13px; }
  .form-page table { font-size: 10px; }
  .form-page th, .form-page td { padding: 2px 3px; overflow-wrap: anywhere; }
  .form-page td.nw { white-space: normal; }
  .form-page th.short, .form-page td.c { overflow-wrap: normal; }
  .form-page table.households { table-layout: fixed; }
  table.households col.team { width: 13%; } table.households col.resp { width: 19%; } table.households col.no { width: 8%; } table.households col.head { width: 22%; }
  table.households col.year { width: 11%; } table.households col.people { width: 13%; } table.households col.note { width: 14%; }
  nav.form-nav { padding: 0 6px; }
}
`;

/** `head`: what a page adds to <head> after the stylesheet (the console's own styles and script). */
export function Layout(props: { title: string; children: Child; head?: Child }) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS + COMMUNE_TABLE_CSS }} />
        {props.head}
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** The 404 page: the same body whatever the reason (unknown, malformed, revoked, expired, not allowed). */
export function NotFoundPage() {
  return (
    <Layout title="Không tìm thấy trang">
      <main>
        <section>
          <h1>Không tìm thấy trang</h1>
          <p>Liên kết không đúng hoặc không còn hiệu lực. Hãy liên hệ người đã gửi liên kết cho bạn để được cấp liên kết mới.</p>
        </section>
      </main>
    </Layout>
  );
}

/** A refused request on a page (a bad parameter): what is wrong, in Vietnamese, and its stable code. */
export function ErrorPage(props: { title: string; message: string; code: string }) {
  return (
    <Layout title={props.title}>
      <main>
        <section>
          <h1>{props.title}</h1>
          <p>{props.message}</p>
          <p class="muted">Mã lỗi: {props.code}</p>
        </section>
      </main>
    </Layout>
  );
}

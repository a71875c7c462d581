/**
 * The console's pages: the rollup pages' look (../../views/layout.tsx) plus a bar with the sections
 * and who is signed in, phone-first (everything stacks under 600 px), printable. One small script,
 * allowed by this response's CSP nonce: the "Chép" (copy) and "In" (print) buttons. Without it
 * every text is still in a box to select and copy by hand.
 */
import type { Child } from "hono/jsx";
import { ROLE_LABELS } from "../../operators/roles";
import { Layout } from "../../views/layout";
import type { Principal } from "../env";

const CSS = `
header.console { background: var(--accent); color: #fff; padding: 8px 12px; }
header.console .who { font-size: .85em; opacity: .95; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
header.console .who form { display: inline; }
header.console .who button { background: none; border: 1px solid #fff; color: #fff; border-radius: 4px; padding: 2px 8px; font: inherit; }
header.console b.brand { font-size: 1.1rem; }
nav.console { display: flex; flex-wrap: wrap; gap: 4px; margin: 6px 0 0; }
nav.console a { color: #fff; text-decoration: none; padding: 6px 10px; border-radius: 4px; background: rgba(255,255,255,.12); }
nav.console a.on { background: #fff; color: var(--accent); font-weight: 600; }
.msg { padding: 8px 10px; border-radius: 4px; margin: 8px 0; }
.msg.ok { background: #e8f5e9; border: 1px solid #a5d6a7; }
.msg.bad { background: #fdecea; border: 1px solid #f5a097; }
form.stack { display: grid; gap: 10px; max-width: 640px; }
form.stack label { display: grid; gap: 4px; font-size: .92em; }
form.stack input, form.stack select, form.stack textarea { font: inherit; padding: 8px; min-height: 40px; width: 100%; }
button.main, a.button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 8px 14px; font: inherit; min-height: 40px; text-decoration: none; display: inline-block; }
button.plain { background: #fff; color: var(--ink); border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; font: inherit; min-height: 36px; }
form.inline { display: inline; }
.row-actions { display: flex; flex-wrap: wrap; gap: 6px; }
textarea.copy { width: 100%; font: inherit; padding: 8px; min-height: 7em; }
.copybox { display: grid; gap: 6px; margin: 6px 0 12px; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85em; white-space: nowrap; }
.chip.ok { background: #e8f5e9; color: #1b5e20; }
.chip.warn { background: #fff4e5; color: #8a4b00; }
.chip.bad { background: #fdecea; color: #8e1b12; }
.chip.off { background: #eceff1; color: #37474f; }
td.reasons ul { margin: 0; padding-left: 18px; }
tr.refused td { background: #fff7f6; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
.filters label { display: grid; gap: 2px; font-size: .9em; }
.filters input, .filters select { font: inherit; padding: 6px; min-height: 38px; }
@media (max-width: 600px) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; background: #fff; }
  table.cards td { border: 0; border-bottom: 1px solid #eef1f4; }
  table.cards td[data-h]::before { content: attr(data-h) ": "; color: var(--muted); font-size: .85em; }
  table.cards td:empty { display: none; }
}
@media print { header.console, .noprint, form { display: none !important; } main { padding: 0; } }
`;

/** The copy and print buttons (data-copy="<id of the text>", data-print). */
const SCRIPT = `
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("button[data-copy]");
  if (b) {
    var t = document.getElementById(b.getAttribute("data-copy"));
    if (!t) return;
    var text = t.value !== undefined ? t.value : t.textContent;
    var label = b.textContent;
    var done = function () { b.textContent = "Đã chép"; setTimeout(function () { b.textContent = label; }, 2000); };
    var fallback = function () { if (t.select) t.select(); try { document.execCommand("copy"); done(); } catch (x) {} };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
    return;
  }
  if (e.target.closest && e.target.closest("button[data-print]")) window.print();
});
`;

export type Section = "tuan" | "tong-hop" | "xa" | "phieu" | "duong-dan" | "chot" | "ho" | "nhat-ky" | "can-bo";

const SECTIONS: { id: Section; label: string; admin?: boolean }[] = [
  { id: "tuan", label: "Tuần này" },
  { id: "tong-hop", label: "Tổng hợp" },
  { id: "xa", label: "Xã, phường" },
  { id: "phieu", label: "Phiếu cài đặt" },
  { id: "duong-dan", label: "Đường dẫn" },
  { id: "chot", label: "Chốt số liệu" },
  { id: "ho", label: "Dữ liệu hộ" },
  { id: "nhat-ky", label: "Nhật ký" },
  { id: "can-bo", label: "Cán bộ", admin: true },
];

/** A console page; `css` is added to the console's styles in <head>. */
export function ConsolePage(props: { title: string; who: Principal; section?: Section; nonce?: string; css?: string; children: Child }) {
  const { who } = props;
  return (
    <Layout
      title={`${props.title} — Bảng điều khiển Dân vận`}
      head={
        <>
          <style dangerouslySetInnerHTML={{ __html: CSS + (props.css ?? "") }} />
          {props.nonce ? <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} /> : null}
        </>
      }
    >
      <header class="console">
        <div class="who">
          <b class="brand">Dân vận · Bảng điều khiển</b>
          <span>
            {who.name ? `${who.name} · ` : ""}
            {who.email} · {ROLE_LABELS[who.role]} · {who.unit_label}
          </span>
          {who.via === "dev" ? (
            <form method="post" action="/admin/dang-xuat">
              <button type="submit">Đăng xuất</button>
            </form>
          ) : (
            <a href="/cdn-cgi/access/logout" style="color:#fff">
              Đăng xuất
            </a>
          )}
        </div>
        <nav class="console" aria-label="Các mục">
          {SECTIONS.filter((s) => !s.admin || who.role === "admin").map((s) => (
            <a href={`/admin/${s.id}`} class={s.id === props.section ? "on" : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
      </header>
      <main>
        <h1 style="font-size:1.2rem;margin:8px 0">{props.title}</h1>
        {props.children}
      </main>
    </Layout>
  );
}

/** A message box: what just happened, or why nothing did. */
export function Msg(props: { kind: "ok" | "bad"; children: Child }) {
  return (
    <div class={`msg ${props.kind}`} role={props.kind === "bad" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

/** A text to copy, in a box, with its copy button. */
export function CopyBox(props: { id: string; text: string; label: string; rows?: number }) {
  return (
    <div class="copybox">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} class="copy" readonly rows={props.rows ?? 5}>
        {props.text}
      </textarea>
      <div>
        <button type="button" class="plain noprint" data-copy={props.id}>
          Chép
        </button>
      </div>
    </div>
  );
}

/** A page shown when something is refused (no permission, not found…): nothing was written. */
export function RefusalPage(props: { who: Principal | null; title: string; message: string; nonce?: string }) {
  if (!props.who) return <BarePage title={props.title} message={props.message} />;
  return (
    <ConsolePage title={props.title} who={props.who} {...(props.nonce ? { nonce: props.nonce } : {})}>
      <Msg kind="bad">{props.message}</Msg>
      <p>
        <a href="/admin/tuan">Về trang Tuần này</a>
      </p>
    </ConsolePage>
  );
}

/** A page for someone not signed in. */
export function BarePage(props: { title: string; message: string; children?: Child }) {
  return (
    <Layout title={`${props.title} — Bảng điều khiển Dân vận`} head={<style dangerouslySetInnerHTML={{ __html: CSS }} />}>
      <header class="console">
        <b class="brand">Dân vận · Bảng điều khiển</b>
      </header>
      <main>
        <h1 style="font-size:1.2rem">{props.title}</h1>
        <Msg kind="bad">{props.message}</Msg>
        {props.children}
      </main>
    </Layout>
  );
}

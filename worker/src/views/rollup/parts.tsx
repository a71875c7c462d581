/** Small pieces the rollup page's sections share: a figure card, a commune's linked name, a table of counts by label. */
import type { Rollup } from "../../rollup/types";
import { num } from "../format";
import type { PageNav } from "./nav";

export function Card(props: { label: string; value: string; bad?: boolean }) {
  return (
    <div class="card">
      <span class="muted">{props.label}</span>
      <b class={props.bad ? "bad" : ""}>{props.value}</b>
    </div>
  );
}

/** Bars and charts per commune (several communes, or a page above commune level), else per team or village. */
export const perCommune = (r: Rollup) => r.communes.length > 1 || r.depth === "commune";

/** A commune's name, linked to its drill-down when the page has one. */
export function CommuneName({ id, label, nav }: { id: string; label: string; nav: Pick<PageNav, "communeHref"> }) {
  return nav.communeHref ? <a href={nav.communeHref(id)}>{label}</a> : label;
}

export function CountTable<K extends string>(props: { head: string; labels: Record<K, string>; counts: Record<K, number> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{props.head}</th>
          <th class="n">Số báo cáo</th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(props.labels) as K[]).map((k) => (
          <tr>
            <td>{props.labels[k]}</td>
            <td class="n">{num(props.counts[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A numeric table's CSS: figures right-aligned, and on a phone (rows stacked as cards) each cell's
 * header before it — the first cell (the unit's name) is the card's title, so headers start at cell 2.
 */
export const stackedTableCss = (table: string, heads: readonly string[]) => `
table.${table} td + td { text-align: right; white-space: nowrap; }
@media screen and (max-width: 600px) {
${heads.map((h, i) => `  table.stack.${table} td:nth-child(${i + 2})::before { content: ${JSON.stringify(h)}; }`).join("\n")}
}`;

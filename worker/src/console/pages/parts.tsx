/** Small pieces the console's pages share: the unit picker, the provinces overview, status chips. */
import type { Child } from "hono/jsx";
import { dateTimeVi } from "../../views/format";

export interface ProvinceCount {
  id: string;
  label: string;
  registered: number;
  /** A second figure the page adds (communes with a token, communes late…). */
  other?: number;
}

/** "Đơn vị" picker: the units the operator may look at (GET, keeps the page's other parameters). */
export function UnitPicker(props: { action: string; current: string | null; options: { id: string; label: string }[]; extra?: Child }) {
  if (props.options.length < 2) return null;
  return (
    <form class="filters noprint" method="get" action={props.action}>
      <label>
        Đơn vị
        <select name="don-vi">
          {props.options.map((o) => (
            <option value={o.id} selected={o.id === (props.current ?? "")}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {props.extra}
      <button type="submit" class="plain">
        Xem
      </button>
    </form>
  );
}

/** The whole country: one row per province, each opening the page for that province. */
export function ProvinceTable(props: { path: string; rows: ProvinceCount[]; otherHeader: string; query?: string }) {
  return (
    <div class="scroll">
      <table class="cards">
        <thead>
          <tr>
            <th>Tỉnh, thành phố</th>
            <th class="n">Xã đã thêm</th>
            <th class="n">{props.otherHeader}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((p) => (
            <tr>
              <td data-h="Tỉnh">
                <a href={`${props.path}?don-vi=${encodeURIComponent(p.id)}${props.query ?? ""}`}>{p.label}</a>
              </td>
              <td class="n" data-h="Xã đã thêm">
                {p.registered}
              </td>
              <td class="n" data-h={props.otherHeader}>
                {p.other ?? 0}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Chip(props: { kind: "ok" | "warn" | "bad" | "off"; children: Child }) {
  return <span class={`chip ${props.kind}`}>{props.children}</span>;
}

/** A token's state on a commune row. */
export function TokenChip(props: { tokens: number; since: string | null }) {
  return props.tokens ? <Chip kind="ok">đang dùng từ {dateTimeVi(props.since)}</Chip> : <Chip kind="off">chưa cấp</Chip>;
}

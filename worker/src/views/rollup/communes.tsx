/**
 * "Theo xã, phường": the page above commune level (a rollup of depth "commune") as ONE table, a row per
 * commune linking to its drill-down (villages, teams, missing weeks, each open report, the teams that
 * skipped a meeting), so the page grows by one short row per commune (issue 10: a province of 100
 * communes under 100 KB). The other sections show the unit's totals only. On a phone each row is a
 * card (views/layout.tsx `table.stack`); a red figure needs attention.
 */
import { HOUSEHOLDS_PER_TEAM } from "../../../../shared/rules/households";
import type { CommuneNode, Rollup } from "../../rollup/types";
import { dateTimeVi, midSentence, num, pct } from "../format";
import type { PageNav } from "./nav";
import { CommuneName, stackedTableCss } from "./parts";

const { min, max } = HOUSEHOLDS_PER_TEAM;

interface Extra {
  missingTeams: number;
  open: number;
  skipped: number;
  commendations: number;
}

/**
 * A figure cell: red when `bad`, pink when out of the plan's range. No class or label of its own: the
 * table's stylesheet (`COMMUNE_TABLE_CSS`) aligns the column and gives each a header on a phone's card,
 * so a row stays short.
 */
const Cell = ({ value, bad, out }: { value: string; bad?: boolean; out?: string }) => (
  <td class={out ? "out" : bad ? "bad" : undefined} title={out}>
    {value}
  </td>
);

export const HEADS = [
  "Số tổ",
  "Số hộ",
  "Tỷ lệ BC",
  "Đúng hạn",
  "BC chưa nộp",
  "Tổ chưa nộp đủ",
  "Vụ việc chưa xử lý",
  "Tổ chưa họp định kỳ",
  "Đề xuất khen thưởng",
] as const;

function Cells({ f, x }: { f: Pick<CommuneNode, "register" | "reporting">; x: Extra }) {
  return (
    <>
      <Cell
        value={num(f.register.teams)}
        out={f.register.teams_outside_range > 0 ? `${num(f.register.teams_outside_range)} tổ ngoài mức ${min}–${max} hộ` : undefined}
      />
      <Cell value={num(f.register.households)} />
      <Cell value={pct(f.reporting.reporting_rate)} />
      <Cell value={pct(f.reporting.on_time_rate)} />
      <Cell value={num(f.reporting.missing)} bad={f.reporting.missing > 0} />
      <Cell value={num(x.missingTeams)} bad={x.missingTeams > 0} />
      <Cell value={num(x.open)} bad={x.open > 0} />
      <Cell value={num(x.skipped)} bad={x.skipped > 0} />
      <Cell value={num(x.commendations)} />
    </>
  );
}

export function CommuneTable({ r, nav }: { r: Rollup; nav: Pick<PageNav, "communeHref"> }) {
  const extra = new Map<string, Extra>();
  const at = (id: string) => {
    const x = extra.get(id) ?? { missingTeams: 0, open: 0, skipped: 0, commendations: 0 };
    extra.set(id, x);
    return x;
  };
  for (const m of r.missing_by_commune) at(m.commune_id).missingTeams += m.teams;
  for (const o of r.adhoc.open_by_commune) at(o.commune_id).open += o.total;
  for (const m of r.meetings.by_commune) at(m.commune_id).skipped += m.skipped.length;
  for (const c of r.evaluations.commendations_by_commune) at(c.commune_id).commendations += c.count;
  const total: Extra = { missingTeams: 0, open: 0, skipped: 0, commendations: 0 };
  for (const x of extra.values()) for (const k of Object.keys(total) as (keyof Extra)[]) total[k] += x[k];
  const known = new Set([r.unit.id, ...r.unit.parents.map((u) => u.id)]);
  const none: Extra = { missingTeams: 0, open: 0, skipped: 0, commendations: 0 };

  return (
    <section class="wide">
      <h2>Theo xã, phường</h2>
      {nav.communeHref ? <p class="muted noprint">Bấm tên xã, phường để xem từng thôn, tổ, các tuần chưa nộp và từng vụ việc.</p> : null}
      <div class="scroll">
        <table class="stack figures communes">
          <thead>
            <tr>
              <th>Xã, phường</th>
              {HEADS.map((h) => (
                <th class="n">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.communes.map((c) => {
              const parents = c.parents.filter((p) => !known.has(p.id));
              const merged = c.sources.filter((s) => s.id !== c.unit.id);
              return (
                <tr class="commune">
                  <td class="name">
                    <CommuneName id={c.unit.id} label={c.unit.label_vi} nav={nav} />
                    {parents.length ? <span class="muted"> ({midSentence(parents[parents.length - 1]!.label_vi)})</span> : null}
                    {merged.length ? <div class="muted">Số liệu của: {merged.map((s) => s.label_vi).join(", ")}</div> : null}
                    {c.undetermined ? <div class="muted">Các thôn chưa được xác định chuyển về đơn vị mới nào.</div> : null}
                    {c.last_received_at ? <div class="muted">Cập nhật: {dateTimeVi(c.last_received_at)}</div> : null}
                  </td>
                  <Cells f={c} x={extra.get(c.unit.id) ?? none} />
                </tr>
              );
            })}
            <tr class="total">
              <td class="name">Tổng cộng</td>
              <Cells f={r.totals} x={total} />
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">
        Ô số tổ màu hồng: có tổ phụ trách ít hơn {min} hoặc nhiều hơn {max} hộ. Số chữ đỏ cần chú ý. Tỷ lệ báo cáo, đúng hạn tính trên số
        báo cáo tuần phải nộp; các số liệu khác của từng xã ở trang chi tiết của xã.
      </p>
    </section>
  );
}

/** The table's column alignment, and on a phone each cell's header before it (views/layout.tsx includes it). */
export const COMMUNE_TABLE_CSS = stackedTableCss("communes", HEADS);

/**
 * "Theo tỉnh, thành phố": the national page (../../rollup/national.ts) as ONE table, a row per province
 * — its page's "Tổng cộng" row, with its communes counted — linking to the province's page (its
 * communes, views/rollup/communes.tsx), and the country's totals. 34 short rows whatever the number
 * of communes, so the page stays a few KB on a phone. Like the commune table, each row is a card on a
 * phone (views/layout.tsx `table.stack`) with each cell's header from `PROVINCE_TABLE_CSS`.
 */
import { HOUSEHOLDS_PER_TEAM } from "../../../../shared/rules/households";
import type { NationalRollup, ProvinceRow } from "../../rollup/national";
import { num, pct } from "../format";
import { stackedTableCss } from "./parts";

const { min, max } = HOUSEHOLDS_PER_TEAM;

export const PROVINCE_HEADS = [
  "Số xã",
  "Xã có số liệu",
  "Số tổ",
  "Số hộ",
  "BC phải nộp",
  "BC đã nhận",
  "BC đúng hạn",
  "Tỷ lệ BC",
  "Tỷ lệ đúng hạn",
  "BC chưa nộp",
  "Tổ chưa nộp đủ",
  "Vụ việc chưa xử lý",
  "Tổ chưa họp định kỳ",
  "Đề xuất khen thưởng",
] as const;

const Cell = ({ value, bad, out }: { value: string; bad?: boolean; out?: string }) => (
  <td class={out ? "out" : bad ? "bad" : undefined} title={out}>
    {value}
  </td>
);

function Cells({ row }: { row: Omit<ProvinceRow, "province" | "via"> }) {
  const { register: g, reporting: r } = row.figures;
  const x = row.extras;
  return (
    <>
      <Cell value={num(row.communes)} />
      <Cell value={num(row.shown)} />
      <Cell
        value={num(g.teams)}
        out={g.teams_outside_range > 0 ? `${num(g.teams_outside_range)} tổ ngoài mức ${min}–${max} hộ` : undefined}
      />
      <Cell value={num(g.households)} />
      <Cell value={num(r.expected)} />
      <Cell value={num(r.received)} />
      <Cell value={num(r.on_time)} />
      <Cell value={pct(r.reporting_rate)} />
      <Cell value={pct(r.on_time_rate)} />
      <Cell value={num(r.missing)} bad={r.missing > 0} />
      <Cell value={num(x.missingTeams)} bad={x.missingTeams > 0} />
      <Cell value={num(x.open)} bad={x.open > 0} />
      <Cell value={num(x.skipped)} bad={x.skipped > 0} />
      <Cell value={num(x.commendations)} />
    </>
  );
}

/** The provinces' table; `href` gives a province's page. */
export function ProvinceFiguresTable({ n, href }: { n: NationalRollup; href: (provinceId: string) => string }) {
  return (
    <section class="wide">
      <h2>Theo tỉnh, thành phố</h2>
      <p class="muted noprint">Bấm tên tỉnh, thành phố để xem từng xã, phường của tỉnh.</p>
      <div class="scroll">
        <table class="stack figures provinces">
          <thead>
            <tr>
              <th>Tỉnh, thành phố</th>
              {PROVINCE_HEADS.map((h) => (
                <th class="n">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {n.provinces.map((p) => (
              <tr class="province">
                <td class="name">
                  <a href={href(p.province.id)}>{p.province.label_vi}</a>
                </td>
                <Cells row={p} />
              </tr>
            ))}
            <tr class="total">
              <td class="name">Cả nước</td>
              <Cells row={n.totals} />
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">
        Mỗi dòng là dòng “Tổng cộng” của trang tỉnh, theo địa giới hành chính hiện nay; dòng “Cả nước” là tổng các tỉnh. Tỷ lệ báo cáo, đúng
        hạn tính trên số báo cáo tuần phải nộp. Ô số tổ màu hồng: có tổ phụ trách ít hơn {min} hoặc nhiều hơn {max} hộ. Số chữ đỏ cần chú ý.
      </p>
    </section>
  );
}

/** Column alignment, and on a phone each cell's header before it. */
export const PROVINCE_TABLE_CSS = stackedTableCss("provinces", PROVINCE_HEADS);

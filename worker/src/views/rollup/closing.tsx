/**
 * "Chốt số liệu kỳ" on a district or province page: per commune whether the period is closed
 * ("Đã chốt dd/MM/yyyy", "Đã chấp nhận", "Chưa chốt"), the totals of closed communes apart from open
 * ones, and for a commune whose live figures moved after closing "có điều chỉnh sau khi chốt" with
 * each changed figure (closed → current). A link with the acceptance right gets a form per commune
 * to accept or reopen (POST `<link>/chot`, ../../links/closing.ts). A longer period says plainly that
 * its figures are live. Figures come from worker/src/closing/overlay.ts.
 */
import type { CommuneClosing, RollupClosing } from "../../closing/types";
import type { Figures } from "../../rollup/types";
import { dateVi, num, pct } from "../format";

export interface ClosingForms {
  /** The form's address, and the period and mode to come back to. */
  action: string;
  period: string;
  mode: string;
}

const day = (iso: string | null) => (iso ? dateVi(iso.slice(0, 10)) : "");

export function stateText(c: CommuneClosing): string {
  if (c.state === "accepted") return `Đã chấp nhận ${day(c.accepted_at)} (chốt ${day(c.closed_at)})`;
  if (c.state === "closed") return `Đã chốt ${day(c.closed_at)}`;
  return "Chưa chốt";
}

const HEADLINE: [string, (f: Figures) => string][] = [
  ["Số tổ", (f) => num(f.register.teams)],
  ["Số hộ", (f) => num(f.register.households)],
  ["Báo cáo tuần đã nộp / phải nộp", (f) => `${num(f.reporting.received)} / ${num(f.reporting.expected)}`],
  ["Tỷ lệ báo cáo", (f) => pct(f.reporting.reporting_rate)],
];

function Actions({ c, forms }: { c: CommuneClosing; forms: ClosingForms }) {
  const button = (action: "accept" | "reopen", label: string) => (
    <form method="post" action={forms.action} class="inline">
      <input type="hidden" name="commune" value={c.commune_id} />
      <input type="hidden" name="period" value={forms.period} />
      <input type="hidden" name="mode" value={forms.mode} />
      <input type="hidden" name="action" value={action} />
      <button type="submit">{label}</button>
    </form>
  );
  if (c.state === "closed") return <>{[button("accept", "Chấp nhận"), button("reopen", "Mở lại")]}</>;
  if (c.state === "accepted") return button("reopen", "Mở lại");
  return null;
}

export function Closing({ closing, forms }: { closing: RollupClosing; forms?: ClosingForms | undefined }) {
  if (closing.kind === "live") {
    return (
      <section id="chot-so-lieu">
        <h2>Chốt số liệu kỳ</h2>
        <p class="warn">
          Số liệu chốt theo từng tháng, từng quý. Kỳ này dài hơn nên trang hiển thị số liệu hiện tại của các xã (kể cả điều chỉnh sau khi
          chốt), không phải số đã chốt. Các tháng, quý trong kỳ đã có xã chốt: {closing.closed_periods.join(", ")}. Xem từng tháng, quý để
          thấy số đã chốt.
        </p>
      </section>
    );
  }
  const corrected = closing.communes.filter((c) => c.corrections.length > 0);
  return (
    <section id="chot-so-lieu">
      <h2>Chốt số liệu kỳ</h2>
      <p>
        {num(closing.closed_count)} xã đã chốt, {num(closing.open_count)} xã chưa chốt. Xã đã chốt hiển thị số liệu đã chốt; xã chưa chốt
        hiển thị số liệu hiện tại.
      </p>
      <table class="stack">
        <thead>
          <tr>
            <th>Xã, phường</th>
            <th>Trạng thái</th>
            <th>Điều chỉnh sau khi chốt</th>
            {forms ? <th>Huyện</th> : null}
          </tr>
        </thead>
        <tbody>
          {closing.communes.map((c) => (
            <tr>
              <td class="name">{c.commune}</td>
              <td data-label="Trạng thái">{stateText(c)}</td>
              <td data-label="Điều chỉnh" class={c.corrections.length ? "out" : ""}>
                {c.corrections.length ? `có điều chỉnh sau khi chốt (${num(c.corrections.length)} số liệu)` : ""}
              </td>
              {forms ? (
                <td data-label="Huyện">
                  <Actions c={c} forms={forms} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <table class="stack">
        <thead>
          <tr>
            <th>Tổng</th>
            {HEADLINE.map(([label]) => (
              <th>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              [`Các xã đã chốt (${num(closing.closed_count)})`, closing.closed_totals],
              [`Các xã chưa chốt (${num(closing.open_count)})`, closing.open_totals],
            ] as const
          ).map(([label, f]) => (
            <tr>
              <td class="name">{label}</td>
              {HEADLINE.map(([h, show]) => (
                <td data-label={h}>{show(f)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {corrected.map((c) => (
        <div class="warn">
          <p>
            <strong>{c.commune}</strong>: có điều chỉnh sau khi chốt. Trang này vẫn hiển thị số đã chốt ngày {day(c.closed_at)} cho đến khi
            xã chốt lại.
          </p>
          <table class="stack">
            <thead>
              <tr>
                <th>Số liệu</th>
                <th>Đã chốt</th>
                <th>Hiện tại</th>
                <th>Chênh lệch</th>
              </tr>
            </thead>
            <tbody>
              {c.corrections.map((d) => (
                <tr>
                  <td class="name">{d.label_vi}</td>
                  <td data-label="Đã chốt">{num(d.closed)}</td>
                  <td data-label="Hiện tại">{num(d.current)}</td>
                  <td data-label="Chênh lệch">{`${d.current > d.closed ? "+" : ""}${num(d.current - d.closed)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {closing.merged.length ? (
        <p class="muted">
          {closing.merged.join(", ")}: gồm nhiều xã cũ sáp nhập, hiển thị số liệu hiện tại; xem chế độ "theo địa giới tại thời điểm báo cáo"
          để thấy số đã chốt của từng xã cũ.
        </p>
      ) : null}
    </section>
  );
}

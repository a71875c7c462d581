/** "Chốt số liệu" (/admin/chot): the communes' closed periods under the operator's unit, to accept or reopen. */
import { CLOSING_STATES, type Closing } from "../../../../shared/closing";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import { ConsolePage, Msg } from "./layout";

export interface ClosingLine extends Closing {
  commune_label: string;
}

export function ClosingsPage(props: {
  who: Principal;
  nonce?: string;
  canChange: boolean;
  lines: ClosingLine[];
  flash?: { kind: "ok" | "bad"; text: string };
}) {
  const form = (l: ClosingLine, action: "accept" | "reopen", label: string) => (
    <form method="post" action="/admin/chot" class="inline">
      <input type="hidden" name="commune" value={l.commune_id} />
      <input type="hidden" name="period" value={l.period} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class="plain">
        {label}
      </button>
    </form>
  );
  return (
    <ConsolePage title="Chốt số liệu kỳ" who={props.who} section="chot" {...(props.nonce ? { nonce: props.nonce } : {})}>
      {props.flash ? <Msg kind={props.flash.kind}>{props.flash.text}</Msg> : null}
      <p class="muted">
        Các tháng, quý các xã đã chốt (Dân vận → Chốt số liệu kỳ trong bảng tính của xã). Trang của huyện, tỉnh hiển thị số đã chốt. Sau khi
        huyện chấp nhận, xã không tự mở lại hay chốt lại với số liệu khác được: cần huyện mở lại.
      </p>
      {props.lines.length === 0 ? <p>Chưa có xã nào chốt số liệu.</p> : null}
      <table class="cards">
        <thead>
          <tr>
            <th>Xã, phường</th>
            <th>Kỳ</th>
            <th>Trạng thái</th>
            <th>Người chốt</th>
            <th>Chấp nhận</th>
            {props.canChange ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr>
              <td data-h="Xã">{l.commune_label}</td>
              <td data-h="Kỳ">{l.label_vi}</td>
              <td data-h="Trạng thái">
                <span class={`chip ${l.state === "accepted" ? "ok" : "warn"}`}>{CLOSING_STATES[l.state]}</span>
              </td>
              <td data-h="Người chốt">
                {l.closed_by} · {dateTimeVi(l.closed_at)}
              </td>
              <td data-h="Chấp nhận">{l.accepted_by ? `${l.accepted_by} · ${dateTimeVi(l.accepted_at)}` : ""}</td>
              {props.canChange ? (
                <td class="row-actions">
                  {l.state === "closed" ? form(l, "accept", "Chấp nhận") : null}
                  {form(l, "reopen", "Mở lại")}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ConsolePage>
  );
}

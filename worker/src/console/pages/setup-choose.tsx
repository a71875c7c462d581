/**
 * "Phiếu cài đặt": choose communes, then issue their tokens (those without one) or rotate them (the
 * old token is revoked) — the answer is the printable sheets. Communes without a token come ticked.
 */
import type { CommuneListRow } from "../../rollout/communes";
import { MAX_TOKENS_PER_BATCH } from "../../rollout/tokens";
import type { Principal } from "../env";
import type { UnitChoice } from "../unit-choice";
import { ConsolePage, Msg } from "./layout";
import { type ProvinceCount, ProvinceTable, TokenChip, UnitPicker } from "./parts";

export function SetupChoosePage(props: {
  who: Principal;
  nonce?: string;
  choice: UnitChoice;
  pickable: { id: string; label: string }[];
  canChange: boolean;
  rows: CommuneListRow[] | null;
  provinces: ProvinceCount[] | null;
  flash?: string;
}) {
  const without = props.rows?.filter((r) => !r.tokens).length ?? 0;
  return (
    <ConsolePage
      title={`Phiếu cài đặt — ${props.choice.label}`}
      who={props.who}
      section="phieu"
      {...(props.nonce ? { nonce: props.nonce } : {})}
    >
      {props.flash ? <Msg kind="bad">{props.flash}</Msg> : null}
      <p>
        Mỗi xã một trang A4: các bước cài đặt, <b>mã kết nối</b> (địa chỉ máy chủ và mã truy cập của xã) và mã QR. Mã chỉ hiện khi vừa cấp
        hoặc vừa đổi, nên muốn in lại phải <b>đổi mã</b> (mã cũ ngừng hoạt động ngay, xã phải dán mã kết nối mới).
      </p>
      <UnitPicker action="/admin/phieu" current={props.choice.unitId} options={props.pickable} />
      {props.provinces ? (
        <ProvinceTable path="/admin/phieu" rows={props.provinces} otherHeader="Có mã gửi báo cáo" />
      ) : !props.rows?.length ? (
        <p>
          Chưa có xã nào. Thêm xã ở mục <a href="/admin/xa">Xã, phường</a>.
        </p>
      ) : (
        <form method="post" action="/admin/phieu">
          <div class="scroll">
            <table class="cards">
              <thead>
                <tr>
                  <th>Chọn</th>
                  <th>Xã, phường</th>
                  <th>Mã gửi báo cáo</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr>
                    <td data-h="Chọn">
                      <input type="checkbox" name="xa" value={r.unit.id} checked={!r.tokens} aria-label={r.unit.short} />
                    </td>
                    <td data-h="Xã">
                      <b>{r.unit.short}</b> <span class="muted">({r.unit.code})</span>
                    </td>
                    <td data-h="Mã">
                      <TokenChip tokens={r.tokens} since={r.token_issued_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.canChange ? (
            <p class="row-actions">
              <button type="submit" name="viec" value="issue" class="main">
                Cấp mã và in phiếu cho xã đã chọn chưa có mã ({without} xã chưa có mã)
              </button>
              <button type="submit" name="viec" value="rotate" class="plain">
                Đổi mã và in lại phiếu cho xã đã chọn (mã cũ bị thu hồi)
              </button>
            </p>
          ) : (
            <p class="muted">Tài khoản chỉ xem: không cấp hoặc đổi mã được.</p>
          )}
          <p class="muted">Tối đa {MAX_TOKENS_PER_BATCH} xã mỗi lần.</p>
        </form>
      )}
    </ConsolePage>
  );
}

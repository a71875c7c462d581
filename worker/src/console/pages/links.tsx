/**
 * "Đường dẫn": create a read-only rollup link (figures only for a province or district; a commune's
 * link may also show its lists), label it, give it an end date, revoke it. The list shows each link's
 * last access and number of accesses from the access log. A new link's address shows once.
 */
import type { Child } from "hono/jsx";
import type { LinkAccessSummary } from "../../db/access-log";
import type { LinkRow } from "../../rollout/tokens";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import { ConsolePage, CopyBox, Msg } from "./layout";
import { Chip } from "./parts";

export interface LinkView extends LinkRow {
  unit_label: string;
  access: LinkAccessSummary;
}

function state(l: LinkRow, now: string) {
  if (l.revoked_at) return <Chip kind="off">đã thu hồi {dateTimeVi(l.revoked_at)}</Chip>;
  if (l.expires_at && l.expires_at <= now) return <Chip kind="warn">hết hạn</Chip>;
  return <Chip kind="ok">đang dùng</Chip>;
}

const SCOPE_LABEL = { aggregate: "Số liệu tổng hợp", detail: "Chi tiết xã (có danh sách hộ)" } as const;

export function LinksPage(props: {
  who: Principal;
  nonce?: string;
  canChange: boolean;
  units: { id: string; label: string; detail: boolean }[];
  links: LinkView[];
  created?: { url: string; label: string };
  flash?: { kind: "ok" | "bad"; text: string };
  now: string;
  picker?: Child;
}) {
  return (
    <ConsolePage title="Đường dẫn xem số liệu" who={props.who} section="duong-dan" {...(props.nonce ? { nonce: props.nonce } : {})}>
      {props.flash ? <Msg kind={props.flash.kind}>{props.flash.text}</Msg> : null}
      {props.picker}
      {props.created ? (
        <section>
          <Msg kind="ok">Đã tạo đường dẫn “{props.created.label}”. Địa chỉ này chỉ hiện một lần: hãy chép và gửi cho người cần xem.</Msg>
          <CopyBox id="new-link" text={props.created.url} label="Địa chỉ đường dẫn" rows={2} />
        </section>
      ) : null}
      {props.canChange && props.units.length ? (
        <section class="noprint">
          <h2>Tạo đường dẫn mới</h2>
          <form class="stack" method="post" action="/admin/duong-dan">
            <label>
              Đơn vị
              <select name="don-vi" required>
                {props.units.map((u) => (
                  <option value={u.id}>{u.label}</option>
                ))}
              </select>
            </label>
            <label>
              Loại
              <select name="loai">
                <option value="aggregate">{SCOPE_LABEL.aggregate} — cho huyện, tỉnh</option>
                <option value="detail">{SCOPE_LABEL.detail} — chỉ cho đường dẫn của một xã</option>
              </select>
            </label>
            <label>
              Tên gọi (ai dùng, để làm gì)
              <input name="nhan" required maxlength={200} placeholder="Ví dụ: Thường trực Huyện ủy xem hằng tuần" />
            </label>
            <label>
              <input type="checkbox" name="chap-nhan" value="1" /> Được chấp nhận, mở lại số liệu đã chốt của các xã (chỉ đường dẫn của
              huyện, tỉnh)
            </label>
            <label>
              Hết hạn sau ngày (để trống: không hết hạn)
              <input type="date" name="het-han" />
            </label>
            <div>
              <button type="submit" class="main">
                Tạo đường dẫn
              </button>
            </div>
          </form>
        </section>
      ) : null}
      <section>
        <h2>Các đường dẫn ({props.links.length})</h2>
        <div class="scroll">
          <table class="cards links">
            <thead>
              <tr>
                <th>Tên gọi</th>
                <th>Đơn vị, loại</th>
                <th>Trạng thái</th>
                <th>Hết hạn</th>
                <th class="n">Lượt xem</th>
                <th>Xem gần nhất</th>
                {props.canChange ? <th class="noprint">Việc</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.links.map((l) => (
                <tr data-link={l.token_hash.slice(0, 12)}>
                  <td data-h="Tên gọi">
                    {l.label ?? ""}
                    <div class="muted">tạo {dateTimeVi(l.created_at)}</div>
                  </td>
                  <td data-h="Đơn vị">
                    {l.unit_label}
                    <div class="muted">
                      {SCOPE_LABEL[l.scope]}
                      {l.can_accept ? " · được chấp nhận số liệu đã chốt" : ""}
                    </div>
                  </td>
                  <td data-h="Trạng thái">{state(l, props.now)}</td>
                  <td data-h="Hết hạn">{l.expires_at ? dateTimeVi(l.expires_at) : "không"}</td>
                  <td class="n" data-h="Lượt xem">
                    {l.access.count}
                  </td>
                  <td data-h="Xem gần nhất">{l.access.last_at ? dateTimeVi(l.access.last_at) : "chưa ai xem"}</td>
                  {props.canChange ? (
                    <td class="noprint" data-h="Việc">
                      {l.revoked_at ? null : (
                        <div class="row-actions">
                          <form class="inline" method="post" action="/admin/duong-dan/han">
                            <input type="hidden" name="ma" value={l.token_hash} />
                            <input type="date" name="het-han" aria-label="Hạn mới" />
                            <button type="submit" class="plain">
                              Đổi hạn
                            </button>
                          </form>
                          <form class="inline" method="post" action="/admin/duong-dan/thu-hoi">
                            <input type="hidden" name="ma" value={l.token_hash} />
                            <button type="submit" class="plain">
                              Thu hồi
                            </button>
                          </form>
                        </div>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </ConsolePage>
  );
}
